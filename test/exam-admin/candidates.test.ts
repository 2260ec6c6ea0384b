import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { CARER, ELECTRICIAN, LATHE, candidateRows, idNumber, importRows, lastAudit, planBatch, pngBytes, upload, withWrongCheck, type PlannedBatch } from './fixtures';

const DIALECTS = await dialects();

describe.each(DIALECTS)('考生 over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let supervisor: string;
  let p: PlannedBatch;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { seeders: [] });
    office = await t.login('office');
    supervisor = await t.login('supervisor');
    p = await planBatch(t, office);
  });
  afterAll(async () => t.close());

  const person = (over: Record<string, unknown> = {}) => ({
    name: '刘德华', idType: '201', idNumber: idNumber('19880512', 31), education: '高中', workUnit: '南昌市红星电器厂',
    workYears: 7, occupationId: p.occ[ELECTRICIAN], level: 4, eligibilityBasis: '累计从事本职业工作6年以上', ...over,
  });
  const register = (body: Record<string, unknown>, cookie = office) => t.call('POST', `/api/batches/${p.batchId}/candidates`, { cookie, body });
  const fieldProblems = (body: { error: { details: { fields: { field: string; problem: string }[] } } }) => body.error.details.fields;

  it('registers a candidate; gender and birth date come from the ID number; eligibility basis is stored', async () => {
    const r = await register(person());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.candidate).toMatchObject({
      name: '刘德华', gender: '男', birthDate: '1988-05-12', idTypeName: '居民身份证', occupationName: '电工', levelLabel: '四级/中级工',
      eligible: true, eligibilityBasis: '累计从事本职业或相关职业工作6年（含）以上', idProblems: [], components: ['theory', 'practical'],
    });
    expect((await lastAudit(t, 'candidate.create')).after.idNumber).toBe(person().idNumber);
  });

  it('refuses bad ID numbers field by field in Chinese: wrong check digit, impossible birth date, wrong length', async () => {
    const wrongCheck = await register(person({ idNumber: withWrongCheck(idNumber('19900101', 11)) }));
    expect(wrongCheck.status).toBe(400);
    expect(fieldProblems(wrongCheck.body)).toEqual([{ field: 'idNumber', problem: '校验码不符（第18位），请逐位核对号码' }]);

    const first17 = '36010219900230011'; // 30 February
    const impossible = await register(person({ idNumber: first17 + '1' }));
    expect(impossible.status).toBe(400);
    expect(fieldProblems(impossible.body).map((f) => f.problem)).toContain('号码中的出生日期（第7–14位）19900230不存在');

    const short = await register(person({ idNumber: '36010219900101011' }));
    expect(short.status).toBe(400);
    expect(fieldProblems(short.body)).toContainEqual({ field: 'idNumber', problem: '居民身份证号码长度应为18位，实际为17位' });

    const mismatch = await register(person({ idNumber: idNumber('19900101', 12), birthDate: '1990-01-02', gender: '男' }));
    expect(fieldProblems(mismatch.body).map((f) => f.field)).toContain('idNumber');
    expect(fieldProblems(mismatch.body).map((f) => f.problem).join()).toContain('与填写的出生日期（1990-01-02）不一致');
    expect(fieldProblems(mismatch.body).map((f) => f.problem).join()).toContain('性别为女');
  });

  it('names every wrong field at once', async () => {
    const r = await register(person({ name: '', education: '幼儿园', workYears: -1, level: 3 }));
    expect(r.status).toBe(400);
    expect(fieldProblems(r.body).map((f) => f.field).sort()).toEqual(['education', 'level', 'name', 'workYears']);
    expect(r.body.error.message).toContain('姓名不能为空');
  });

  it('refuses a duplicate candidate in the batch', async () => {
    const body = person({ idNumber: idNumber('19850101', 51), name: '张学友' });
    expect((await register(body)).status).toBe(201);
    const again = await register({ ...body, name: '张学友', idNumber: body.idNumber.toLowerCase() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CANDIDATE_DUPLICATE');
    expect(again.body.error.message).toContain('已在本批次报名');
  });

  it('flags an ineligible candidate at once and lists them with the flag filter', async () => {
    const r = await register(person({ idNumber: idNumber('20000303', 71), name: '郭富城', workYears: 2, eligibilityBasis: '从事本职业工作2年' }));
    expect(r.status).toBe(201);
    expect(r.body.candidate.eligible).toBe(false);
    expect(r.body.candidate.status).toBe('ineligible');
    expect(r.body.candidate.eligibility.problems.join()).toContain('不符合四级/中级工的任何一项申报条件');
    const list = await t.call('GET', `/api/batches/${p.batchId}/candidates?flag=ineligible`, { cookie: supervisor });
    expect(list.body.candidates.map((c: { name: string }) => c.name)).toEqual(['郭富城']);

    // A previous 五级 certificate four years ago makes the same person eligible.
    const fixed = await t.call('PATCH', `/api/batches/${p.batchId}/candidates/${r.body.candidate.id}`, {
      cookie: office,
      body: { workYears: 5, eligibility: { certificateLevel: 5, certificateIssuedOn: '2021-06-30' } },
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.candidate.eligible).toBe(true);
    expect(fixed.body.candidate.eligibilityBasis).toContain('取得本职业或相关职业五级/初级工证书后');
    const a = await lastAudit(t, 'candidate.update');
    expect(a.before.eligible).toBe(false);
    expect(a.after.eligibility.eligible).toBe(true);
  });

  it('shows who has a wrong ID number even when it was stored by another tool', async () => {
    const r = await register(person({ idNumber: idNumber('19770707', 91), name: '黎明' }));
    await t.db.db.updateTable('candidates').set({ id_number: withWrongCheck(r.body.candidate.idNumber) }).where('id', '=', r.body.candidate.id).execute();
    const list = await t.call('GET', `/api/batches/${p.batchId}/candidates?flag=idProblem`, { cookie: office });
    expect(list.body.candidates).toHaveLength(1);
    expect(list.body.candidates[0]).toMatchObject({ name: '黎明', idProblems: ['校验码不符（第18位），请逐位核对号码'] });
  });

  it('imports 200 candidates from an xlsx made with the template headers', async () => {
    const q = await planBatch(t, office, { name: '导入批次' });
    const rows = candidateRows(200, [
      { code: ELECTRICIAN, level: '四级/中级工' },
      { code: LATHE, level: '五级/初级工' },
      { code: CARER, level: '四级' },
    ]);
    const r = await importRows(t, office, q.batchId, rows);
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(201);
    expect(r.body).toMatchObject({ imported: 200, ineligible: 0 });
    const list = await t.call('GET', `/api/batches/${q.batchId}/candidates`, { cookie: office });
    expect(list.body.totals).toMatchObject({ all: 200, ineligible: 0 });
    const view = await t.call('GET', `/api/batches/${q.batchId}`, { cookie: office });
    expect(view.body.entries.find((e: { code: string; level: number }) => e.code === LATHE && e.level === 5).candidates).toBe(67);
    const audit = await lastAudit(t, 'candidate.import');
    expect(audit.after.imported).toBe(200);
    expect(audit.before.candidates).toBe(0);
  });

  it('refuses the whole file when rows are wrong or repeated, naming row and column', async () => {
    const q = await planBatch(t, office, { name: '导入校验' });
    const rows = candidateRows(5, [{ code: ELECTRICIAN, level: '四级' }]);
    rows[3]!['证件号码'] = rows[1]!['证件号码']!; // file row 5 repeats file row 3
    rows[4]!['证件号码'] = withWrongCheck(String(rows[4]!['证件号码']));
    rows[2]!['等级'] = '三级';
    const r = await importRows(t, office, q.batchId, rows);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('IMPORT_REJECTED');
    expect(r.body.error.details.errors).toEqual(
      expect.arrayContaining([
        { row: 5, column: '证件号码', problem: '证件号码与第3行重复' },
        { row: 6, column: '证件号码', problem: '校验码不符（第18位），请逐位核对号码' },
        expect.objectContaining({ row: 4, column: '申报等级' }),
      ]),
    );
    const list = await t.call('GET', `/api/batches/${q.batchId}/candidates`, { cookie: office });
    expect(list.body.totals.all).toBe(0);

    // Rows already registered in the batch are refused too.
    const good = candidateRows(3, [{ code: ELECTRICIAN, level: '四级' }], 500);
    expect((await importRows(t, office, q.batchId, good.slice(0, 1))).status).toBe(201);
    const again = await importRows(t, office, q.batchId, good);
    expect(again.status).toBe(400);
    expect(again.body.error.details.errors).toEqual([{ row: 2, column: '证件号码', problem: '该证件号码的考生已在本批次报名' }]);
    expect((await t.call('GET', `/api/batches/${q.batchId}/candidates`, { cookie: office })).body.totals.all).toBe(1);
  });

  it('refuses a file that is not an xlsx, and one with formulas', async () => {
    const notXlsx = await upload(t, `/api/batches/${p.batchId}/candidates/import`, 'file', Buffer.from('姓名,证件号码\n张三,1'), 'a.xlsx', office);
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.error.code).toBe('UPLOAD_BAD_SIGNATURE');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('考生信息');
    ws.addRow(['姓名', '证件号码']);
    ws.addRow(['张三', { formula: 'HYPERLINK("http://x","y")' }]);
    const withFormula = await upload(t, `/api/batches/${p.batchId}/candidates/import`, 'file', Buffer.from(await wb.xlsx.writeBuffer()), 'f.xlsx', office);
    expect(withFormula.body.error.code).toBe('UPLOAD_FORMULA');
  });

  it('the import template downloads with the columns the importer reads', async () => {
    const r = await t.call('GET', `/api/batches/${p.batchId}/candidates/template.xlsx`, { cookie: office });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const header = (wb.getWorksheet('考生信息')!.getRow(1).values as unknown[]).filter(Boolean);
    expect(header).toContain('证件号码');
    expect(header).toContain('申报依据');
  });

  it('accepts a JPEG/PNG photo by its signature and refuses anything else', async () => {
    const c = await register(person({ idNumber: idNumber('19820202', 13), name: '周润发' }));
    const path = `/api/batches/${p.batchId}/candidates/${c.body.candidate.id}/photo`;
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(4000)]);
    const bad = await upload(t, path, 'photo', gif, 'photo.png', office);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0]).toEqual({ field: 'photo', problem: '照片格式应为 JPEG 或 PNG' });
    const wide = await upload(t, path, 'photo', pngBytes(300, 100), 'wide.png', office);
    expect(wide.body.error.message).toContain('竖版');
    const ok = await upload(t, path, 'photo', pngBytes(), 'photo.png', office);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.candidate.hasPhoto).toBe(true);
    const back = await t.call('GET', path, { cookie: supervisor });
    expect(back.res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await back.res.arrayBuffer()).equals(pngBytes())).toBe(true);
    expect((await lastAudit(t, 'candidate.photo')).after).toMatchObject({ hasPhoto: true, format: 'png', width: 120, height: 160 });
  });

  it('filters the list by occupation, level and text', async () => {
    const list = await t.call('GET', `/api/batches/${p.batchId}/candidates?occupationId=${p.occ[ELECTRICIAN]}&level=4&q=${encodeURIComponent('张学友')}`, { cookie: office });
    expect(list.body.candidates.map((c: { name: string }) => c.name)).toEqual(['张学友']);
  });

  it('deletes a candidate with an audit of what was removed', async () => {
    const c = await register(person({ idNumber: idNumber('19830303', 15), name: '梁朝伟' }));
    const r = await t.call('DELETE', `/api/batches/${p.batchId}/candidates/${c.body.candidate.id}`, { cookie: office });
    expect(r.status).toBe(200);
    expect((await lastAudit(t, 'candidate.delete')).before.name).toBe('梁朝伟');
    expect((await t.call('GET', `/api/batches/${p.batchId}/candidates/${c.body.candidate.id}`, { cookie: office })).status).toBe(404);
  });
});
