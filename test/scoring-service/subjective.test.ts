import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPaper } from '../../server/demo/scoring-demo';
import { dialects } from '../support/databases';
import { compute, newBatch, people, scoringWorld, sit, type ScoringWorld } from './setup';

const DIALECTS = await dialects();

describe.each(DIALECTS)('subjective marking queue (%s)', (dialect) => {
  let w: ScoringWorld;
  let b: Awaited<ReturnType<typeof newBatch>>;
  const essay = (id: string) => ({ itemId: id, version: 1, type: 'subjective' as const, pointCode: 'C-A-001', marks: 10, key: [], optionLabels: [] });
  beforeAll(async () => {
    w = await scoringWorld(dialect);
    const paper = demoPaper('PS', 2, { single: 10, judge: 15, extra: [essay('E1'), essay('E2')] });
    b = await newBatch(w, { code: '270501', level: 2, candidates: people(2, '技师') });
    // newBatch pinned its own paper; replace it with the one holding essays.
    await w.t.db.db.updateTable('papers').set({ content_json: JSON.stringify(paper) }).where('id', '=', b.paperId).execute();
    b.paper = paper;
    await sit(w, b, b.candidateIds[0]!, 25, { 'E1@1': '电动机正反转控制需要互锁，防止主触点同时闭合造成短路。', 'E2@1': '接地电阻应小于4欧姆。' });
    await sit(w, b, b.candidateIds[1]!, 25, { 'E1@1': '互锁。', 'E2@1': '  ' }); // E2 blank: 0 marks, nothing to mark
  });
  afterAll(async () => w?.close());

  const queue = (who: 'examiner1' | 'examiner2' | 'examiner3', as = 'marker') => w.t.call('GET', `/api/scoring/examiner/batches/${b.batchId}/marking?as=${as}`, { cookie: w.cookie[who] });
  const mark = (who: 'examiner1' | 'examiner2' | 'examiner3', answerId: string, m: number, as = 'marker') =>
    w.t.call('POST', `/api/scoring/examiner/batches/${b.batchId}/marking/${answerId}`, { cookie: w.cookie[who], body: { mark: m, as } });

  it('the queue is anonymous: opaque answer ids, no name, ticket, attempt or seat', async () => {
    const r = await queue('examiner2');
    expect(r.status).toBe(200);
    expect(r.body.queue).toHaveLength(3);
    for (const e of r.body.queue) {
      expect(Object.keys(e).sort()).toEqual(['answerId', 'itemKey', 'maxMark', 'task', 'text']);
      expect(e.task).toBe('firstMark');
    }
    const text = JSON.stringify(r.body);
    for (const leak of ['技师1', '技师2', ...(await w.t.db.db.selectFrom('seat_assignments').select('ticket_no').execute()).map((s) => s.ticket_no)]) expect(text).not.toContain(leak);
    const pending = await compute(w, b.batchId);
    expect(pending.pending[0]!.problems).toContain('理论知识考试：2 道主观题待评');
  });

  it('two markers each mark independently; the mean is the mark; a third marker and a repeat are refused', async () => {
    const q = (await queue('examiner2')).body.queue as { answerId: string; text: string; itemKey: string }[];
    const short = q.find((e) => e.text === '互锁。')!;
    expect((await mark('examiner2', short.answerId, 3)).body).toEqual({ status: 'awaitingMarkers', mark: null });
    expect((await mark('examiner2', short.answerId, 3)).body.error.code).toBe('ALREADY_MARKED');
    // examiner3 sees it as a second mark, without examiner2's mark.
    const second = ((await queue('examiner3')).body.queue as any[]).find((e) => e.answerId === short.answerId);
    expect(second).toMatchObject({ task: 'secondMark' });
    expect(second.priorMarks).toBeUndefined();
    expect((await mark('examiner3', short.answerId, 4)).body).toEqual({ status: 'agreed', mark: 3.5 });
    const third = await mark('examiner1', short.answerId, 5);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('MARKERS_COMPLETE');
  });

  it('a spread above the gap (20 % of 10) goes to the leader, who is not one of its markers', async () => {
    const q = (await queue('examiner2')).body.queue as { answerId: string; itemKey: string }[];
    const e1 = q.find((e) => e.itemKey === 'E1@1')!;
    const e2 = q.find((e) => e.itemKey === 'E2@1')!;
    await mark('examiner2', e1.answerId, 6);
    expect((await mark('examiner3', e1.answerId, 9)).body).toEqual({ status: 'needsLeader', mark: null });
    const leaderQueue = (await queue('examiner1', 'leader')).body.queue;
    expect(leaderQueue).toEqual([expect.objectContaining({ answerId: e1.answerId, task: 'leader', priorMarks: [6, 9] })]);
    expect((await queue('examiner2', 'leader')).status).toBe(403);
    expect((await mark('examiner1', e1.answerId, 8, 'leader')).body).toEqual({ status: 'leaderDecided', mark: 8 });
    // The leader marks E2 himself; when it is disputed he may not settle it.
    await mark('examiner1', e2.answerId, 2);
    expect((await mark('examiner2', e2.answerId, 9)).body.status).toBe('needsLeader');
    expect(await queue('examiner1', 'leader').then((r) => r.body.queue)).toEqual([]);
    const self = await mark('examiner1', e2.answerId, 5, 'leader');
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain('回避');
  });

  it('final subjective marks enter the theory total derived from the responses', async () => {
    const r = await w.t.call('GET', `/api/scoring/batches/${b.batchId}/theory`, { cookie: w.cookie.office });
    const [first, second] = r.body.attempts;
    // Every objective item right gives 80 (the two essays hold the other 20 marks).
    expect(first).toMatchObject({ state: 'needsMarking', total: 88, pending: 1 }); // 80 + E1 8; E2 waits for a leader
    expect(second).toMatchObject({ state: 'complete', total: 83.5 }); // 80 + E1 3.5 + blank E2 0
    const overview = await w.t.call('GET', `/api/scoring/batches/${b.batchId}/subjective`, { cookie: w.cookie.supervisor });
    expect(overview.body.overview).toEqual({ total: 3, awaitingMarkers: 0, agreed: 1, needsLeader: 1, leaderDecided: 1 });
  });

  it('once results are published (or the publicity closed) a subjective mark is refused with 409 and nothing is stored', async () => {
    const paper = demoPaper('PS2', 2, { single: 10, judge: 15, extra: [essay('E9')] });
    const late = await newBatch(w, { code: '270502', level: 2, candidates: people(1, '公示后') });
    await w.t.db.db.updateTable('papers').set({ content_json: JSON.stringify(paper) }).where('id', '=', late.paperId).execute();
    late.paper = paper;
    await sit(w, late, late.candidateIds[0]!, 25, { 'E9@1': '应先断电验电。' });
    const q = await w.t.call('GET', `/api/scoring/examiner/batches/${late.batchId}/marking?as=marker`, { cookie: w.cookie.examiner2 });
    const answerId = q.body.queue[0].answerId as string;
    // Published as the office would leave it (publishing itself needs every result, which this mark would give).
    await w.t.db.db.insertInto('publicities').values({ batch_id: late.batchId, started_on: '2026-11-23', ends_on: '2026-11-27', status: 'closed', closed_at: '2026-11-28T01:00:00.000Z', closed_by: w.users.office! }).execute();
    const r = await w.t.call('POST', `/api/scoring/examiner/batches/${late.batchId}/marking/${answerId}`, { cookie: w.cookie.examiner2, body: { mark: 9, as: 'marker' } });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'RESULTS_PUBLISHED', message: '本批次成绩已公示，不能再评分' });
    const stored = await w.t.db.db.selectFrom('subjective_marks').innerJoin('attempts', 'attempts.id', 'subjective_marks.attempt_id').select('subjective_marks.id').where('attempts.candidate_id', '=', late.candidateIds[0]!).execute();
    expect(stored).toEqual([]);
  });
});
