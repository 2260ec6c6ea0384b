import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { CERTIFICATE_NUMBER_PATTERN, ROSTER_COLUMNS } from '../../scoring';
import { dialects } from '../support/databases';
import { compute, defineSheet, newBatch, people, relogin, scoreByGroup, scoringWorld, sheetEntry, sit, type ScoringWorld } from './setup';

const DIALECTS = await dialects();
const good = () => [sheetEntry({ '2': 2 }), sheetEntry({ '2': 4 }), sheetEntry({ '5': 2 })];

describe.each(DIALECTS)('publicity, objections, certificates, reports (%s)', (dialect) => {
  let w: ScoringWorld;
  let b: Awaited<ReturnType<typeof newBatch>>;
  beforeAll(async () => {
    w = await scoringWorld(dialect);
    await defineSheet(w);
    const list = people(4);
    list[0]!.workUnit = '=HYPERLINK("http://evil.example","点我")';
    list[1]!.name = '@张三';
    b = await newBatch(w, { code: '270301', candidates: list });
    for (const [i, id] of b.candidateIds.entries()) {
      await sit(w, b, id, i === 3 ? 10 : 34); // the fourth fails theory
      await scoreByGroup(w, id, good());
    }
    await compute(w, b.batchId);
  });
  afterAll(async () => w?.close());

  it('publishing runs 5 working days on the calendar; the public list masks ID numbers', async () => {
    const early = await w.t.call('POST', `/api/scoring/batches/${b.batchId}/certificates`, { cookie: w.cookie.office, body: {} });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('PUBLICITY_NOT_CLOSED');
    // Monday 2026-11-23 → Friday 2026-11-27 (no holiday that week).
    const p = await w.t.call('POST', `/api/scoring/batches/${b.batchId}/publicity`, { cookie: w.cookie.office });
    expect(p.body).toMatchObject({ startedOn: '2026-11-23', endsOn: '2026-11-27', warning: null });
    const pub = await w.t.call('GET', '/api/public/publicity');
    expect(pub.status).toBe(200);
    const list = pub.body.publicities.find((x: any) => x.batchName === '测试批次270301');
    expect(list.rows).toHaveLength(4);
    expect(list.rows[0]).toEqual({ name: '考生1', maskedId: expect.stringMatching(/^360102\*{8}\d{3}X$/), occupation: '电工', workType: '--', level: '四级/中级工', result: '合格' });
    expect(list.rows[3].result).toBe('不合格');
    expect(JSON.stringify(pub.body)).not.toMatch(/3601021990010\d{4}X/);
  });

  it('a candidate objects during publicity; closing is refused until it is resolved', async () => {
    const cand = await w.t.loginCandidate(await ticketOf(b.candidateIds[3]!), await idOf(b.candidateIds[3]!));
    const mine = await w.t.call('GET', '/api/scoring/my/results', { cookie: cand });
    expect(mine.body.results[0]).toMatchObject({ published: true, statusName: '不合格', failing: ['理论知识考试'], publicity: { status: 'open' } });
    const remark = await w.t.call('POST', '/api/scoring/my/objections', { cookie: cand, body: { category: 'rework', statement: '请重新评阅我的答卷' } });
    expect(remark.status).toBe(400);
    const lodged = await w.t.call('POST', '/api/scoring/my/objections', { cookie: cand, body: { category: 'additionError', statement: '理论成绩与自估差距较大，申请复核合分' } });
    expect(lodged.status).toBe(201);
    // A second objection on the same ground while the first is open would only pile up and block closing.
    const again = await w.t.call('POST', '/api/scoring/my/objections', { cookie: cand, body: { category: 'additionError', statement: '再次申请复核合分' } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'OBJECTION_PENDING', message: expect.stringContaining('合分错误') });
    // Still within the period: closing is refused.
    const tooEarly = await w.t.call('POST', `/api/scoring/batches/${b.batchId}/publicity/close`, { cookie: w.cookie.office });
    expect(tooEarly.status).toBe(409);
    // After the last day, but with the objection open: still refused, naming the open objection.
    w.t.clock.set('2026-11-28T02:00:00.000Z');
    await relogin(w); // five days later the sessions have expired
    const late = await w.t.call('POST', '/api/scoring/my/objections', { cookie: await w.t.loginCandidate(await ticketOf(b.candidateIds[3]!), await idOf(b.candidateIds[3]!)), body: { category: 'recordingError', statement: '公示期后提出的异议' } });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('公示期');
    const blocked = await w.t.call('POST', `/api/scoring/batches/${b.batchId}/publicity/close`, { cookie: w.cookie.office });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toContain('尚有 1 件异议未处理完毕');
    const view = await w.t.call('GET', `/api/scoring/batches/${b.batchId}/publicity`, { cookie: w.cookie.supervisor });
    const objection = view.body.publicity.objections[0];
    expect(objection).toMatchObject({ categoryName: '合分错误', status: 'open', candidateName: '考生4' });
    const resolved = await w.t.call('POST', `/api/scoring/objections/${objection.id}/resolve`, { cookie: w.cookie.office, body: { outcome: 'rejected', note: '逐题核对作答记录与合分，成绩无误' } });
    expect(resolved.status).toBe(200);
    const closed = await w.t.call('POST', `/api/scoring/batches/${b.batchId}/publicity/close`, { cookie: w.cookie.office });
    expect(closed.status).toBe(200);
    const actions = (await w.t.db.db.selectFrom('audit_log').select('action').where('action', 'like', 'scoring.%').execute()).map((a) => a.action);
    for (const a of ['scoring.publicity-publish', 'scoring.objection-lodge', 'scoring.objection-resolve', 'scoring.publicity-close']) expect(actions).toContain(a);
  });

  it('certificates only for passed results, numbered by the 2019 rule, unique under concurrent allocation', async () => {
    // Issue the three passed candidates in three parallel requests (and one duplicate request).
    const calls = [0, 1, 2, 0].map((i) => w.t.call('POST', `/api/scoring/batches/${b.batchId}/certificates`, { cookie: w.cookie.office, body: { candidateIds: [b.candidateIds[i]!] } }));
    const answers = await Promise.all(calls);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const numbers = answers.flatMap((a) => a.body.issued.map((x: any) => x.number));
    expect(numbers).toHaveLength(3);
    expect(new Set(numbers).size).toBe(3);
    for (const n of numbers) expect(n).toMatch(CERTIFICATE_NUMBER_PATTERN);
    // S (社会培训评价组织) 0000 36 010001 26 4 + serial 000001…000003.
    expect([...numbers].sort()).toEqual(['S000036010001264000001', 'S000036010001264000002', 'S000036010001264000003']);
    const failed = await w.t.call('POST', `/api/scoring/batches/${b.batchId}/certificates`, { cookie: w.cookie.office, body: { candidateIds: [b.candidateIds[3]!] } });
    expect(failed.body).toEqual({ issued: [], skipped: [{ candidateId: b.candidateIds[3], reason: '认定结果不是合格' }] });
  });

  it('the public verifies by number and name or by the QR code, seeing the ID masked; a revoked certificate is not verifiable and its number is never reused', async () => {
    const certs = (await w.t.call('GET', `/api/scoring/batches/${b.batchId}/certificates`, { cookie: w.cookie.office })).body.certificates;
    const c = certs.find((x: any) => x.candidateId === b.candidateIds[0]);
    const ok = await w.t.call('GET', `/api/public/certificates/verify?no=${c.number}&name=${encodeURIComponent('考生1')}`);
    expect(ok.status).toBe(200);
    expect(ok.body.certificate).toEqual({
      number: c.number, name: '考生1', idTypeName: '居民身份证', idNumber: expect.stringMatching(/^360102\*{8}\d{3}X$/), occupationName: '电工',
      workType: '--', levelName: '四级/中级工', issuedOn: '2026-11-28', organization: '江西省示范职业技能评价中心',
    });
    const wrongName = await w.t.call('GET', `/api/public/certificates/verify?no=${c.number}&name=${encodeURIComponent('别人')}`);
    expect(wrongName.status).toBe(404);
    const onlyNumber = await w.t.call('GET', `/api/public/certificates/verify?no=${c.number}`);
    expect(onlyNumber.status).toBe(400);
    const code = (await w.t.db.db.selectFrom('certificates').select('verify_code').where('number', '=', c.number).executeTakeFirstOrThrow()).verify_code!;
    const qr = await w.t.call('GET', `/api/public/certificates/verify?no=${c.number}&k=${encodeURIComponent(code)}`);
    expect(qr.body.certificate.name).toBe('考生1');

    // The certificate PDF carries the QR link to /verify with that number and code.
    const pdfRes = await w.t.call('GET', `/api/scoring/certificates/${c.id}/pdf`, { cookie: w.cookie.office });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdfRes.res.arrayBuffer())), { mergePages: true });
    expect(text.replace(/\s+/g, '')).toContain(`/verify?no=${c.number}&k=${code}`);
    expect(text).toContain('四级/中级工');

    const revoke = await w.t.call('POST', `/api/scoring/certificates/${c.id}/revoke`, { cookie: w.cookie.office, body: { reason: '经核查申报材料不实，撤销证书' } });
    expect(revoke.status).toBe(200);
    const gone = await w.t.call('GET', `/api/public/certificates/verify?no=${c.number}&name=${encodeURIComponent('考生1')}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toContain('未查到该证书');
    // Re-issued after revocation: a new number, the old one stays retired.
    const again = await w.t.call('POST', `/api/scoring/batches/${b.batchId}/certificates`, { cookie: w.cookie.office, body: { candidateIds: [b.candidateIds[0]!] } });
    expect(again.body.issued[0].number).toBe('S000036010001264000004');
  });

  it('the roster has exactly the notice’s header row, neutralised cells and only valid certificates', async () => {
    const r = await w.t.call('GET', `/api/scoring/batches/${b.batchId}/roster.xlsx`, { cookie: w.cookie.supervisor });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const rows = ws.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    expect(rows[0]).toEqual(['姓名', '证件类型', '证件号码', '所在单位', '职业名称', '工种名称', '职业技能等级', '证书编号', '发证日期', '评价机构', '发证机构']);
    expect(rows[0]).toEqual([...ROSTER_COLUMNS]);
    expect(rows).toHaveLength(4); // header + 3 valid certificates (the revoked one is not reported)
    const byNumber = new Map(rows.slice(1).map((x) => [x[7], x]));
    expect(byNumber.has('S000036010001264000001')).toBe(false);
    const first = byNumber.get('S000036010001264000004')!;
    expect(first[3]).toBe('\'=HYPERLINK("http://evil.example","点我")');
    expect(first[8]).toBe('2026-11-28');
    expect(first[6]).toBe('四级/中级工');
    expect(first[5]).toBe('--');
    const zhang = rows.slice(1).find((x) => String(x[0]).includes('张三'))!;
    expect(zhang[0]).toBe("'@张三");
  });

  it('the results summary is available as xlsx and PDF; statistics give pass rates and distributions', async () => {
    const x = await w.t.call('GET', `/api/scoring/batches/${b.batchId}/summary.xlsx`, { cookie: w.cookie.office });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await x.res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(5, 3).value).toBe('电工');
    expect(ws.getCell(5, 6).value).toBe(3); // 四级 column
    const p = await w.t.call('GET', `/api/scoring/batches/${b.batchId}/summary.pdf`, { cookie: w.cookie.office });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await p.res.arrayBuffer())), { mergePages: true });
    expect(text).toContain('职业技能等级认定结果汇总表');
    expect(text).toContain('备案-270301');
    const s = await w.t.call('GET', `/api/scoring/statistics?batchId=${b.batchId}`, { cookie: w.cookie.supervisor });
    expect(s.body.rates.byOccupationLevel[0]).toMatchObject({ occupationCode: '6-31-01-03', level: 4, candidates: 4, sat: 4, passed: 3, rate: 0.75 });
    expect(s.body.rates.byComponent.map((c: any) => [c.component, c.passed, c.sat])).toEqual([['theory', 3, 4], ['practical', 4, 4]]);
    const theory = s.body.histograms.find((h: any) => h.component === 'theory');
    expect(theory.bins.find((bin: any) => bin.label === '80–89').count).toBe(3);
    expect(theory.bins.find((bin: any) => bin.label === '30–39').count).toBe(1);
  });

  it('public lookups are rate-limited per address with a Chinese message', async () => {
    let last = 0;
    let message = '';
    for (let i = 0; i < 31; i++) {
      const r = await w.t.call('GET', '/api/public/certificates/verify?no=S000036010001264999999&name=x');
      last = r.status;
      message = r.body?.error?.message ?? '';
    }
    expect(last).toBe(429);
    expect(message).toContain('查询过于频繁');
    w.t.clock.advance(61_000);
    expect((await w.t.call('GET', '/api/public/certificates/verify?no=S000036010001264999999&name=x')).status).toBe(404);
  });

  it('publishing the same batch twice at once: one publicity, the other request gets 409; a 缺考 record afterwards is refused', async () => {
    const twice = await newBatch(w, { code: '270310', candidates: people(1, '双发') });
    const id = twice.candidateIds[0]!;
    await sit(w, twice, id, 34);
    await scoreByGroup(w, id, good());
    await compute(w, twice.batchId);
    const publish = () => w.t.call('POST', `/api/scoring/batches/${twice.batchId}/publicity`, { cookie: w.cookie.office });
    const both = await Promise.all([publish(), publish()]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe('ALREADY_PUBLISHED');
    expect(await w.t.db.db.selectFrom('publicities').select('id').where('batch_id', '=', twice.batchId).execute()).toHaveLength(1);
    const late = await w.t.call('PUT', `/api/scoring/candidates/${id}/outcomes`, { cookie: w.cookie.office, body: { component: 'theory', attendance: 'absent', reason: '公示后补记缺考' } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('RESULTS_PUBLISHED');
  });

  async function ticketOf(candidateId: number): Promise<string> {
    return (await w.t.db.db.selectFrom('seat_assignments').select('ticket_no').where('candidate_id', '=', candidateId).executeTakeFirstOrThrow()).ticket_no;
  }
  async function idOf(candidateId: number): Promise<string> {
    return (await w.t.db.db.selectFrom('candidates').select('id_number').where('id', '=', candidateId).executeTakeFirstOrThrow()).id_number;
  }
});

