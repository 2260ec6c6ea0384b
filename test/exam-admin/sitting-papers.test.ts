import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';

const DIALECTS = await dialects();

describe.each(DIALECTS)('papers enter a sitting only through the bank release (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect); // full demo: batches, sittings and approved bank papers
    office = await t.login('office');
  });
  afterAll(async () => t.close());

  it('a sitting edit naming a paper is refused in Chinese; the slot and the 台账 stay as they were', async () => {
    const db = t.db.db;
    const sitting = await db.selectFrom('sittings').innerJoin('batches', 'batches.id', 'sittings.batch_id')
      .select(['sittings.id', 'sittings.batch_id']).where('sittings.component', '=', 'theory').where('sittings.status', '=', 'scheduled').orderBy('sittings.id').executeTakeFirstOrThrow();
    const paper = await db.selectFrom('papers').select(['id']).where('status', '=', 'approved').orderBy('id').executeTakeFirstOrThrow();
    const view = await t.call('GET', `/api/batches/${sitting.batch_id}`, { cookie: office });
    const current = view.body.sittings.find((s: { id: number }) => s.id === sitting.id).entries as { occupationId: number; level: number; paperSetId: number | null; paperId: number | null }[];
    const slotsBefore = await db.selectFrom('sitting_papers').selectAll().where('sitting_id', '=', sitting.id).orderBy('id').execute();
    const ledgerBefore = await db.selectFrom('paper_ledger').select('id').where('paper_id', '=', paper.id).execute();
    const entries = current.map((e, i) => (i === 0 ? { occupationId: e.occupationId, level: e.level, paperId: paper.id } : { occupationId: e.occupationId, level: e.level }));
    const r = await t.call('PATCH', `/api/batches/${sitting.batch_id}/sittings/${sitting.id}`, { cookie: office, body: { entries } });
    expect(r.status).toBe(400);
    expect(r.body.error.details.fields).toEqual([{ field: 'entries.0.paperId', problem: expect.stringContaining('发放到场次') }]);
    expect(await db.selectFrom('sitting_papers').selectAll().where('sitting_id', '=', sitting.id).orderBy('id').execute()).toEqual(slotsBefore);
    expect(await db.selectFrom('paper_ledger').select('id').where('paper_id', '=', paper.id).execute()).toEqual(ledgerBefore);
    // Echoing the entries as they are (a released paper kept) is still accepted.
    const same = await t.call('PATCH', `/api/batches/${sitting.batch_id}/sittings/${sitting.id}`, { cookie: office, body: { entries: current.map((e) => ({ occupationId: e.occupationId, level: e.level, paperSetId: e.paperSetId, paperId: e.paperId })) } });
    expect(same.status).toBe(200);
  });
});
