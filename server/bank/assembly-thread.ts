/**
 * 组卷 in a worker thread. `buildParallelPapers` is 100–300 ms of synchronous CPU on a 20,000–50,000 item
 * bank; on the server's event loop that is 100–300 ms in which no candidate's save is answered and no progress
 * reaches the job row. Here it runs in `assembly-worker.ts`, and the main thread only copies the inputs in and
 * the result out (structured clone: the same numbers, keys and order, so the stored set is byte-identical to
 * an in-process build).
 *
 * One thread per build, ended when the build ends (not one idle thread kept for the next build): builds are
 * rare (an office starts a few a day) and polled, so the thread's start — ≈0.35 s of wall time here, tsx
 * loading the assembly's modules, all of it off the event loop (bench/assembly-thread.ts) — is a delay nobody
 * waits on interactively; in exchange nothing (module graph, a bank copy) stays in memory between builds,
 * there is no thread state to recover after a crash, two builds at once simply run side by side, and a crash
 * or a runaway build costs exactly that one build.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError, type AssemblyProgress, type Blueprint, type DomainErrorKind, type Item, type PaperSpec } from '../../question-bank';
import type { AssemblyRequest, BuiltSet } from './assemble-set';

/** Test hooks the thread obeys: `exitDuringAssembly` ends the thread (exit code 70) at its first progress. */
export type AssemblyTestHook = 'exitDuringAssembly';

/** What the thread receives at its start (`workerData`, structured clone); the bank follows in slices. */
export interface AssemblyWorkerData {
  blueprint: Blueprint;
  spec: PaperSpec;
  req: AssemblyRequest;
  /** Least wall-clock time between two progress messages of the same phase. */
  progressEveryMs: number;
  testHook?: AssemblyTestHook;
}

/** Messages to the thread: bank slices in order, then `start`. */
export type AssemblyToWorker = { bank: Item[] } | { start: true };

/**
 * Items per slice of the bank sent to the thread. Copying (structured clone) costs ~2.5 µs per item on the
 * main thread, i.e. 50–170 ms for 20,000–50,000 items at once — as long as the assembly it is meant to move
 * away. A slice of 1,000 is a few milliseconds, and the event loop runs between slices.
 */
const BANK_SLICE = 1000;

/** A domain error as plain data: what crosses the thread boundary instead of the instance. */
export interface SerializedDomainError {
  name: string;
  code: string;
  message: string;
  kind: DomainErrorKind;
  details: Record<string, unknown>;
}

/** What the thread posts: progress (any number), `checking` once assembled, then exactly one of result, error or crash. */
export type AssemblyWorkerMessage =
  | { progress: AssemblyProgress }
  | { checking: true }
  | { result: BuiltSet }
  | { error: SerializedDomainError }
  | { crash: string }
  | { bootError: string };

/**
 * The assembly thread ended without an answer (crashed, killed, could not start): the build failed,
 * nothing was stored. Example: `new AssemblyWorkerFailed('退出码 70')`.
 */
export class AssemblyWorkerFailed extends DomainError {
  constructor(reason: string) {
    super('ASSEMBLY_WORKER_FAILED', `组卷线程意外终止（${reason}），本次未生成试卷，请重新组卷`, 'conflict', { reason });
  }
}

/** The build was stopped because the server is shutting down; nothing was stored. */
export class AssemblyStopped extends DomainError {
  constructor() {
    super('BUILD_STOPPED', '服务器正在关闭，组卷已中止，本次未生成试卷，请稍后重新组卷', 'conflict', {});
  }
}

/** A domain error thrown in the thread, rebuilt with the same name, code, message, kind and details. */
function revive(e: SerializedDomainError): DomainError {
  const err = new DomainError(e.code, e.message, e.kind, e.details);
  err.name = e.name;
  return err;
}

/** Threads running a build now in this process (for `runningAssemblyWorkers`). */
const live = new Set<Worker>();

/** Options of `assembleInWorker`. */
export interface AssembleInWorkerOptions {
  /** Called in the main thread for each progress message (at most every `progressEveryMs` per phase). */
  onProgress?: (p: AssemblyProgress) => void;
  /** Called once the papers are assembled and the thread re-checks them (`checkBuiltSet`). */
  onChecking?: () => void;
  /** Default 250 ms. */
  progressEveryMs?: number;
  /** Where a crash of the thread is reported (the server's `deps.log`). */
  log?: (e: unknown) => void;
  /** Aborting it ends the thread and rejects with `AssemblyStopped` (server shutdown). */
  signal?: AbortSignal;
  testHook?: AssemblyTestHook;
}

