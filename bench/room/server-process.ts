/**
 * The benchmark's server, in its own process: the real `startServer` on the seeded SQLite file. Talks
 * to the orchestrator over IPC: `ready` once listening; on request the memory (after a forced GC), the
 * event-loop delay and the group-commit counters.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/server';
import { roomRuntime } from '../../server/exam-room';

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let errors = 0;
const gcPauses = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcPauses.count++;
    gcPauses.totalMs += e.duration;
    gcPauses.maxMs = Math.max(gcPauses.maxMs, e.duration);
  }
}).observe({ entryTypes: ['gc'] });
const config = loadConfig({ NODE_ENV: 'test', PORT: process.env.BENCH_PORT, HOST: '127.0.0.1', SQLITE_PATH: process.env.BENCH_DB, DEMO_DATA: '0' });
const running = await startServer(config, {
  log: (e) => {
    errors++;
    if (errors <= 5) console.error('[bench server]', e);
  },
});
// The writer thread and the room runtime are fixed costs, started before the idle memory is taken.
roomRuntime(running.deps);
const gc = (globalThis as { gc?: () => void }).gc;

process.on('message', (m: { type: string }) => {
  switch (m.type) {
    case 'mem': {
      gc?.();
      gc?.();
      const u = process.memoryUsage();
      process.send!({ type: 'mem', rss: u.rss, heapUsed: u.heapUsed, external: u.external, arrayBuffers: u.arrayBuffers });
      return;
    }
    case 'loop-reset':
      loop.reset();
      return;
    case 'stats': {
      const w = roomRuntime(running.deps).writer.stats;
      const cpu = process.cpuUsage();
      process.send!({ type: 'stats', loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6, errors, writer: { ...w }, gc: { count: gcPauses.count, totalMs: Math.round(gcPauses.totalMs), maxMs: Math.round(gcPauses.maxMs) }, cpuS: (cpu.user + cpu.system) / 1e6, upS: process.uptime() });
      return;
    }
    default:
      return;
  }
});
process.send!({ type: 'ready', port: running.port, at: Date.now() });
process.once('SIGTERM', () => {
  void running.close().finally(() => process.exit(0));
});
