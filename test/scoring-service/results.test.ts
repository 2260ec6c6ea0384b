import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { demoPaper } from '../../server/demo/scoring-demo';
import { dialects } from '../support/databases';
import { compute, defineSheet, newBatch, people, results, scoreByGroup, scoringWorld, sheetEntry, sit, type ScoringWorld } from './setup';

const DIALECTS = await dialects();
const good = () => [sheetEntry({ '2': 2 }), sheetEntry({ '2': 4 }), sheetEntry({ '5': 2 })]; // 98, 96, 98 → 97.3

describe.each(DIALECTS)('results per candidate (%s)', (dialect) => {
  let w: ScoringWorld;
  beforeAll(async () => {
    w = await scoringWorld(dialect);
    await defineSheet(w, 4);
    await defineSheet(w, 2, 'practical', 'DG2-01');
    await defineSheet(w, 2, 'review', 'DG2-R');
  });
  afterAll(async () => w?.close());

  it('theory marks are derived from the stored responses with the paper’s multi-choice rule', async () => {
    const multi = [
      { itemId: 'M1', version: 1, type: 'multi' as const, pointCode: 'B-A-001', marks: 5, key: ['A', 'B', 'C'], optionLabels: ['A', 'B', 'C', 'D'] },
      { itemId: 'M2', version: 1, type: 'multi' as const, pointCode: 'B-A-001', marks: 5, key: ['A', 'D'], optionLabels: ['A', 'B', 'C', 'D'] },
    ];
    const paper = demoPaper('PM', 4, { single: 10, judge: 15, extra: multi });
    paper.spec.multiRule = { kind: 'partial', perOption: 2 };
    const b = await newBatch(w, { code: '270201', candidates: people(1), paper });
    // 25 objective items right (90 marks), M1 two of three right and nothing wrong (2 × 2 = 4), M2 a wrong option (0).
    await sit(w, b, b.candidateIds[0]!, 25, { 'M1@1': ['A', 'B'], 'M2@1': ['A', 'B'] });
    const r = await w.t.call('GET', `/api/scoring/batches/${b.batchId}/theory`, { cookie: w.cookie.supervisor });
    expect(r.body.attempts[0]).toMatchObject({ state: 'complete', total: 94, maxTotal: 100 });
    expect(r.body.attempts[0].counts).toMatchObject({ correct: 25, partial: 1, wrong: 1 });
    // Nothing but the responses holds the mark: changing a stored response changes the derived total.
    await w.t.db.db.updateTable('responses').set({ value_json: JSON.stringify(['A', 'D']) }).where('item_key', '=', 'M2@1').execute();
    const again = await w.t.call('GET', `/api/scoring/batches/${b.batchId}/theory`, { cookie: w.cookie.office });
    expect(again.body.attempts[0].total).toBe(99);
  });

  it('every required component must pass: 合格, 不合格 with the failing components, 缺考 and 违纪', async () => {
    const b = await newBatch(w, { code: '270202', candidates: people(5) });
    const [pass, failTheory, absent, violation, pending] = b.candidateIds as [number, number, number, number, number];
    await sit(w, b, pass, 30); // 80
    await sit(w, b, failTheory, 15); // 45
    await sit(w, b, absent, 0, {}, { state: 'lobby' });
    await sit(w, b, violation, 36, {}, { violation: '携带手机' });
    await sit(w, b, pending, 36, {}, { state: 'answering' });
    for (const id of [pass, failTheory, violation, pending]) await scoreByGroup(w, id, good());
    // absent from the theory exam; the workshop recorded nothing for the practical: the office records 缺考.
    const rec = await w.t.call('PUT', `/api/scoring/candidates/${absent}/outcomes`, { cookie: w.cookie.office, body: { component: 'practical', attendance: 'absent', reason: '未到实训室参加考核' } });
    expect(rec.status).toBe(200);
    const body = await compute(w, b.batchId);
    expect(body.pending).toEqual([{ candidateId: pending, name: '考生5', problems: ['理论知识考试：考生尚未交卷'] }]);
    const rs = await results(w, b.batchId);
    expect(rs.get(pass)).toMatchObject({ status: 'pass', statusName: '合格' });
    expect(rs.get(pass).result.components.theory.mark).toBe(80);
    expect(rs.get(pass).result.components.practical.mark).toBe(97.3);
    expect(rs.get(failTheory)).toMatchObject({ status: 'fail', statusName: '不合格' });
    expect(rs.get(failTheory).result.failing).toEqual(['theory']);
    expect(rs.get(absent)).toMatchObject({ status: 'absent', statusName: '缺考' });
    expect(rs.get(violation)).toMatchObject({ status: 'violation', statusName: '违纪' });
    // 违纪 voids every component: the passed practical is not kept for a retake.
    expect(rs.get(violation).result.components.practical).toMatchObject({ voided: true, passed: false });
    expect(rs.get(pending).status).toBeNull();
  });

  it('substitution: theory from the course final mark (结课成绩), keeping the source and its origin', async () => {
    const b = await newBatch(w, { code: '270203', candidates: people(2) });
    const [a, c] = b.candidateIds as [number, number];
    const plan = await w.t.call('PUT', `/api/scoring/batches/${b.batchId}/plan`, { cookie: w.cookie.office, body: { sources: [{ occupationId: null, level: null, component: 'theory', source: { kind: 'courseFinal' } }] } });
    expect(plan.status).toBe(200);
    const entry = await w.t.call('POST', `/api/scoring/batches/${b.batchId}/source-marks`, { cookie: w.cookie.office, body: { entries: [{ candidateId: a, component: 'theory', source: 'courseFinal', mark: 86, basis: '2025-2026学年第一学期期末考试' }] } });
    expect(entry.status).toBe(200);
    for (const id of [a, c]) await scoreByGroup(w, id, good());
    const body = await compute(w, b.batchId);
    // No theory attempt needed, but the course final mark is.
    expect(body.pending).toEqual([{ candidateId: c, name: '考生2', problems: ['理论知识考试：缺少结课成绩'] }]);
    const theory = (await results(w, b.batchId)).get(a).result.components.theory;
    expect(theory).toMatchObject({ mark: 86, passed: true, source: { kind: 'courseFinal' } });
    expect(theory.origin).toEqual([{ kind: 'courseFinal', mark: 86, weight: 1, ref: expect.stringMatching(/^source_mark:\d+$/), ruleFailures: [] }]);
    const audit = await w.t.db.db.selectFrom('audit_log').select('after_json').where('action', '=', 'scoring.source-mark').execute();
    expect(audit.some((x) => x.after_json?.includes('2025-2026学年第一学期期末考试'))).toBe(true);
  });

  it('weighted mix per the batch plan (Σw = 1): 40 % course final + 60 % exam, each source kept', async () => {
    const b = await newBatch(w, { code: '270204', candidates: people(1) });
    const bad = await w.t.call('PUT', `/api/scoring/batches/${b.batchId}/plan`, { cookie: w.cookie.office, body: { sources: [{ occupationId: w.electrician, level: 4, component: 'theory', source: { kind: 'mix', weights: { courseFinal: 0.4, exam: 0.5 } } }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('WEIGHTS_DO_NOT_SUM_TO_ONE');
    const ok = await w.t.call('PUT', `/api/scoring/batches/${b.batchId}/plan`, { cookie: w.cookie.office, body: { sources: [{ occupationId: w.electrician, level: 4, component: 'theory', source: { kind: 'mix', weights: { courseFinal: 0.4, exam: 0.6 } } }] } });
    expect(ok.status).toBe(200);
    const id = b.candidateIds[0]!;
    await sit(w, b, id, 25); // 60 + 10 = 70
    await w.t.call('POST', `/api/scoring/batches/${b.batchId}/source-marks`, { cookie: w.cookie.office, body: { entries: [{ candidateId: id, component: 'theory', source: 'courseFinal', mark: 85, basis: '期末考试' }] } });
    await scoreByGroup(w, id, good());
    await compute(w, b.batchId);
    const theory = (await results(w, b.batchId)).get(id).result.components.theory;
    expect(theory.mark).toBe(76); // 0.4 × 85 + 0.6 × 70
    expect(theory.origin.map((o: any) => [o.kind, o.mark, o.weight])).toEqual([['exam', 70, 0.6], ['courseFinal', 85, 0.4]]);
  });

  it('the examiner mean is rounded as the batch plan configures (whole marks here)', async () => {
    const b = await newBatch(w, { code: '270209', candidates: people(1) });
    const plan = await w.t.call('PUT', `/api/scoring/batches/${b.batchId}/plan`, { cookie: w.cookie.office, body: { sources: [], policy: { rounding: { decimals: 0 } } } });
    expect(plan.body.policy.practical.rounding).toEqual({ decimals: 0 });
    const id = b.candidateIds[0]!;
    await sit(w, b, id, 30);
    const r = await scoreByGroup(w, id, good()); // 98, 96, 98 → 97.33
    expect(r.body.status.mark).toBe(97);
    await compute(w, b.batchId);
    expect((await results(w, b.batchId)).get(id).result.components.practical.mark).toBe(97);
  });

  it('process-assessment marks import from xlsx, all or nothing, with row errors', async () => {
    const b = await newBatch(w, { code: '270205', candidates: people(2) });
    const cands = await w.t.db.db.selectFrom('candidates').select(['id', 'name', 'id_number']).where('batch_id', '=', b.batchId).orderBy('id').execute();
    const file = async (rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('成绩');
      ws.addRow(['证件号码', '姓名', '科目', '成绩来源', '成绩', '成绩依据']);
      for (const r of rows) ws.addRow(r);
      const form = new FormData();
      form.append('file', new File([new Uint8Array(await wb.xlsx.writeBuffer())], '过程考核.xlsx'));
      return w.t.call('POST', `/api/scoring/batches/${b.batchId}/source-marks/import`, { cookie: w.cookie.office, raw: form });
    };
    const bad = await file([[cands[0]!.id_number, cands[0]!.name, '技能操作考核', '过程考核', 88, '一体化课程'], [cands[1]!.id_number, '别人', '技能操作考核', '过程考核', 120, '']]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('IMPORT_REJECTED');
    expect(bad.body.error.details.errors.map((e: any) => [e.row, e.column])).toEqual([[3, '姓名'], [3, '成绩']]);
    expect((await w.t.call('GET', `/api/scoring/batches/${b.batchId}/source-marks`, { cookie: w.cookie.office })).body.marks).toEqual([]);
    const ok = await file([[cands[0]!.id_number, cands[0]!.name, '技能操作考核', '过程考核', 88, '一体化课程过程考核']]);
    expect(ok.body).toEqual({ recorded: 1 });
    const marks = (await w.t.call('GET', `/api/scoring/batches/${b.batchId}/source-marks`, { cookie: w.cookie.supervisor })).body.marks;
    expect(marks[0]).toMatchObject({ candidateId: cands[0]!.id, source: 'processAssessment', mark: 88, origin: { method: 'import', file: '过程考核.xlsx', row: 2 } });
  });

  it('an import naming the subject or source `constructor` or `__proto__` is a row error, not a server error', async () => {
    const b = await newBatch(w, { code: '270215', candidates: people(1) });
    const c = await w.t.db.db.selectFrom('candidates').select(['name', 'id_number']).where('batch_id', '=', b.batchId).executeTakeFirstOrThrow();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成绩');
    ws.addRow(['证件号码', '姓名', '科目', '成绩来源', '成绩', '成绩依据']);
    ws.addRow([c.id_number, c.name, '理论知识考试', 'constructor', 80, '期末']);
    ws.addRow([c.id_number, c.name, '__proto__', '结课成绩', 80, '期末']);
    const form = new FormData();
    form.append('file', new File([new Uint8Array(await wb.xlsx.writeBuffer())], '结课成绩.xlsx'));
    const r = await w.t.call('POST', `/api/scoring/batches/${b.batchId}/source-marks/import`, { cookie: w.cookie.office, raw: form });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('IMPORT_REJECTED');
    expect(r.body.error.details.errors.map((e: any) => [e.row, e.column])).toEqual([[2, '成绩来源'], [3, '科目']]);
  });

  it('二级 requires 综合评审: without it no result; with it, every component must pass', async () => {
    const b = await newBatch(w, { code: '270206', level: 2, candidates: people(2) });
    const [a, c] = b.candidateIds as [number, number];
    for (const id of [a, c]) {
      await sit(w, b, id, 34);
      await scoreByGroup(w, id, good());
    }
    const before = await compute(w, b.batchId);
    expect(before.pending.map((p) => p.problems)).toEqual([['综合评审：考评员已提交 0/3'], ['综合评审：考评员已提交 0/3']]);
    await scoreByGroup(w, a, [sheetEntry({ '2': 5 }), sheetEntry({ '2': 5 }), sheetEntry({ '2': 5 })], 'review');
    // The review fails on points only (three examiners agree on 55; the ★ row keeps 25 of 35).
    const fiftyFive = { '1': 10, '2': 15, '5': 10, '3': 10 };
    await scoreByGroup(w, c, [sheetEntry(fiftyFive), sheetEntry(fiftyFive), sheetEntry(fiftyFive)], 'review');
    await compute(w, b.batchId);
    const rs = await results(w, b.batchId);
    expect(rs.get(a)).toMatchObject({ status: 'pass' });
    expect(Object.keys(rs.get(a).result.components)).toEqual(['theory', 'practical', 'review']);
    expect(rs.get(c).status).toBe('fail');
    expect(rs.get(c).result.failing).toEqual(['review']);
  });

  it('retake: a passed component is kept for the window and the retake sits only the failed one', async () => {
    const person = people(1, '补考生');
    const first = await newBatch(w, { code: '270207', candidates: person, theoryDate: '2026-06-10' });
    const id1 = first.candidateIds[0]!;
    await sit(w, first, id1, 36);
    await scoreByGroup(w, id1, [sheetEntry({ '4': 20 }), sheetEntry({ '4': 20 }), sheetEntry({ '4': 20 })]); // ★ failure
    await compute(w, first.batchId);
    expect((await results(w, first.batchId)).get(id1).result.failing).toEqual(['practical']);
    const plan = await w.t.call('GET', `/api/scoring/candidates/${id1}/retake`, { cookie: w.cookie.office });
    expect(plan.body).toMatchObject({ mustSit: ['practical'], kept: [{ component: 'theory', passedOn: '2026-06-10', expiresOn: '2027-06-10' }] });

    // The retake batch registers the same person for the practical only.
    const second = await newBatch(w, { code: '270208', candidates: [{ ...person[0]!, ticketNo: '98000000001', components: ['practical'] }] });
    const id2 = second.candidateIds[0]!;
    await scoreByGroup(w, id2, good());
    await compute(w, second.batchId);
    const r = (await results(w, second.batchId)).get(id2);
    expect(r.status).toBe('pass');
    expect(r.kept).toEqual([{ component: 'theory', passedOn: '2026-06-10', mark: 92, expiresOn: '2027-06-10' }]);
    expect(r.result.components.theory.origin[0].ref).toMatch(/^kept\(2026-06-10\):attempt:\d+$/);

    // After the window the kept pass is gone: the retake must sit theory again.
    w.t.clock.set('2027-06-10T02:00:00.000Z');
    w.cookie.office = await w.t.login('office'); // a year later the old session has long expired
    const late = await compute(w, second.batchId);
    expect(late.pending[0]!.problems).toEqual(['理论知识考试：本次未报考，且没有保留期内的合格成绩，须参加考核']);
    w.t.clock.set('2026-11-23T01:00:00.000Z');
    w.cookie.office = await w.t.login('office');
  });
});