/**
 * `assembleSet(bank, blueprint, spec, req)` then `checkBuiltSet` in a new worker thread: resolves with the same
 * `BuiltSet` as the in-process call.
 * Rejects with the assembly's own `DomainError` (same code, Chinese message, kind and details, e.g.
 * `BLUEPRINT_UNSATISFIABLE` with every short cell, or the check's `ASSEMBLY_VIOLATION`), with `AssemblyWorkerFailed` when the thread dies or
 * cannot start, with `AssemblyStopped` when `opts.signal` aborts, and with a plain Error (an
 * internal defect) when the assembly threw something else. The thread is always gone once this settles.
 * Example: `const { result } = await assembleInWorker(bank, bp, spec, { seed: 's', forms: 3, maxOverlap: 0 })`.
 */
export function assembleInWorker(
  bank: readonly Item[],
  blueprint: Blueprint,
  spec: PaperSpec,
  req: AssemblyRequest,
  opts: AssembleInWorkerOptions = {},
): Promise<BuiltSet> {
  const log = opts.log ?? ((e: unknown) => console.error(e));
  // TypeScript through tsx when it is there (dev, tests, `npm start`), the compiled file otherwise, as
  // the exam room's writer thread does.
  const self = fileURLToPath(import.meta.url);
  const url = new URL(`./assembly-worker${extname(self)}`, import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => m.register(), () => undefined).then(() => import(${JSON.stringify(url)}))`
    + `.catch((e) => { require('node:worker_threads').parentPort.postMessage({ bootError: String(e && e.stack || e) }); });`;
  const data: AssemblyWorkerData = {
    blueprint,
    spec,
    req,
    progressEveryMs: opts.progressEveryMs ?? 250,
    ...(opts.testHook && { testHook: opts.testHook }),
  };
  return new Promise<BuiltSet>((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new AssemblyStopped());
    const worker = new Worker(boot, { eval: true, workerData: data });
    let settled = false;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      live.delete(worker);
      opts.signal?.removeEventListener('abort', onAbort);
      then();
      // After a result the thread ends by itself; after anything else it may still run.
      void worker.terminate().catch(() => undefined);
    };
    const fail = (e: Error) => settle(() => reject(e));
    const died = (reason: string, cause?: unknown) => {
      if (settled) return;
      log(new Error(`组卷线程意外终止：${reason}`, { cause }));
      fail(new AssemblyWorkerFailed(reason));
    };
    live.add(worker);
    const onAbort = () => fail(new AssemblyStopped());
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: AssemblyWorkerMessage) => {
      if ('progress' in m) {
        if (settled || !opts.onProgress) return;
        try {
          opts.onProgress(m.progress);
        } catch (e) {
          log(e); // progress is for display only: never a reason to lose the build
        }
      } else if ('checking' in m) {
        if (settled || !opts.onChecking) return;
        try {
          opts.onChecking();
        } catch (e) {
          log(e);
        }
      } else if ('result' in m) settle(() => resolve(m.result));
      else if ('error' in m) fail(revive(m.error));
      else if ('crash' in m) fail(new Error(`assembly thread: ${m.crash}`));
      else if ('bootError' in m) died('线程无法启动', m.bootError);
      else {
        const never: never = m;
        died(`未知消息 ${JSON.stringify(never)}`);
      }
    });
    worker.on('error', (e) => died(`线程错误：${e.message}`, e));
    worker.on('exit', (code) => died(`退出码 ${code}`));
    // The bank in slices while the thread loads its modules; the port keeps them until it listens.
    void (async () => {
      for (let i = 0; i < bank.length && !settled; i += BANK_SLICE) {
        worker.postMessage({ bank: bank.slice(i, i + BANK_SLICE) } satisfies AssemblyToWorker);
        await new Promise<void>((r) => setImmediate(r));
      }
      if (!settled) worker.postMessage({ start: true } satisfies AssemblyToWorker);
    })().catch((e: unknown) => died(`题库无法传入线程：${e instanceof Error ? e.message : String(e)}`, e));
  });
}

/** Builds running in this process (tests, diagnostics). */
export function runningAssemblyWorkers(): number {
  return live.size;
}
