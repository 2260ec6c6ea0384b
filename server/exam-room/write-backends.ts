/**
 * Where a group of saves is committed: a writer thread with its own SQLite connection (the default for
 * a SQLite file: its fsync never blocks the sockets), or Kysely on the shared connection (PostgreSQL,
 * whose I/O is asynchronous anyway, and in-memory SQLite, which a second connection could not see).
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Dialect } from '../db/connect';
import { RoomRefused } from './errors';
import { finishSaves, gateSaves, saveKey, type Batch, type BatchResult, type GateRow, type StoredAnswer } from './save-decision';

/**
 * Commits one batch atomically. `commit` resolves only after the transaction committed; when it rejects,
 * nothing of the batch may be acknowledged (it may or may not have been committed: a resend of the same
 * seq and answer is then acknowledged as a repeat).
 */
export interface WriteBackend {
  commit(batch: Batch): Promise<BatchResult>;
  close(): Promise<void>;
}

/** The Kysely path: the same decision, in one transaction on the shared connection (PostgreSQL rows read `FOR SHARE`). */
export class KyselyBackend implements WriteBackend {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  async commit(batch: Batch): Promise<BatchResult> {
    return this.db.transaction().execute(async (trx) => {
      const savedAt = new Date(batch.now).toISOString();
      const created: BatchResult['created'] = [];
      for (const c of batch.creates) {
        const row = await trx.insertInto('attempts').values(c.row as never).onConflict((oc) => oc.columns(['sitting_id', 'candidate_id']).doNothing()).returning('id').executeTakeFirst();
        if (!row) {
          created.push({ conflict: true });
          continue;
        }
        await trx.insertInto('attempt_events').values({ attempt_id: row.id, ...c.event, at: savedAt }).execute();
        created.push({ id: row.id });
      }
      const ids = [...new Set(batch.saves.map((s) => s.attemptId))];
      const rows = new Map<number, GateRow>();
      for (let i = 0; i < ids.length; i += 500) {
        let q = trx
          .selectFrom('attempts')
          .innerJoin('sittings', 'sittings.id', 'attempts.sitting_id')
          .select([
            'attempts.id', 'attempts.candidate_id', 'attempts.device_id', 'attempts.state', 'attempts.started_at', 'attempts.ends_at', 'attempts.paused_at',
            'attempts.paused_ms', 'attempts.extension_ms', 'attempts.submitted_at', 'attempts.submit_reason', 'sittings.grace_seconds',
          ])
          .where('attempts.id', 'in', ids.slice(i, i + 500));
        // A concurrent submit waits for this commit (or we see it submitted): never an answer after the submit.
        if (this.dialect === 'postgres') q = q.forShare();
        for (const r of await q.execute()) rows.set(r.id, r);
      }
      const gate = gateSaves(batch.saves, rows, batch.now);
      const written = new Set<string>();
      for (let i = 0; i < gate.chosen.length; i += 400) {
        const values = gate.chosen.slice(i, i + 400).map((j) => {
          const s = batch.saves[j]!;
          return { attempt_id: s.attemptId, item_key: s.item, seq: s.seq, value_json: s.valueJson, flagged: s.flagged ? 1 : 0, saved_at: savedAt };
        });
        const out = await trx
          .insertInto('responses')
          .values(values)
          .onConflict((oc) =>
            oc
              .columns(['attempt_id', 'item_key'])
              .doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq'), value_json: eb.ref('excluded.value_json'), flagged: eb.ref('excluded.flagged'), saved_at: eb.ref('excluded.saved_at') }))
              // Only a newer seq replaces the stored answer: a late duplicate can never roll it back.
              .where((eb) => eb('excluded.seq', '>', eb.ref('responses.seq'))),
          )
          .returning(['attempt_id', 'item_key'])
          .execute();
        for (const w of out) written.add(saveKey({ attemptId: w.attempt_id, item: w.item_key }));
      }
      const stored = new Map<string, StoredAnswer>();
      for (const j of gate.chosen) {
        const s = batch.saves[j]!;
        if (written.has(saveKey(s))) continue;
        const r = await trx.selectFrom('responses').select(['seq', 'value_json', 'flagged']).where('attempt_id', '=', s.attemptId).where('item_key', '=', s.item).executeTakeFirst();
        if (r) stored.set(saveKey(s), { seq: Number(r.seq), valueJson: r.value_json, flagged: Number(r.flagged) === 1 });
      }
      const done = finishSaves(batch.saves, gate, written, stored, batch.now);
      const events = [
        ...batch.events.map((e) => ({ attempt_id: e.attemptId, type: e.type, detail_json: JSON.stringify(e.detail ?? {}), actor_id: e.actorId ?? null, at: e.at })),
        ...[...gate.lateEvents, ...done.events].map((e) => ({ attempt_id: e.attemptId, type: e.type, detail_json: JSON.stringify(e.detail ?? {}), actor_id: null, at: savedAt })),
      ];
      for (let i = 0; i < events.length; i += 400) await trx.insertInto('attempt_events').values(events.slice(i, i + 400)).execute();
      return { outcomes: done.outcomes, applied: done.applied, late: gate.late, created };
    });
  }

