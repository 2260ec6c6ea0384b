import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';

const DIALECTS = await dialects();

describe.each(DIALECTS)('examiners score only a filed plan at or after the assessment (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('a candidate of the draft demo batch (practical in December) cannot be scored yet, and nothing is stored', async () => {
    const batch = await t.db.db.selectFrom('batches').select(['id', 'status']).where('code', '=', '261102').executeTakeFirstOrThrow();
    expect(batch.status).toBe('draft');
    const cand = await t.db.db.selectFrom('candidates').select('id').where('batch_id', '=', batch.id).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const before = await t.db.db.selectFrom('examiner_marks').select('id').execute();
    const cookie = await t.login('examiner1');
    const r = await t.call('POST', `/api/scoring/examiner/candidates/${cand.id}/practical`, { cookie, body: { deductions: [], vetoedRows: [], safetyViolation: false, note: '' } });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'PLAN_NOT_FILED', message: '该批次的认定计划尚未备案，不能评分' });
    expect(await t.db.db.selectFrom('examiner_marks').select('id').execute()).toHaveLength(before.length);
  });
});
