import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceCounter } from '../../server/scoring-service/certificate-service';
import { dialects } from '../support/databases';
import { newBatch, people, scoringWorld, type ScoringWorld } from './setup';

const DIALECTS = await dialects();
const N = 24;

describe.each(DIALECTS)('certificate numbers under concurrent allocation (%s)', (dialect) => {
  let w: ScoringWorld;
  let b: Awaited<ReturnType<typeof newBatch>>;
  beforeAll(async () => {
    w = await scoringWorld(dialect);
    b = await newBatch(w, { code: '270401', candidates: people(N) });
    // Results and a closed publicity laid down directly: this suite is about numbering, not marking.
    const detail = JSON.stringify({ result: { status: 'pass', failing: [], components: {} }, sittingDate: '2026-11-20', kept: [], occupationId: w.electrician, level: 4 });
    await w.t.db.db.insertInto('results').values(b.candidateIds.map((id) => ({ candidate_id: id, batch_id: b.batchId, status: 'pass' as const, detail_json: detail, computed_at: '2026-11-21T00:00:00.000Z' }))).execute();
    await w.t.db.db.insertInto('publicities').values({ batch_id: b.batchId, started_on: '2026-11-09', ends_on: '2026-11-13', status: 'closed', closed_at: '2026-11-16T01:00:00.000Z', closed_by: w.users.office! }).execute();
  });
  afterAll(async () => w?.close());

  it('parallel issue requests, some for the same candidates, give each candidate one number and no number twice', async () => {
    const requests = b.candidateIds.flatMap((id, i) => [[id], ...(i % 3 === 0 ? [[id, b.candidateIds[(i + 1) % N]!]] : [])]);
    const answers = await Promise.all(requests.map((ids) => w.t.call('POST', `/api/scoring/batches/${b.batchId}/certificates`, { cookie: w.cookie.office, body: { candidateIds: ids } })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const issued = answers.flatMap((a) => a.body.issued as { candidateId: number; number: string }[]);
    expect(issued).toHaveLength(N);
    expect(new Set(issued.map((x) => x.candidateId)).size).toBe(N);
    const serials = issued.map((x) => Number(x.number.slice(-6))).sort((x, y) => x - y);
    expect(serials).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    const stored = await w.t.db.db.selectFrom('certificates').select(['number']).execute();
    expect(stored).toHaveLength(N);
    const counter = await w.t.db.db.selectFrom('certificate_counters').selectAll().execute();
    expect(counter).toEqual([{ organization_id: w.orgId, year: 2026, level: 4, last_serial: N }]);
  });

  it('the counter hands out disjoint ranges to concurrent transactions', async () => {
    const ranges = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        w.t.db.db.transaction().execute(async (trx) => {
          const n = (i % 3) + 1;
          const last = await advanceCounter(trx, w.orgId, 2027, 3, n);
          return Array.from({ length: n }, (_, k) => last - n + k + 1);
        }),
      ),
    );
    const all = ranges.flat().sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });
});