  async close(): Promise<void> {}
}

/**
 * A save (or event, or new attempt) refused because the writer thread is gone or restarting: retryable
 * (`INTERNAL` is one of the codes the client keeps in its outbox), never acknowledged.
 * Example: `throw new WriterUnavailable('answer writer exited (1)')`.
 */
export class WriterUnavailable extends RoomRefused {
  constructor(reason: string) {
    super('INTERNAL', '答案保存服务正在恢复，本次答案尚未保存，稍后自动重试', { reason });
  }
}

/** How the writer thread is restarted after it died (defaults in `RESTART_DEFAULTS`). */
export interface WorkerBackendOptions {
  /** Where a death and a restart are reported (the server's `deps.log`). */
  log?: (e: unknown) => void;
  /** Wait before the 1st, 2nd, … restart within a minute; the last one repeats. */
  restartDelaysMs?: readonly number[];
  /** At most this many restarts in any 60 s; beyond that the next waits until the oldest is a minute old. */
  maxRestartsPerMinute?: number;
  /** How long a commit waits for a starting writer before it is refused (retryable). */
  waitForWriterMs?: number;
  /** SQLite busy timeout of the writer's connection. */
  busyTimeoutMs?: number;
}

/** Restart policy: quick first retries, then slower; six a minute at most (a crash loop must not spin). */
export const RESTART_DEFAULTS = { restartDelaysMs: [100, 500, 2000, 5000], maxRestartsPerMinute: 6, waitForWriterMs: 10_000, busyTimeoutMs: 10_000 } as const;

/** One started writer thread and the commits it owes an answer for. */
interface Generation {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  waiting: Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>;
}

type WorkerMessage = { ready?: true; bootError?: string; closed?: true; id?: number; result?: BatchResult; error?: string };

/**
 * The writer thread (server/exam-room/answer-worker.ts) over the same SQLite file. Started with the
 * server; loads TypeScript through tsx when present (dev, tests, `npm start`), plain JS otherwise.
 *
 * If the thread errors or exits, every commit it had not answered is rejected with `WriterUnavailable`
 * (the saves are refused, retryable, never acknowledged: the transaction may or may not have committed,
 * and a resend of the same seq is acknowledged as a repeat) and a new thread is started after a backoff
 * (`RESTART_DEFAULTS`), each death and restart logged. Commits arriving meanwhile wait for the new
 * thread up to `waitForWriterMs`, then are refused the same way. Restart timing uses the real clock, not
 * the app clock: it paces threads, not exam time.
 */
export class WorkerBackend implements WriteBackend {
  readonly #sqlitePath: string;
  readonly #opts: Required<Omit<WorkerBackendOptions, 'log'>> & { log: (e: unknown) => void };
  #gen: Generation | null = null;
  #next = 1;
  #closed = false;
  #restartTimer: NodeJS.Timeout | null = null;
  #restartAt = 0;
  /** Real times of the restarts in the last minute. */
  #restarts: number[] = [];
  /** Commits waiting for a ready thread (woken on ready, death and close). */
  #wake = new Set<() => void>();
  /** Threads started after a death (for the log and tests). */
  restartCount = 0;

  constructor(sqlitePath: string, opts: WorkerBackendOptions = {}) {
    this.#sqlitePath = sqlitePath;
    this.#opts = { ...RESTART_DEFAULTS, log: (e) => console.error(e), ...opts };
    this.#start();
  }

  /** For tests only: the current writer thread (to terminate it), null while restarting. */
  workerForTests(): Worker | null {
    return this.#gen?.worker ?? null;
  }

