/**
 * What the main thread still pays when 组卷 runs in a worker thread: `npx tsx bench/assembly-thread.ts
 * [--sizes 20000,50000]`. Per bank size, after one untimed warm-up of each path: the in-process build
 * (`inProcessMs`, all of it on the event loop), the worker build end to end (`workerMs`, thread start included),
 * and the longest stall of a 1 ms timer on the main thread during the worker build (`mainStallMs`: the
 * structured-clone copy of the bank in and the result out, plus the thread's start). `sameResult` compares
 * the two paths' result JSON byte for byte. Wall times suffer when other processes share the cores.
 */
import { assembleSet } from '../server/bank/assemble-set';
import { assembleInWorker } from '../server/bank/assembly-thread';
import { syntheticBank } from './synthetic-bank';

const arg = process.argv.indexOf('--sizes');
const sizes = arg >= 0 ? process.argv[arg + 1]!.split(',').map(Number) : [20000, 50000];

for (const size of sizes) {
  const c = syntheticBank(size);
  const req = { seed: 'bench-thread', forms: 3, maxOverlap: 0, maxExposure: c.maxExposure };
  assembleSet(c.bank, c.blueprint, c.spec, req);
  await assembleInWorker(c.bank, c.blueprint, c.spec, req);

  let t0 = performance.now();
  const direct = assembleSet(c.bank, c.blueprint, c.spec, req);
  const inProcessMs = performance.now() - t0;

  let last = performance.now();
  let mainStallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    mainStallMs = Math.max(mainStallMs, now - last);
    last = now;
  }, 1);
  t0 = performance.now();
  last = t0;
  const viaThread = await assembleInWorker(c.bank, c.blueprint, c.spec, req);
  const workerMs = performance.now() - t0;
  clearInterval(timer);
  mainStallMs = Math.max(mainStallMs, performance.now() - last);

  const round = (x: number) => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify({
      size,
      inProcessMs: round(inProcessMs),
      workerMs: round(workerMs),
      mainStallMs: round(mainStallMs),
      sameResult: JSON.stringify(direct.result) === JSON.stringify(viaThread.result),
    }),
  );
}
