import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';

const DIALECTS = await dialects();
const HUGE = 3_000_000_000; // beyond PostgreSQL's 32-bit integer ids

describe.each(DIALECTS)('the question bank refuses ids beyond the database range (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { seeders: [] });
    office = await t.login('office');
  });
  afterAll(async () => t.close());

  it('answers 400, not a server error, for item, paper, blueprint and sitting ids above 2^31−1', async () => {
    for (const path of [`/api/bank/items/${HUGE}`, `/api/bank/papers/${HUGE}`, `/api/bank/blueprints/${HUGE}`, `/api/bank/paper-sets/${HUGE}`]) {
      const r = await t.call('GET', path, { cookie: office });
      expect(r.status, path).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    const release = await t.call('POST', '/api/bank/papers/1/release', { cookie: office, body: { sittingId: HUGE } });
    expect(release.status).toBe(400);
    expect(release.body.error.details.fields[0].field).toBe('sittingId');
  });
});