  #start(): void {
    const self = fileURLToPath(import.meta.url);
    const url = new URL(`./answer-worker${extname(self)}`, import.meta.url).href;
    const boot = `import('tsx/esm/api').then((m) => m.register(), () => undefined).then(() => import(${JSON.stringify(url)}))`
      + `.catch((e) => { require('node:worker_threads').parentPort.postMessage({ bootError: String(e && e.stack || e) }); });`;
    const worker = new Worker(boot, { eval: true, workerData: { sqlitePath: this.#sqlitePath, busyTimeoutMs: this.#opts.busyTimeoutMs } });
    worker.unref();
    const gen: Generation = { worker, ready: false, dead: false, waiting: new Map() };
    this.#gen = gen;
    worker.on('message', (m: WorkerMessage) => {
      if (m.ready) {
        gen.ready = true;
        return this.#wakeAll();
      }
      if (m.bootError) return this.#died(gen, new Error(`answer writer failed to start: ${m.bootError}`));
      const w = m.id === undefined ? undefined : gen.waiting.get(m.id);
      if (!w) return;
      gen.waiting.delete(m.id!);
      if (m.error) w.reject(new Error(m.error));
      else w.resolve(m.result!);
    });
    worker.on('error', (e) => this.#died(gen, e));
    worker.on('exit', (code) => this.#died(gen, new Error(`answer writer exited (${code})`)));
  }

  #wakeAll(): void {
    const all = [...this.#wake];
    this.#wake.clear();
    for (const f of all) f();
  }

  /** A thread is gone: refuse what it owed, restart it (unless closing). Idempotent per thread. */
  #died(gen: Generation, e: Error): void {
    if (gen.dead) return;
    gen.dead = true;
    const refusal = new WriterUnavailable(e.message);
    for (const w of gen.waiting.values()) w.reject(refusal);
    const lost = gen.waiting.size;
    gen.waiting.clear();
    if (this.#gen === gen) this.#gen = null;
    void gen.worker.terminate().catch(() => undefined); // after 'error' the thread may still be running
    this.#wakeAll();
    if (this.#closed) return;
    const delay = this.#scheduleRestart();
    this.#opts.log(new Error(`答案写入线程中断（${e.message}），${lost} 批未确认的保存已退回重试；${delay} ms 后重启`, { cause: e }));
  }

  #scheduleRestart(): number {
    const now = Date.now();
    this.#restarts = this.#restarts.filter((t) => now - t < 60_000);
    const n = this.#restarts.length;
    const delays = this.#opts.restartDelaysMs;
    const delay = n < this.#opts.maxRestartsPerMinute ? (delays[Math.min(n, delays.length - 1)] ?? 1000) : Math.max(0, this.#restarts[0]! + 60_000 - now);
    this.#restartAt = now + delay;
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = null;
      if (this.#closed) return;
      this.#restarts.push(Date.now());
      this.restartCount++;
      this.#start();
    }, delay);
    this.#restartTimer.unref();
    return delay;
  }

  /** The ready thread, waiting for a starting one up to `waitForWriterMs`; `WriterUnavailable` otherwise. */
  async #ready(): Promise<Generation> {
    const deadline = Date.now() + this.#opts.waitForWriterMs;
    for (;;) {
      if (this.#closed) throw new WriterUnavailable('answer writer closed');
      const g = this.#gen;
      if (g && g.ready && !g.dead) return g;
      const left = deadline - Date.now();
      // Fail fast when the next restart is beyond the wait (crash loop held back by the per-minute limit).
      if (left <= 0 || (!g && this.#restartAt - Date.now() > left)) throw new WriterUnavailable(g ? 'answer writer starting' : 'answer writer restarting');
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, left);
        function done() {
          clearTimeout(t);
          resolve();
        }
        this.#wake.add(done);
      });
    }
  }

  async commit(batch: Batch): Promise<BatchResult> {
    const gen = await this.#ready();
    return new Promise((resolve, reject) => {
      const id = this.#next++;
      gen.waiting.set(id, { resolve, reject });
      gen.worker.postMessage({ id, batch });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    this.#restartTimer = null;
    this.#wakeAll();
    const gen = this.#gen;
    if (!gen || gen.dead) return;
    const closed = new Promise<void>((resolve) => {
      gen.worker.on('message', (m: WorkerMessage) => m.closed && resolve());
      gen.worker.once('exit', () => resolve());
    });
    gen.worker.postMessage({ close: true });
    await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
    await gen.worker.terminate();
  }
}
