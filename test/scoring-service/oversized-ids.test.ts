import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';

const DIALECTS = await dialects();
const HUGE = 3_000_000_000; // beyond PostgreSQL's 32-bit integer ids

describe.each(DIALECTS)('scoring refuses ids beyond the database range (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let examiner: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { seeders: [] });
    office = await t.login('office');
    examiner = await t.login('examiner1');
  });
  afterAll(async () => t.close());

  it('answers 400, not a server error, for batch, certificate, sheet and candidate ids above 2^31−1', async () => {
    const calls: [string, string, string][] = [
      ['GET', `/api/scoring/batches/${HUGE}/results`, office],
      ['GET', `/api/scoring/sheets/${HUGE}`, office],
      ['POST', `/api/scoring/certificates/${HUGE}/revoke`, office],
      ['GET', `/api/scoring/examiner/candidates/${HUGE}/practical`, examiner],
    ];
    for (const [method, path, cookie] of calls) {
      const r = await t.call(method, path, { cookie, body: method === 'POST' ? { reason: '测试撤销原因' } : undefined });
      expect(r.status, path).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
