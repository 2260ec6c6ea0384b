/**
 * Scoring benchmark (`npm run bench:scoring`). Prints one JSON line:
 * `{ case: "scoring", markMs, combineMs, certificatesMs, rosterMs, peakMB, … }`.
 *
 * - mark 10,000 theory attempts of a 200-item paper (160 单选 + 40 判断, 0.5 each; target ≤ 2 s);
 * - combine 10,000 results (resolve theory and practical sources, then `combineComponents`);
 * - allocate 10,000 certificate numbers, one at a time, over in-memory counters per level. This is the
 *   pure loop only: the database-backed allocator (counter row per organization × year × level,
 *   incremented inside the issuing transaction) is built in the server and measured there;
 * - `certificatesDbMs`: the same 10,000 through the server's `issueCertificates` on a fresh SQLite file —
 *   counter row advanced with UPDATE … RETURNING, one certificate row each, one audit row, one transaction;
 * - write a 100,000-row roster xlsx to a temporary file with the streaming writer (target ≤ 10 s).
 *
 * Inputs are generated from a fixed seed before each timer starts, so timings cover the work only.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRng } from '../question-bank/random';
import type { Level, Paper, PaperItem } from '../question-bank/types';
import {
  allocateCertificateNumbers,
  combineComponents,
  itemKey,
  markAttempt,
  requiredComponents,
  resolveComponentMark,
  theorySourceMark,
  type AttemptMarking,
  type ItemResponse,
  type RosterEntry,
} from '../scoring';
import { writeRosterXlsx } from '../server/reports/roster-xlsx';
import { systemActor } from '../server/auth/actor';
import { openDatabase } from '../server/db/connect';
import { migrateToLatest } from '../server/db/migrate';
import { issueCertificates } from '../server/scoring-service/certificate-service';

const ATTEMPTS = 10_000;
const RESULTS = 10_000;
const CERTIFICATES = 10_000;
const ROSTER_ROWS = 100_000;

function buildPaper(): Paper {
  const items: PaperItem[] = [];
  for (let i = 0; i < 160; i++) {
    items.push({ itemId: `S${i}`, version: 1, type: 'single', pointCode: 'A-B-001', marks: 0.5, key: ['ABCD'[i % 4]!], optionLabels: ['A', 'B', 'C', 'D'] });
  }
  for (let i = 0; i < 40; i++) {
    items.push({ itemId: `J${i}`, version: 1, type: 'judge', pointCode: 'A-A-001', marks: 0.5, key: [i % 2 ? 'T' : 'F'], optionLabels: ['T', 'F'] });
  }
  return {
    form: 'A',
    spec: { occupationCode: '6-31-01-03', level: 4, component: 'theory', sections: [], durationMin: 120, passMark: 60, multiRule: { kind: 'allOrNothing' } },
    items,
  };
}

function buildResponses(paper: Paper): Record<string, ItemResponse>[] {
  const rng = createRng('bench-scoring');
  return Array.from({ length: ATTEMPTS }, () => {
    const r: Record<string, ItemResponse> = {};
    for (const item of paper.items) {
      const x = rng.next();
      if (x < 0.03) continue; // unanswered
      r[itemKey(item)] = x < 0.7 ? item.key : [item.optionLabels[rng.int(item.optionLabels.length)]!];
    }
    return r;
  });
}

function* rosterEntries(n: number): Generator<RosterEntry> {
  for (let i = 1; i <= n; i++) {
    const level = ((i % 5) + 1) as Level;
    yield {
      name: `考生${i}`,
      idType: '201',
      idNumber: `1101051990${String(i).padStart(8, '0')}`,
      employer: '南昌市第一技工学校',
      occupationName: '电工',
      workTypeName: i % 3 ? null : '维修电工',
      level,
      certificateNumber: `S00003601000124${level}${String(Math.ceil(i / 5)).padStart(6, '0')}`,
      issuedOn: '2024-07-01',
      assessor: '南昌市第一技工学校',
      issuer: '南昌市第一技工学校',
    };
  }
}

async function main(): Promise<void> {
  const paper = buildPaper();
  const responses = buildResponses(paper);

  let t = performance.now();
  const marked: AttemptMarking[] = responses.map((r) => markAttempt(paper, r));
  const markMs = performance.now() - t;

  const rng = createRng('bench-combine');
  const practical = Array.from({ length: RESULTS }, () => 40 + rng.int(61));
  t = performance.now();
  let passed = 0;
  for (let i = 0; i < RESULTS; i++) {
    const attempt = marked[i % marked.length]!;
    const theory = resolveComponentMark('theory', { kind: 'exam' }, { exam: theorySourceMark(attempt, `att-${i}`) });
    const prac = resolveComponentMark('practical', { kind: 'exam' }, { exam: { mark: practical[i]!, ref: `grp-${i}` } });
    const result = combineComponents(requiredComponents(4), {
      theory: { attendance: 'present', mark: theory },
      practical: { attendance: 'present', mark: prac },
    });
    if (result.status === 'pass') passed++;
  }
  const combineMs = performance.now() - t;

  t = performance.now();
  const counters = new Map<Level, number>();
  let lastNumber = '';
  for (let i = 0; i < CERTIFICATES; i++) {
    const level = ((i % 5) + 1) as Level;
    const { numbers, lastSerial } = allocateCertificateNumbers(
      { type: 'S', orgCode: '0000', province: '36', orgSerial: '010001', year: 2024, level },
      counters.get(level) ?? 0,
      1,
    );
    counters.set(level, lastSerial);
    lastNumber = numbers[0]!;
  }
  const certificatesMs = performance.now() - t;

  const certificatesDbMs = await issueThroughDatabase();

  const dir = await mkdtemp(join(tmpdir(), 'bench-scoring-'));
  const file = join(dir, 'roster.xlsx');
  let rosterBytes = 0;
  let rosterMs = 0;
  try {
    t = performance.now();
    await writeRosterXlsx(file, rosterEntries(ROSTER_ROWS));
    rosterMs = performance.now() - t;
    rosterBytes = (await stat(file)).size;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const round = (x: number) => Math.round(x);
  console.log(
    JSON.stringify({
      case: 'scoring',
      markMs: round(markMs),
      combineMs: round(combineMs),
      certificatesMs: round(certificatesMs),
      certificatesDbMs: round(certificatesDbMs),
      rosterMs: round(rosterMs),
      peakMB: round(process.resourceUsage().maxRSS / 1024),
      attempts: ATTEMPTS,
      items: paper.items.length,
      results: RESULTS,
      passed,
      certificates: CERTIFICATES,
      lastCertificate: lastNumber,
      rosterRows: ROSTER_ROWS,
      rosterMB: Math.round((rosterBytes / 1024 / 1024) * 10) / 10,
    }),
  );
}

/** 10,000 passed results after a closed publicity, then one timed `issueCertificates` call (SQLite). */
async function issueThroughDatabase(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-scoring-db-'));
  const h = openDatabase({ databaseUrl: null, sqlitePath: join(dir, 'bench.sqlite') });
  try {
    const db = h.db;
    await migrateToLatest(db);
    const at = '2026-10-01T00:00:00.000Z';
    const org = await db.insertInto('organizations').values({ name: '基准测试评价中心', type: 'training', uscc: '91350100M000100Y43', province: '36', cert_org_code: '0000', cert_org_serial: '010001', cert_issuer: '基准测试评价中心', created_at: at }).returning('id').executeTakeFirstOrThrow();
    const occ = await db.insertInto('occupations').values({ code: '6-31-01-03', name: '电工', work_type: '', levels_json: '[4]', created_at: at }).returning('id').executeTakeFirstOrThrow();
    const batch = await db.insertInto('batches').values({ organization_id: org.id, code: '269901', name: '基准', status: 'closed', created_by: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < CERTIFICATES; i += 500) {
        const rows = Array.from({ length: Math.min(500, CERTIFICATES - i) }, (_, k) => ({
          batch_id: batch.id, occupation_id: occ.id, level: 4, name: `考生${i + k}`, gender: '男', id_type: '201', id_number: `11010519900101${String(i + k).padStart(4, '0')}`,
          birth_date: '1990-01-01', components_json: '["theory","practical"]', created_at: at,
        }));
        const ids = await trx.insertInto('candidates').values(rows).returning('id').execute();
        await trx.insertInto('results').values(ids.map((r) => ({ candidate_id: r.id, batch_id: batch.id, status: 'pass' as const, detail_json: '{}', computed_at: at }))).execute();
      }
      await trx.insertInto('publicities').values({ batch_id: batch.id, started_on: '2026-10-12', ends_on: '2026-10-16', status: 'closed', closed_at: at, closed_by: null }).execute();
    });
    const row = await db.selectFrom('batches').selectAll().where('id', '=', batch.id).executeTakeFirstOrThrow();
    const actor = { ...systemActor('bench'), organizationId: org.id };
    const t = performance.now();
    const { issued } = await issueCertificates(db, actor, row, undefined, new Date('2026-10-20T02:00:00.000Z'));
    const ms = performance.now() - t;
    if (issued.length !== CERTIFICATES) throw new Error(`issued ${issued.length} of ${CERTIFICATES}`);
    return ms;
  } finally {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
