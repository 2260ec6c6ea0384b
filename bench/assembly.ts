/**
 * Parallel paper assembly benchmark: `npm run bench:assembly [-- --sizes 2000,20000 --no-highs]`.
 * Prints one JSON object per bank size. Each size runs in its own child process (so `peakMB` is that
 * case's own peak RSS; `baselineMB` is the RSS of the bare process, `withBankMB` with the synthetic
 * bank in memory, so the assembly's own share is peakMB − withBankMB): after two untimed warm-up
 * runs with other seeds (`coldMs` = the first one), three timed runs — the bank as generated, reversed, and
 * shuffled; times are medians, and the output hash must be identical (`repeatable`). Wall times
 * (`…Ms`) suffer when other processes share the 2 cores, so CPU times of the process (`…CpuMs`) and
 * the 1-minute load average are printed beside them. Where enabled, the same instance is solved as a MIP with HiGHS
 * (WebAssembly, single thread) in a separate child process for comparison.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { buildParallelPapers, checkParallelPapers } from '../question-bank/assembly';
import { fnv1a64 } from '../question-bank/bank-hash';
import { createRng, shuffled } from '../question-bank/random';
import { solveWithHighs } from './assembly-highs';
import { syntheticBank, type SyntheticCase } from './synthetic-bank';

const SEED = 'bench-assembly';
const TARGET_DEVIATION = 1e-3;
const TARGET_SPREAD = 1e-4;
const HIGHS_LIMITS: Record<number, number> = { 2000: 20, 20000: 60 };

interface RunFigures {
  feasibleMs: number;
  feasibleCpuMs: number;
  targetCpuMs: number | null;
  totalCpuMs: number;
  targetMs: number | null;
  spreadMs: number | null;
  totalMs: number;
  deviation: number;
  meanPSpread: number;
  violations: number;
  hash: string;
}

function runOnce(c: SyntheticCase, order: 'as-generated' | 'reversed' | 'shuffled', seed = SEED): RunFigures {
  const bank = order === 'reversed' ? c.bank.slice().reverse() : order === 'shuffled' ? shuffled(c.bank, createRng('order')) : c.bank;
  let feasibleMs = NaN;
  let targetMs: number | null = null;
  let spreadMs: number | null = null;
  let feasibleCpuMs = NaN;
  let targetCpuMs: number | null = null;
  const t0 = performance.now();
  const c0 = cpuMs();
  const result = buildParallelPapers(bank, c.blueprint, c.spec, {
    seed,
    forms: 3,
    maxOverlap: 0,
    maxExposure: c.maxExposure,
    onProgress: (p) => {
      const t = performance.now() - t0;
      if (p.phase === 'feasible') [feasibleMs, feasibleCpuMs] = [t, cpuMs() - c0];
      if (targetMs === null && p.deviation <= TARGET_DEVIATION) [targetMs, targetCpuMs] = [t, cpuMs() - c0];
      if (spreadMs === null && p.meanDifficultySpread <= TARGET_SPREAD) spreadMs = t;
    },
  });
  const totalMs = performance.now() - t0;
  const totalCpuMs = cpuMs() - c0;
  const violations = checkParallelPapers({
    papers: result.papers,
    bank: c.bank,
    blueprint: c.blueprint,
    spec: c.spec,
    forms: 3,
    maxOverlap: 0,
    maxExposure: c.maxExposure,
  }).length;
  const means = result.stats.map((s) => s.meanDifficulty);
  return {
    feasibleMs,
    feasibleCpuMs,
    targetCpuMs,
    totalCpuMs,
    targetMs,
    spreadMs,
    totalMs,
    deviation: result.deviation.largest,
    meanPSpread: Math.max(...means) - Math.min(...means),
    violations,
    hash: fnv1a64(JSON.stringify(result)),
  };
}

/** CPU time of this process (all threads, so JIT and GC count), unaffected by other processes' load. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const median = (xs: (number | null)[]) => {
  if (xs.some((x) => x === null)) return null;
  const s = (xs as number[]).slice().sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

/** Full GC between runs where the child was started with --expose-gc, so one run's garbage does not inflate the next's peak. */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function assemblyChild(size: number): void {
  const baselineMB = process.memoryUsage().rss / 2 ** 20;
  const c = syntheticBank(size);
  collect();
  const withBankMB = process.memoryUsage().rss / 2 ** 20;
  // Two untimed warm-up runs (other seeds), so the timed figures are of compiled code, not of the
  // JIT's first passes; the first one's wall time is reported as `coldMs`.
  const cold = runOnce(c, 'as-generated', `${SEED}:warm-up-1`);
  collect();
  runOnce(c, 'as-generated', `${SEED}:warm-up-2`);
  const runs = (['as-generated', 'reversed', 'shuffled'] as const).map((o) => {
    collect();
    return runOnce(c, o);
  });
  const last = runs[runs.length - 1]!;
  const out = {
    feasibleMs: round(median(runs.map((r) => r.feasibleMs))),
    targetMs: round(median(runs.map((r) => r.targetMs))),
    spreadMs: round(median(runs.map((r) => r.spreadMs))),
    totalMs: round(median(runs.map((r) => r.totalMs))),
    feasibleCpuMs: round(median(runs.map((r) => r.feasibleCpuMs))),
    targetCpuMs: round(median(runs.map((r) => r.targetCpuMs))),
    totalCpuMs: round(median(runs.map((r) => r.totalCpuMs))),
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    runsTotalMs: runs.map((r) => round(r.totalMs)),
    coldMs: round(cold.totalMs),
    deviation: last.deviation,
    meanPSpread: last.meanPSpread,
    violations: runs.reduce((s, r) => s + r.violations, 0),
    peakMB: Math.round(process.resourceUsage().maxRSS / 1024),
    baselineMB: Math.round(baselineMB),
    withBankMB: Math.round(withBankMB),
    hash: last.hash,
    repeatable: runs.every((r) => r.hash === last.hash),
  };
  process.stdout.write(JSON.stringify(out));
}

