import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScoringBatch, demoPaper } from '../../server/demo/scoring-demo';
import { dialects } from '../support/databases';
import { compute, defineSheet, newBatch, people, results, scoreByGroup, scoringWorld, sheetEntry, sit, type ScoringWorld } from './setup';

const DIALECTS = await dialects();

describe.each(DIALECTS)('regrading after a key correction (%s)', (dialect) => {
  let w: ScoringWorld;
  let b: Awaited<ReturnType<typeof newBatch>>;
  beforeAll(async () => {
    w = await scoringWorld(dialect);
    await defineSheet(w);
    b = await newBatch(w, { code: '270601', candidates: people(3) });
    const item = `P270601-S1@1`; // key B, 3 marks
    await sit(w, b, b.candidateIds[0]!, 19, { [item]: ['B'] }); // S1 right: 57 of the singles … 57 total
    await sit(w, b, b.candidateIds[1]!, 19, { [item]: ['A'] }); // S1 wrong: 54
    await sit(w, b, b.candidateIds[2]!, 19, { [item]: ['C'] }); // S1 wrong: 54
    for (const id of b.candidateIds) await scoreByGroup(w, id, [sheetEntry({}), sheetEntry({}), sheetEntry({})]);
    await compute(w, b.batchId);
  });
  afterAll(async () => w?.close());

  const corrections = [{ itemId: 'P270601-S1', version: 1, key: ['A', 'B'], reason: '题干表述有歧义，A、B 均可' }];

  it('the dry run lists exactly the changed attempts with old and new totals, and writes nothing', async () => {
    const before = await results(w, b.batchId);
    expect([...before.values()].map((r) => r.status)).toEqual(['fail', 'fail', 'fail']);
    const r = await w.t.call('POST', '/api/scoring/regrade/preview', { cookie: w.cookie.office, body: { corrections } });
    expect(r.status).toBe(200);
    expect(r.body.changed).toEqual([
      expect.objectContaining({ candidateName: '考生2', oldTotal: 54, newTotal: 57, delta: 3, items: [{ itemKey: 'P270601-S1@1', oldMark: 0, newMark: 3, oldState: 'wrong', newState: 'correct' }] }),
    ]);
    expect(r.body.unchangedCount).toBe(2);
    expect(r.body.oldKeys).toEqual({ 'P270601-S1@1': ['B'] });
    const paper = await w.t.db.db.selectFrom('papers').select('content_json').where('id', '=', b.paperId).executeTakeFirstOrThrow();
    expect(paper.content_json).toContain('"itemId":"P270601-S1","version":1,"type":"single","pointCode":"A-B-001","marks":3,"key":["B"]');
  });

  it('applying needs the previewed plan; it stores the corrected paper, re-derives results and is audited', async () => {
    const stale = await w.t.call('POST', '/api/scoring/regrade/apply', { cookie: w.cookie.office, body: { corrections, expect: 'not-the-preview' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('PLAN_CHANGED');
    const preview = await w.t.call('POST', '/api/scoring/regrade/preview', { cookie: w.cookie.office, body: { corrections } });
    const applied = await w.t.call('POST', '/api/scoring/regrade/apply', { cookie: w.cookie.office, body: { corrections, expect: preview.body.fingerprint } });
    expect(applied.status).toBe(200);
    const theory = await w.t.call('GET', `/api/scoring/batches/${b.batchId}/theory`, { cookie: w.cookie.office });
    expect(theory.body.attempts.map((a: any) => a.total)).toEqual([57, 57, 54]);
    const after = await results(w, b.batchId);
    expect(after.get(b.candidateIds[1]!).result.components.theory.mark).toBe(57);
    const audit = await w.t.db.db.selectFrom('audit_log').select(['before_json', 'after_json', 'actor_id']).where('action', '=', 'scoring.regrade').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before_json!)).toEqual({ keys: { 'P270601-S1@1': ['B'] } });
    expect(JSON.parse(audit[0]!.after_json!).changed).toEqual([{ attemptId: String(preview.body.changed[0].attemptId), oldTotal: 54, newTotal: 57 }]);
    // Replaying the same correction now changes nothing.
    const again = await w.t.call('POST', '/api/scoring/regrade/preview', { cookie: w.cookie.office, body: { corrections } });
    expect(again.body.changed).toEqual([]);
  });

  it('a correction that would change reported results (closed publicity) is refused', async () => {
    await w.t.db.db.insertInto('publicities').values({ batch_id: b.batchId, started_on: '2026-11-09', ends_on: '2026-11-13', status: 'closed', closed_at: '2026-11-16T01:00:00.000Z', closed_by: w.users.office! }).execute();
    const c2 = [{ itemId: 'P270601-S2', version: 1, key: ['A'] }];
    const preview = await w.t.call('POST', '/api/scoring/regrade/preview', { cookie: w.cookie.office, body: { corrections: c2 } });
    expect(preview.body.locked).toEqual([{ batchId: b.batchId, batchName: '测试批次270601' }]);
    const r = await w.t.call('POST', '/api/scoring/regrade/apply', { cookie: w.cookie.office, body: { corrections: c2, expect: preview.body.fingerprint } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('RESULTS_FINAL');
  });

  it('a correction naming an item on no paper, or labels the item lacks, is refused in Chinese', async () => {
    const none = await w.t.call('POST', '/api/scoring/regrade/preview', { cookie: w.cookie.office, body: { corrections: [{ itemId: 'nope', version: 1, key: ['A'] }] } });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain('不在任何试卷中');
    const bad = await w.t.call('POST', '/api/scoring/regrade/preview', { cookie: w.cookie.office, body: { corrections: [{ itemId: 'P270601-S3', version: 1, key: ['E'] }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('不是本题的选项');
  });

  it('a paper only another organization’s candidates sat is not this organization’s to correct', async () => {
    const at = w.t.clock.now().toISOString();
    const other = await w.t.db.db.insertInto('organizations').values({ name: '乙培训评价机构', type: 'training', uscc: 'ORGB-REGRADE-000001', province: '35', cert_org_code: '0000', cert_org_serial: '000002', cert_issuer: '乙', created_at: at }).returning('id').executeTakeFirstOrThrow();
    const theirs = await buildScoringBatch(w.t.db.db, {
      organizationId: other.id, code: '270699', name: '乙机构批次', occupationId: w.electrician, level: 4, theoryDate: '2026-11-20', practicalDate: '2026-11-20',
      paper: demoPaper('P270699', 4), candidates: people(1, '乙考生'), group: null, createdBy: w.users.office!, at,
    });
    await sit(w, { ...theirs, paper: demoPaper('P270699', 4) }, theirs.candidateIds[0]!, 19, { 'P270699-S1@1': ['A'] });
    const stored = await w.t.db.db.selectFrom('papers').select('content_json').where('id', '=', theirs.paperId).executeTakeFirstOrThrow();
    const corrections = [{ itemId: 'P270699-S1', version: 1, key: ['A'] }];
    const preview = await w.t.call('POST', '/api/scoring/regrade/preview', { cookie: w.cookie.office, body: { corrections } });
    expect(preview.status).toBe(400);
    expect(preview.body.error.message).toContain('不在任何试卷中');
    const apply = await w.t.call('POST', '/api/scoring/regrade/apply', { cookie: w.cookie.office, body: { corrections, expect: 'x' } });
    expect(apply.status).toBe(400);
    expect((await w.t.db.db.selectFrom('papers').select('content_json').where('id', '=', theirs.paperId).executeTakeFirstOrThrow()).content_json).toBe(stored.content_json);
  });
});
