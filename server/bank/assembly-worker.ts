/**
 * The assembly thread: one 组卷 per thread. It receives the blueprint, spec and request as `workerData` and
 * the bank in slices (`{ bank }` messages, then `{ start }`: copying a 50,000 item bank at once would stall
 * the main thread as long as the assembly itself), runs `assembleSet` (i.e. `buildParallelPapers`), posts
 * progress at most every `progressEveryMs` plus at every phase change, then `checking` while `checkBuiltSet`
 * re-checks the papers, then the built set or the error as plain data. The 100–300 ms of CPU on a 20,000–50,000 item bank block this thread only, never the exam
 * room's sockets in the main thread. Started by `assembleInWorker` (assembly-thread.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
// Not the question bank's public face (it loads the item file formats too): see assemble-set.ts.
import type { AssemblyPhase } from '../../question-bank/assembly';
import { DomainError } from '../../question-bank/errors';
import type { Item } from '../../question-bank/types';
import { assembleSet, checkBuiltSet } from './assemble-set';
import type { AssemblyToWorker, AssemblyWorkerData, AssemblyWorkerMessage } from './assembly-thread';

const job = workerData as AssemblyWorkerData;
const port = parentPort!;
const post = (m: AssemblyWorkerMessage) => port.postMessage(m);
const bank: Item[] = [];

function assemble(): void {
  let lastPhase: AssemblyPhase | null = null;
  let lastPost = -Infinity;
  try {
    const built = assembleSet(bank, job.blueprint, job.spec, job.req, (p) => {
      // Tests only: the thread dies in the middle of the assembly, as a crash (out of memory, native fault) would.
      if (job.testHook === 'exitDuringAssembly') process.exit(70);
      const now = performance.now();
      if (p.phase === lastPhase && now - lastPost < job.progressEveryMs) return;
      lastPhase = p.phase;
      lastPost = now;
      post({ progress: p });
    });
    // The independent check here too: over a large bank it is tens of milliseconds the main thread keeps.
    post({ checking: true });
    checkBuiltSet(built, bank, job.blueprint, job.spec, job.req);
    post({ result: built });
  } catch (e) {
    if (e instanceof DomainError) {
      // Details through JSON, as the job row stores them: nothing that cannot be cloned can kill the reply.
      const details = JSON.parse(JSON.stringify(e.details)) as Record<string, unknown>;
      post({ error: { name: e.name, code: e.code, message: e.message, kind: e.kind, details } });
    } else {
      post({ crash: e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e) });
    }
  }
}

port.on('message', (m: AssemblyToWorker) => {
  if ('bank' in m) {
    for (const it of m.bank) bank.push(it);
    return;
  }
  // The whole bank is here: nothing more will arrive, so the thread may end once the answer is posted.
  port.removeAllListeners('message');
  port.unref();
  assemble();
});
