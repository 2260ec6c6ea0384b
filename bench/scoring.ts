/**
 * Scoring benchmark (`npm run bench:scoring`). Prints one JSON line:
 * `{ case: "scoring", markMs, combineMs, certificatesMs, rosterMs, peakMB, … }`.
 *
 * - mark 10,000 theory attempts of a 200-item paper (160 单选 + 40 判断, 0.5 each; target ≤ 2 s);
 * - combine 10,000 results (resolve theory and practical sources, then `combineComponents`);
 * - allocate 10,000 certificate numbers, one at a time, over in-memory counters per level. This is the
 *   pure loop only: the database-backed allocator (counter row per organization × year × level,
 *   incremented inside the issuing transaction) is built in the server and measured there;
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

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
