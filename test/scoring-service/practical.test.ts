import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { dialects } from '../support/databases';
import { compute, defineSheet, newBatch, people, results, scoreByGroup, scoringWorld, sheetEntry, sit, type ScoringWorld } from './setup';

const DIALECTS = await dialects();

describe.each(DIALECTS)('practical scoring by an examiner group (%s)', (dialect) => {
  let w: ScoringWorld;
  let b: Awaited<ReturnType<typeof newBatch>>;
  beforeAll(async () => {
    w = await scoringWorld(dialect);
    await defineSheet(w);
    b = await newBatch(w, { code: '270101', candidates: people(7) });
    for (const id of b.candidateIds) await sit(w, b, id, 36);
  });
  afterAll(async () => w?.close());

  const path = (i: number) => `/api/scoring/examiner/candidates/${b.candidateIds[i]}/practical`;

  it('an examiner cannot read another examiner’s sheet before submitting his own (server-enforced)', async () => {
    const first = await w.t.call('POST', path(0), { cookie: w.cookie.examiner1, body: sheetEntry({ '2': 7, '3': 4 }) });
    expect(first.status).toBe(200);
    const before = await w.t.call('GET', path(0), { cookie: w.cookie.examiner2 });
    expect(before.status).toBe(200);
    expect(before.body.mine).toBeNull();
    expect(before.body.others).toBeNull();
    expect(before.body.status).toBeNull();
    // Nothing of examiner1's entry leaks anywhere in the answer.
    expect(JSON.stringify(before.body)).not.toContain('"points":7');
    expect(before.body.group.members.find((m: any) => m.name.startsWith('张伟')).submitted).toBe(true);
    const tasks = await w.t.call('GET', '/api/scoring/examiner/tasks', { cookie: w.cookie.examiner2 });
    expect(tasks.body.groups[0].candidates[0]).toMatchObject({ submitted: false, status: null });
    const own = await w.t.call('POST', path(0), { cookie: w.cookie.examiner2, body: sheetEntry({ '2': 2 }) });
    expect(own.status).toBe(200);
    expect(own.body.others).toHaveLength(1);
    expect(own.body.others[0].score.total).toBe(89);
    expect(own.body.status.label).toBe('已提交 2/3');
  });

  it('a submitted sheet is final and an examiner outside the group is refused', async () => {
    const again = await w.t.call('POST', path(0), { cookie: w.cookie.examiner1, body: sheetEntry({}) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_SUBMITTED');
    const proctor = await w.t.call('POST', path(0), { cookie: w.cookie.proctor1, body: sheetEntry({}) });
    expect(proctor.status).toBe(403);
    // examiner3 completes the group: mean of 89, 98 and 94 = 93.67 → 93.7 (half up, 1 decimal).
    const last = await w.t.call('POST', path(0), { cookie: w.cookie.examiner3, body: sheetEntry({ '2': 6 }) });
    expect(last.body.status).toMatchObject({ status: 'agreed', mark: 93.7, spread: 9 });
  });

  it('a spread above 10 goes to the group leader, whose decision sheet is final', async () => {
    const r = await scoreByGroup(w, b.candidateIds[1]!, [sheetEntry({ '2': 2 }), sheetEntry({ '2': 15, '5': 4 }), sheetEntry({ '3': 4 })]);
    expect(r.body.status).toMatchObject({ status: 'needsLeader', mark: null, spread: 17 });
    const pending = await compute(w, b.batchId, [b.candidateIds[1]!]);
    expect(pending.pending[0]!.problems.join()).toContain('待考评组长裁定');
    // A member may not decide; the leader (examiner1) may.
    const member = await w.t.call('POST', `${path(1)}/decision`, { cookie: w.cookie.examiner2, body: sheetEntry({ '2': 5 }) });
    expect(member.status).toBe(403);
    const leader = await w.t.call('POST', `${path(1)}/decision`, { cookie: w.cookie.examiner1, body: sheetEntry({ '2': 5 }) });
    expect(leader.status).toBe(200);
    expect(leader.body.status).toMatchObject({ status: 'leaderDecided', mark: 95 });
    const again = await w.t.call('POST', `${path(1)}/decision`, { cookie: w.cookie.examiner1, body: sheetEntry({}) });
    expect(again.status).toBe(409);
  });

  it('a whole-practical veto recorded by every examiner zeroes the practical (不合格)', async () => {
    await scoreByGroup(w, b.candidateIds[2]!, [sheetEntry({}, { vetoedRows: ['1'] }), sheetEntry({}, { vetoedRows: ['1'] }), sheetEntry({}, { vetoedRows: ['1'] })]);
    await compute(w, b.batchId, [b.candidateIds[2]!]);
    const r = (await results(w, b.batchId)).get(b.candidateIds[2]!);
    expect(r.status).toBe('fail');
    expect(r.result.components.practical).toMatchObject({ mark: 0, vetoed: true, passed: false });
    expect(r.result.failing).toEqual(['practical']);
  });

  it('a failed ★ row fails the practical although the points pass', async () => {
    // 通电试车 (★, 30 marks) loses 20 on every sheet: total 80, ★ row 10 < 18.
    await scoreByGroup(w, b.candidateIds[3]!, [sheetEntry({ '4': 20 }), sheetEntry({ '4': 20 }), sheetEntry({ '4': 20 })]);
    await compute(w, b.batchId, [b.candidateIds[3]!]);
    const r = (await results(w, b.batchId)).get(b.candidateIds[3]!);
    expect(r.result.components.practical.mark).toBe(80);
    expect(r.result.components.practical.ruleFailures).toEqual(['star']);
    expect(r.statusName).toBe('不合格');
  });

  it('a split on a safety violation goes to the leader even with a small spread', async () => {
    const r = await scoreByGroup(w, b.candidateIds[4]!, [sheetEntry({ '2': 1 }), sheetEntry({ '2': 1 }, { safetyViolation: true }), sheetEntry({ '2': 1 })]);
    expect(r.body.status.status).toBe('needsLeader');
    expect(r.body.status.ruleFailures).toContain('split:safety');
  });

  it('a deduction on an unknown row is refused with a Chinese message and nothing is kept', async () => {
    const bad = await w.t.call('POST', path(5), { cookie: w.cookie.examiner1, body: sheetEntry({ '9': 2 }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('不在评分表中');
    const view = await w.t.call('GET', path(5), { cookie: w.cookie.examiner1 });
    expect(view.body.mine).toBeNull();
  });

  it('every examiner’s sheet is kept and printable with the examiners’ names', async () => {
    const r = await w.t.call('GET', `/api/scoring/batches/${b.batchId}/candidates/${b.candidateIds[1]}/sheets.pdf?component=practical`, { cookie: w.cookie.supervisor });
    expect(r.status).toBe(200);
    expect(r.res.headers.get('content-type')).toBe('application/pdf');
    const pdf = await getDocumentProxy(new Uint8Array(await r.res.arrayBuffer()));
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    expect(totalPages).toBe(4); // three members and the leader's decision
    for (const name of ['张伟', '刘洋', '孙磊', '组长裁定']) expect(text.replace(/\s+/g, '')).toContain(name);
    expect(text).toContain('三相异步电动机正反转控制线路安装与调试');
  });

  it('the office overview lists each candidate with the group state', async () => {
    const r = await w.t.call('GET', `/api/scoring/batches/${b.batchId}/practical`, { cookie: w.cookie.office });
    expect(r.status).toBe(200);
    const row = r.body.rows.find((x: any) => x.candidateId === b.candidateIds[0]);
    expect(row).toMatchObject({ status: 'agreed', mark: 93.7, group: '第一组' });
    expect(row.sheets.map((s: any) => s.total)).toEqual([89, 98, 94]);
  });
});
