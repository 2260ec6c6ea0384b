import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';

const DIALECTS = await dialects();

describe.each(DIALECTS)('认定结果上报 (%s)', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('the office records the report date after a closed publicity, which completes the last deadline', async () => {
    t = await makeTestApp(dialect);
    const office = await t.login('office');
    const batches = (await t.call('GET', '/api/batches', { cookie: office })).body.batches as { id: number; code: string }[];
    const closed = batches.find((b) => b.code === '261001')!;
    const open = batches.find((b) => b.code === '261101')!;
    const early = await t.call('POST', `/api/batches/${open.id}/results-reported`, { cookie: office, body: {} });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('PUBLICITY_NOT_CLOSED');
    const r = await t.call('POST', `/api/batches/${closed.id}/results-reported`, { cookie: office, body: { reportedOn: '2026-10-30' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const view = await t.call('GET', `/api/batches/${closed.id}`, { cookie: office });
    const report = (view.body.deadlines as { key: string; status: string; doneAt: string }[]).find((d) => d.doneAt === '2026-10-30');
    expect(report?.status).toMatch(/done|late/);
    const audit = await t.db.db.selectFrom('audit_log').select('after_json').where('action', '=', 'batch.results-reported').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!).resultsReportedOn).toBe('2026-10-30');
  });
});
