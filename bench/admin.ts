/**
 * Exam-administration benchmark (`npx tsx bench/admin.ts`). Prints one JSON line per database:
 * `{ case: "admin", dialect, importCandidates, importMs, arrangeCandidates, arrangeMs, ticketsPdf, ticketsPdfMs, ticketsPdfBytes, … }`.
 *
 * Everything goes through the HTTP API on a fresh migrated database, as the office would use it:
 * - import 5,000 candidates from one xlsx (safe read, all-or-nothing validation, eligibility, insert);
 * - arrange 1,000 candidates of another batch in 34 rooms (seat arrangement and ticket numbers);
 * - print the 1,000 admission tickets of that batch as one PDF, each with a photo.
 * Input files are built before each timer starts. PostgreSQL is measured too when reachable.
 */
import { performance } from 'node:perf_hooks';
import { makeTestApp, type TestApp } from '../test/support/app';
import { postgresReachable } from '../test/support/databases';
import { candidateRows, candidatesXlsx, pngBytes } from '../test/exam-admin/builders';
import type { Dialect } from '../server/db/connect';

const IMPORT_CANDIDATES = 5_000;
const TICKETS = 1_000;
const OCCUPATIONS = ['6-31-01-03', '6-18-01-01', '4-10-01-05'];

async function must(r: Promise<{ status: number; body: any }>, what: string) {
  const x = await r;
  if (x.status >= 300) throw new Error(`${what}: ${x.status} ${JSON.stringify(x.body).slice(0, 300)}`);
  return x.body;
}

async function plannedBatch(t: TestApp, cookie: string, code: string): Promise<{ id: number; theory: number }> {
  const occ = Object.fromEntries(((await must(t.call('GET', '/api/occupations', { cookie }), 'occupations')).occupations as { code: string; id: number }[]).map((o) => [o.code, o.id]));
  const b = (await must(t.call('POST', '/api/batches', { cookie, body: { name: `基准批次 ${code}`, code } }), 'batch')).batch;
  const entries = OCCUPATIONS.flatMap((c) => [4, 5].map((level) => ({ occupationId: occ[c], level })));
  await must(t.call('PUT', `/api/batches/${b.id}/entries`, { cookie, body: { entries } }), 'entries');
  const theory = (await must(t.call('POST', `/api/batches/${b.id}/sittings`, { cookie, body: { component: 'theory', date: '2026-12-15', startTime: '09:00', durationMin: 90, venue: '示范中心' } }), 'sitting')).sitting;
  await must(t.call('POST', `/api/batches/${b.id}/sittings`, { cookie, body: { component: 'practical', date: '2026-12-15', startTime: '14:00', durationMin: 120, venue: '实训车间' } }), 'sitting');
  return { id: b.id, theory: theory.id };
}

async function importFile(t: TestApp, cookie: string, batchId: number, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), 'candidates.xlsx');
  return must(t.call('POST', `/api/batches/${batchId}/candidates/import`, { raw: form, cookie }), 'import');
}

const levels = OCCUPATIONS.flatMap((code) => ['四级', '五级'].map((level) => ({ code, level })));

async function measure(dialect: Dialect) {
  const t = await makeTestApp(dialect, { seeders: [] });
  try {
    const cookie = await t.login('office');

    const big = await plannedBatch(t, cookie, '261291');
    const file = await candidatesXlsx(candidateRows(IMPORT_CANDIDATES, levels));
    let t0 = performance.now();
    const imported = await importFile(t, cookie, big.id, file);
    const importMs = performance.now() - t0;

    const small = await plannedBatch(t, cookie, '261292');
    await importFile(t, cookie, small.id, await candidatesXlsx(candidateRows(TICKETS, levels, 20_000)));
    for (let i = 1; i <= Math.ceil(TICKETS / 30); i++) {
      await must(t.call('POST', `/api/batches/${small.id}/rooms`, { cookie, body: { name: `第${i}考场`, venue: `实训楼${300 + i}` } }), 'room');
    }
    // Every ticket carries a photo, as printed for real.
    await t.db.db.updateTable('candidates').set({ photo: pngBytes(), photo_type: 'image/png' }).where('batch_id', '=', small.id).execute();
    t0 = performance.now();
    const arranged = await must(t.call('POST', `/api/batches/${small.id}/sittings/${small.theory}/arrange`, { cookie, body: {} }), 'arrange');
    const arrangeMs = performance.now() - t0;

    t0 = performance.now();
    const pdf = await t.call('GET', `/api/batches/${small.id}/tickets.pdf`, { cookie });
    const bytes = (await pdf.res.arrayBuffer()).byteLength;
    const ticketsPdfMs = performance.now() - t0;
    if (pdf.status !== 200) throw new Error(`tickets.pdf ${pdf.status}`);

    return {
      case: 'admin',
      dialect,
      importCandidates: imported.imported as number,
      importFileBytes: file.byteLength,
      importMs: Math.round(importMs),
      arrangeCandidates: arranged.seated as number,
      arrangeConflicts: arranged.conflicts as number,
      arrangeMs: Math.round(arrangeMs),
      ticketsPdf: TICKETS,
      ticketsPdfMs: Math.round(ticketsPdfMs),
      ticketsPdfBytes: bytes,
      peakMB: Math.round(process.memoryUsage().rss / 1024 / 1024),
      node: process.version,
    };
  } finally {
    await t.close();
  }
}

const dialects: Dialect[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
for (const d of dialects) console.log(JSON.stringify(await measure(d)));