/**
 * Run this file again in a child process. The assembly child loads TypeScript through tsx's
 * in-thread require hook rather than the ESM loader, whose extra thread adds ~40 MB of RSS that
 * would be charged to the assembly; the HiGHS child uses the ordinary loader.
 */
function child(mode: string, inThread: boolean): Record<string, unknown> {
  const script = path.resolve('bench/assembly.ts');
  const args = inThread
    ? ['--expose-gc', '-e', `require('tsx/cjs/api').register(); require(${JSON.stringify(script)});`]
    : [...process.execArgv, script];
  const res = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, BENCH_ASSEMBLY_CHILD: mode },
  });
  if (res.status !== 0) {
    const lines = (res.stderr || `exit ${res.status}`).split('\n').filter((l) => /Error|error|at /.test(l));
    return { error: lines.slice(0, 3).join(' | ') };
  }
  return JSON.parse(res.stdout) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const mode = process.env.BENCH_ASSEMBLY_CHILD;
  if (mode) {
    const [kind, size, limit] = mode.split(':');
    if (kind === 'assembly') return assemblyChild(Number(size));
    process.stdout.write(JSON.stringify(await solveWithHighs(syntheticBank(Number(size)), Number(limit))));
    return;
  }
  const argv = process.argv.slice(2);
  const sizesAt = argv.indexOf('--sizes');
  const sizes = sizesAt >= 0 ? argv[sizesAt + 1]!.split(',').map(Number) : [2000, 20000, 50000];
  const withHighs = !argv.includes('--no-highs');
  for (const bank of sizes) {
    const figures = child(`assembly:${bank}`, true);
    const line: Record<string, unknown> = { case: 'assembly', bank, ...figures };
    const limit = HIGHS_LIMITS[bank];
    if (withHighs && limit !== undefined) line.highs = child(`highs:${bank}:${limit}`, false);
    console.log(JSON.stringify(line));
  }
}

// No top-level await: the assembly child loads this file as CommonJS.
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
