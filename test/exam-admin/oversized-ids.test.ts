import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';

const DIALECTS = await dialects();
const HUGE = 3_000_000_000; // beyond PostgreSQL's 32-bit integer ids

describe.each(DIALECTS)('exam administration refuses ids beyond the database range (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { seeders: [] });
    office = await t.login('office');
  });
  afterAll(async () => t.close());

  it('answers 400 with a field problem, not a server error, for a batch, sitting or candidate id above 2^31−1', async () => {
    for (const path of [`/api/batches/${HUGE}`, `/api/batches/1/candidates/${HUGE}`]) {
      const r = await t.call(path.includes('candidates') ? 'DELETE' : 'GET', path, { cookie: office });
      expect(r.status, path).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    const s = await t.call('PATCH', `/api/batches/1/sittings/${HUGE}`, { cookie: office, body: { venue: '实训楼' } });
    expect(s.status).toBe(400);
    const body = await t.call('POST', '/api/batches/1/sittings', { cookie: office, body: { component: 'theory', date: '2026-12-01', startTime: '09:00', durationMin: 90, venue: '实训楼', entries: [{ occupationId: HUGE, level: 4 }] } });
    expect(body.status).toBe(400);
    expect(body.body.error.details.fields.map((d: { field: string }) => d.field)).toContain('entries.0.occupationId');
  });
});
