/**
 * Exam-room benchmark (`npm run bench:room`). Prints ONE JSON line:
 * `{ case: "room", candidates, p50, p95, p99, max, retries, acked, lost, kbPerCandidate, loopDelayP99, kills, resyncMaxS, … }`.
 *
 * The server runs in a child process on its own SQLite file (seeded directly: N candidates with ready
 * sessions, rooms of 30, one proctor per room, a 100-item paper), the load generator in another child.
 * Every candidate connects within a 10 s window, fetches the paper, saves an answer about every 5 s and
 * sends a heartbeat every 10 s; proctors watch their room. At the end every acknowledged save is
 * checked against the database (`lost` must be 0).
 *
 * Options: `--candidates N` (default 3000), `--seconds S` (default 60), `--kill` (SIGKILL the server 3
 * times mid-run and restart it; `resyncMaxS` = slowest candidate back and resumed after a restart).
 * Latencies are measured in the load process from emit to ack (ms); memory per candidate is the
 * server's RSS growth from idle (writer thread already started) to the end of the run with every
 * candidate connected, after a forced GC, divided by N.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { seedBench } from './room/seed';
import type { LoadReport } from './room/load';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const N = arg('candidates', 3000);
const SECONDS = arg('seconds', 60);
const KILL = process.argv.includes('--kill');
const KILLS = KILL ? arg('kills', 3) : 0;
const WINDOW_MS = 10_000;
const log = (...a: unknown[]) => console.error('[bench:room]', ...a);

const dir = mkdtempSync(path.join(tmpdir(), 'skillcert-bench-room-'));
const dbPath = path.join(dir, 'bench.sqlite');
const here = path.dirname(new URL(import.meta.url).pathname);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

function once<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => {
      child.off('message', onMsg);
      reject(new Error(`child exited (${code}) before "${type}"`));
    };
    const onMsg = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off('message', onMsg);
      child.off('exit', onExit);
      resolve(m as T);
    };
    child.on('message', onMsg);
    child.once('exit', onExit);
  });
}

function ask<T>(child: ChildProcess, type: string): Promise<T> {
  const p = once<T>(child, type);
  child.send({ type });
  return p;
}

async function startServerChild(port: number): Promise<{ child: ChildProcess; readyAt: number }> {
  const child = fork(path.join(here, 'room/server-process.ts'), [], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [])],
    env: { ...process.env, BENCH_PORT: String(port), BENCH_DB: dbPath },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await once<{ at: number }>(child, 'ready');
  return { child, readyAt: ready.at };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The disk as it is right now: 400 single-row commits with `synchronous=FULL` (the cost of one
 * acknowledged save with nothing to group it with). Printed with the result, because an ack can never
 * be faster than the fsync it waits for and other processes on this machine share the disk.
 */
