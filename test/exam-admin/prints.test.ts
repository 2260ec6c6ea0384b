import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { pdfText } from '../documents/pdf-text';
import { CARER, ELECTRICIAN, LATHE, candidateRows, importRows, lastAudit, planBatch, pngBytes, upload, type PlannedBatch } from './fixtures';

const DIALECTS = await dialects();

describe.each(DIALECTS)('准考证与打印 over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let supervisor: string;
  let p: PlannedBatch;
  const rows = candidateRows(12, [
    { code: ELECTRICIAN, level: '四级' },
    { code: LATHE, level: '五级' },
    { code: CARER, level: '四级' },
  ]);
  const users: Record<string, number> = {};

  beforeAll(async () => {
    t = await makeTestApp(dialect, { seeders: [] });
    office = await t.login('office');
    supervisor = await t.login('supervisor');
    for (const u of await t.db.db.selectFrom('users').select(['id', 'username']).execute()) users[u.username] = u.id;
    // First sitting 2026-11-27: tickets were due 5 working days before (2026-11-20), so issuing today is late.
    p = await planBatch(t, office, { date: '2026-11-27', code: '261103', name: '2026年第11期（补充）' });
    expect((await importRows(t, office, p.batchId, rows)).status).toBe(201);
    await t.call('POST', `/api/batches/${p.batchId}/rooms`, { cookie: office, body: { name: '第1考场', venue: '实训楼301' } });
    expect((await t.call('POST', `/api/batches/${p.batchId}/sittings/${p.theoryId}/arrange`, { cookie: office, body: {} })).status).toBe(200);
    const room = (await t.call('GET', `/api/batches/${p.batchId}/rooms`, { cookie: office })).body.rooms[0].id;
    expect((await t.call('PUT', `/api/batches/${p.batchId}/sittings/${p.theoryId}/rooms/${room}/proctors`, { cookie: office, body: { userIds: [users.proctor1, users.proctor2] } })).status).toBe(200);
    const g = await t.call('PUT', `/api/batches/${p.batchId}/sittings/${p.practicalId}/groups`, { cookie: office, body: { name: '第1组', leaderId: users.examiner1, examinerIds: [users.examiner2, users.examiner3] } });
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    await t.call('PUT', `/api/batches/${p.batchId}/supervisor`, { cookie: office, body: { userId: users.supervisor } });
  });
  afterAll(async () => t.close());

  const pdf = async (path: string, cookie = office) => {
    const r = await t.call('GET', path, { cookie });
    expect(r.status, path).toBe(200);
    expect(r.res.headers.get('content-type')).toBe('application/pdf');
    return pdfText(Buffer.from(await r.res.arrayBuffer()));
  };

  it('issues the tickets, records the date and warns that it is later than the deadline', async () => {
    const filed = await t.call('POST', `/api/batches/${p.batchId}/file`, { cookie: office, body: {} });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    const r = await t.call('POST', `/api/batches/${p.batchId}/tickets/issue`, { cookie: office });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ issued: 12, total: 12, batch: { ticketsIssuedOn: '2026-11-23' }, deadline: { key: 'ticketIssue', due: '2026-11-20', status: 'late' } });
    expect(r.body.warnings[0]).toContain('已晚于准考证发放截止日期 2026-11-20');
    const a = await lastAudit(t, 'tickets.issue');
    expect(a.before.ticketsIssuedOn).toBeNull();
    expect(a.after.ticketsIssuedOn).toBe('2026-11-23');
    const view = await t.call('GET', `/api/batches/${p.batchId}`, { cookie: office });
    expect(view.body.counts).toMatchObject({ seated: 12, ticketsIssued: 12 });
  });

  it('prints one ticket with the candidate, photo box, both components, room, seat and ticket number', async () => {
    const list = await t.call('GET', `/api/batches/${p.batchId}/candidates`, { cookie: office });
    const c = list.body.candidates[0];
    await upload(t, `/api/batches/${p.batchId}/candidates/${c.id}/photo`, 'photo', pngBytes(), 'p.png', office);
    const text = await pdf(`/api/batches/${p.batchId}/tickets.pdf?candidateId=${c.id}`);
    expect(text.pageCount).toBe(1);
    for (const s of ['准考证', c.name, c.idNumber, c.seat.ticketNo, '电工', '四级/中级工', '理论知识考试', '技能操作考核', '2026-11-27', '第1考场', '考评组第1组', '示范中心实训楼']) {
      expect(text.flat, s).toContain(s.replace(/\s+/g, ''));
    }
  });

  it('prints all tickets of the batch, two per page', async () => {
    const text = await pdf(`/api/batches/${p.batchId}/tickets.pdf`, supervisor);
    expect(text.pageCount).toBe(6);
    for (const r of rows) expect(text.flat).toContain(r['姓名']);
  });

  it('prints the room door list and the candidate and staff sign-in sheets', async () => {
    const door = await pdf(`/api/batches/${p.batchId}/door-lists.pdf`);
    expect(door.flat).toContain('第1考场');
    expect(door.flat).toContain(rows[5]!['姓名']);
    const signIn = await pdf(`/api/batches/${p.batchId}/sign-in/candidates.pdf`);
    expect(signIn.flat).toContain('考生签到表');
    // ID numbers are masked on sign-in sheets, which lie open on a desk.
    expect(signIn.flat).not.toContain(String(rows[0]!['证件号码']));
    expect(signIn.flat).toContain('考评组第1组');
    const staff = await pdf(`/api/batches/${p.batchId}/sign-in/staff.pdf`);
    for (const s of ['李强（监考员）', '张伟（考评员）（组长）', '周红（内部质量督导员）', '督导员']) expect(staff.flat).toContain(s);
  });

  it('exports the 认定计划 with the official columns, counts per level and totals', async () => {
    const r = await t.call('GET', `/api/batches/${p.batchId}/plan.xlsx`, { cookie: office });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const values = (n: number) => Array.from({ length: 11 }, (_, i) => ws.getRow(n).getCell(i + 1).value).map((v) => (v === undefined || v === null ? '' : String(v)));
    const headerRow = [1, 2, 3].find((n) => values(n)[0] === '序号')!;
    expect(values(headerRow)).toEqual(['序号', '职业（工种）', '五级', '四级', '三级', '二级', '一级', '小计', '场次及时间', '评价场所', '考评人员']);
    const body = [1, 2, 3, 4].map((k) => values(headerRow + k));
    // Rows in occupation-code order; a planned level without candidates shows 0, an unplanned one is blank.
    expect(body.map((r) => r.slice(0, 8))).toEqual([
      ['1', '养老护理员', '0', '4', '', '', '', '4'],
      ['2', '车工', '4', '0', '', '', '', '4'],
      ['3', '电工', '0', '4', '', '', '', '4'],
      ['', '合计', '4', '8', '0', '0', '0', '12'],
    ]);
    expect(body[2]![8]).toContain('理论知识考试 2026-11-27 09:00-10:30');
    expect(body[2]![8]).toContain('技能操作考核 2026-11-27 14:00-16:00');
    expect(body[2]![9]).toContain('示范中心实训楼');
    expect(body[2]![10]).toContain('张伟（考评员）');
  });

  it('nothing to print is a clear refusal, not an empty file', async () => {
    const empty = (await t.call('POST', '/api/batches', { cookie: office, body: { name: '空批次' } })).body.batch.id;
    const r = await t.call('GET', `/api/batches/${empty}/tickets.pdf`, { cookie: office });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('没有可打印的准考证');
  });
});