function probeFsync(): { p50: number; p99: number; max: number } {
  const probe = new SQLite(path.join(dir, 'fsync-probe.sqlite'));
  probe.pragma('journal_mode = WAL');
  probe.pragma('synchronous = FULL');
  probe.exec('CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)');
  const ins = probe.prepare('INSERT INTO t (b) VALUES (?)');
  const times: number[] = [];
  for (let i = 0; i < 400; i++) {
    const t = process.hrtime.bigint();
    ins.run('x'.repeat(200));
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  probe.close();
  times.sort((a, b) => a - b);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return { p50: r2(times[199]!), p99: r2(times[395]!), max: r2(times[399]!) };
}

async function main(): Promise<void> {
  const fsyncMs = probeFsync();
  const t0 = Date.now();
  const plan = await seedBench(dbPath, N, new Date(), 240);
  log(`seeded ${N} candidates in ${plan.proctors.length} rooms in ${Date.now() - t0} ms`);
  const port = await freePort();
  let server = await startServerChild(port);
  const memIdle = await ask<{ rss: number; heapUsed: number }>(server.child, 'mem');

  const load = fork(path.join(here, 'room/load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await once(load, 'ready');
  const start = Date.now();
  load.send({ type: 'start', url: `http://127.0.0.1:${port}`, plan, windowMs: WINDOW_MS });

  // Wait for everyone to be in (or the window plus 20 s), then measure memory at steady state.
  for (;;) {
    await sleep(1000);
    const st = await ask<{ joined: number }>(load, 'status');
    if (st.joined >= N || Date.now() - start > WINDOW_MS + 20_000) {
      log(`${st.joined}/${N} candidates joined after ${Date.now() - start} ms`);
      break;
    }
  }

  let end = start + SECONDS * 1000;
  const killTimes = Array.from({ length: KILLS }, (_, k) => start + WINDOW_MS + 5000 + ((k + 1) * (end - start - WINDOW_MS - 15_000)) / (KILLS + 1));
  let lastReady = 0;
  for (const planned of killTimes) {
    // Each restart gets 15 s to bring everyone back before the next kill (restarts take seconds here).
    const kt = Math.max(planned, lastReady + 15_000);
    await sleep(Math.max(0, kt - Date.now()));
    const killAt = Date.now();
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));
    load.send({ type: 'killed', at: killAt });
    server = await startServerChild(port);
    load.send({ type: 'restarted', at: server.readyAt });
    lastReady = server.readyAt;
    log(`killed at +${killAt - start} ms, back ${server.readyAt - killAt} ms later`);
  }
  if (KILLS) end = Math.max(end, lastReady + 15_000);
  await sleep(Math.max(0, end - Date.now()));
  // Saves stop and the outbox drains; candidates stay connected for the memory figure.
  const reportP = once<LoadReport>(load, 'report');
  load.send({ type: 'stop' });
  const rep = await reportP;
  // Loop delay first, then memory with everyone connected (its forced GC stalls the server).
  const stats = await ask<{ loopP99: number; loopMax: number; errors: number; writer: { batches: number; saves: number; maxBatch: number }; cpuS: number; upS: number; gc: { count: number; totalMs: number; maxMs: number } }>(server.child, 'stats');
  const memLoaded = await ask<{ rss: number; heapUsed: number }>(server.child, 'mem');
  load.send({ type: 'exit' });

  // Reconcile every acknowledged save against the database.
  const db = new SQLite(dbPath, { readonly: true });
  const get = db.prepare('SELECT seq FROM responses WHERE attempt_id = ? AND item_key = ?');
  let lost = 0;
  for (const [attempt, item, seq] of rep.ackedKeys) {
    const row = get.get(attempt, item) as { seq: number } | undefined;
    if (!row || row.seq < seq) lost++;
  }
  db.close();
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));

  const resyncs = rep.resync.map((r) => r.maxS);
  const out = {
    case: 'room',
    candidates: N,
    seconds: SECONDS,
    joined: rep.joined,
    p50: rep.p50,
    p95: rep.p95,
    p99: rep.p99,
    max: rep.max,
    steady: rep.steady,
    p99PerFiveSeconds: rep.slices,
    retries: rep.retries,
    acked: rep.acked,
    ackedItems: rep.ackedKeys.length,
    lost,
    pendingAtEnd: rep.pendingAtEnd,
    kbPerCandidate: Math.round(((memLoaded.rss - memIdle.rss) / N / 1024) * 10) / 10,
    kbHeapPerCandidate: Math.round(((memLoaded.heapUsed - memIdle.heapUsed) / N / 1024) * 10) / 10,
    loopDelayP99: Math.round(stats.loopP99 * 10) / 10,
    loopDelayMax: Math.round(stats.loopMax * 10) / 10,
    loadLoopDelayP99: rep.loadLoopP99,
    serverCpuPct: Math.round((stats.cpuS / stats.upS) * 100),
    serverGc: stats.gc,
    loadCpuPct: rep.cpuPct,
    loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    diskFsyncMs: fsyncMs,
    kills: KILLS,
    // null: somebody was not back before the next kill (see notResynced).
    resyncMaxS: KILLS ? (resyncs.some((x) => x === null) ? null : Math.max(...(resyncs as number[]))) : null,
    notResynced: rep.resync.reduce((n, r) => n + r.notBack, 0),
    resyncPerKill: rep.resync.map((r) => ({ connectMaxS: r.maxConnectS, resumeMaxS: r.maxS, restartMs: r.readyAt - r.killAt })),
    commits: stats.writer.batches,
    savesPerCommit: stats.writer.batches ? Math.round((stats.writer.saves / stats.writer.batches) * 10) / 10 : 0,
    maxBatch: stats.writer.maxBatch,
    proctorUpdates: rep.proctorUpdates,
    paperKbPerCandidate: rep.kbReceivedPerCandidate,
    errors: rep.errors,
    serverErrors: stats.errors,
  };
  console.log(JSON.stringify(out));
  rmSync(dir, { recursive: true, force: true });
  // A run in which nothing was saved measured nothing (e.g. candidates stuck in the lobby): fail loudly.
  if (rep.acked === 0) log('no save was acknowledged: the run measured nothing (are the candidates started?)');
  process.exit(lost === 0 && rep.acked > 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
