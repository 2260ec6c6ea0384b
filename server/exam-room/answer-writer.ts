/**
 * The hot write path: answers, attempt events and new attempts are queued and committed in groups
 * (group commit). Each save is acknowledged only after the transaction holding it has committed, so
 * an acknowledged answer survives a crash (SQLite runs with `synchronous=FULL`).
 *
 * One batch is in flight at a time; whatever arrives meanwhile forms the next batch. On SQLite the
 * commit runs in a writer thread (see answer-worker.ts for the measured fsync figures), so the
 * sockets keep being served during the fsync and the batch grows with the load instead of the event
 * loop stalling. Figures under load: bench/room.ts and the issue note.
 *
 * Inside the transaction the attempt is read again: ownership, phase and end + grace are decided on
 * committed state (save-decision.ts), never on a cache.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Dialect } from '../db/connect';
import type { Worker } from 'node:worker_threads';
import type { RoomErrorCode } from '../realtime/contract';
import { REFUSALS, RoomRefused } from './errors';
import { type Batch, type BatchResult, type EventRow, type NewAttempt, type PlainOutcome, type SaveRequest } from './save-decision';
import { KyselyBackend, WorkerBackend, type WorkerBackendOptions, type WriteBackend } from './write-backends';

export type { EventRow, NewAttempt, SaveRequest } from './save-decision';

/**
 * What happened to one save. `applied` is false for an idempotent repeat of the stored seq. A refusal
 * is a `RoomRefused` (its `code` a `RoomErrorCode`; `INTERNAL` when the commit failed: retryable;
 * `SEQ_CONFLICT` when the stored seq came with a different answer: final).
 */
export type SaveOutcome =
  | { ok: true; item: string; seq: number; savedAt: number; applied: boolean }
  | { ok: false; error: RoomRefused };

/** Hooks the live room view uses (called after commit only), and where commit failures are logged. */
export interface WriterHooks {
  onApplied?(attemptId: number, item: string, valueJson: string, flagged: boolean): void;
  onLateSave?(attemptId: number): void;
  /** Failed commits and writer-thread deaths/restarts (the server's `deps.log`; console.error if absent). */
  log?(e: unknown): void;
}

/** Group-commit counters (printed by bench/room.ts): commits, saves, the largest batch. */
export interface WriterStats {
  batches: number;
  saves: number;
  maxBatch: number;
}

const MAX_BATCH = 400;

/** Treats the stored value as an answer (not just a flag on an empty item). */
export function isAnswered(valueJson: string): boolean {
  return valueJson !== '[]' && valueJson !== '""' && valueJson !== 'null';
}

function refusal(o: Extract<PlainOutcome, { ok: false }>, item: string, seq: number): RoomRefused {
  const code = o.code;
  switch (code) {
    case 'SEQ_CONFLICT':
      return REFUSALS.seqConflict(item, seq);
    case 'NOT_YOUR_ATTEMPT':
      return REFUSALS.notYours();
    case 'DEVICE_BLOCKED':
      return REFUSALS.deviceBlocked();
    case 'TIME_OVER':
      return REFUSALS.timeOver();
    case 'ATTEMPT_NOT_STARTED':
      return REFUSALS.notStarted();
    case 'ATTEMPT_PAUSED':
      return REFUSALS.paused();
    case 'ATTEMPT_CLOSED':
      return REFUSALS.closed();
    case 'STALE_SEQ':
      return REFUSALS.stale(o.storedSeq ?? -1);
    default:
      return new RoomRefused(code, `答案未能保存（${code}）`, { item });
  }
}

interface Queued<T, R> {
  value: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Group-committing writer for one database. Example:
 * `const w = AnswerWriter.for(db, 'sqlite', 'data/x.sqlite', () => new Date()); await w.save({ attemptId: 1, … })`.
 */
export class AnswerWriter {
  #saves: Queued<SaveRequest, SaveOutcome>[] = [];
  #events: Queued<EventRow & { at: string }, void>[] = [];
  #creates: Queued<NewAttempt, { id: number } | { conflict: true }>[] = [];
  #scheduled = false;
  #flushing = false;
  #idle: (() => void)[] = [];
  readonly stats: WriterStats = { batches: 0, saves: 0, maxBatch: 0 };

  constructor(
    private readonly backend: WriteBackend,
    private readonly now: () => Date,
    private readonly hooks: WriterHooks = {},
  ) {}

  /**
   * The writer thread for a SQLite file (restarted after a death, see `WorkerBackend`); Kysely on the
   * shared connection otherwise. `workerOptions` tune the thread's restart policy (tests).
   */
  static for(
    db: Kysely<Database>, dialect: Dialect, sqlitePath: string, now: () => Date, hooks: WriterHooks = {}, workerOptions: Omit<WorkerBackendOptions, 'log'> = {},
  ): AnswerWriter {
    const log = hooks.log ?? ((e: unknown) => console.error(e));
    const backend = dialect === 'sqlite' && sqlitePath !== ':memory:' && sqlitePath !== '' ? new WorkerBackend(sqlitePath, { ...workerOptions, log }) : new KyselyBackend(db, dialect);
    return new AnswerWriter(backend, now, hooks);
  }

  /**
   * For tests only: the SQLite writer thread (terminate it to simulate a crash), null on the Kysely
   * path or while the thread restarts.
   */
  workerForTests(): Worker | null {
    return this.backend instanceof WorkerBackend ? this.backend.workerForTests() : null;
  }

  /**
   * Queue a save; resolves after commit with the outcome. Never rejects and never acknowledges what did
   * not commit: a failed commit (database fault, writer thread died) resolves as a retryable `INTERNAL`
   * refusal.
   */
  save(req: SaveRequest): Promise<SaveOutcome> {
    return new Promise((resolve, reject) => {
      this.#saves.push({ value: req, resolve, reject });
      this.#schedule();
    });
  }

  /** Queue an attempt event; resolves after commit, rejects (a `RoomRefused` `INTERNAL`) if the commit failed. */
  event(row: EventRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#events.push({ value: { ...row, at: this.now().toISOString() }, resolve, reject });
      this.#schedule();
    });
  }

  /** Insert a new attempt with its `joined` event; `conflict` when the candidate's attempt already exists. */
  createAttempt(a: NewAttempt): Promise<{ id: number } | { conflict: true }> {
    return new Promise((resolve, reject) => {
      this.#creates.push({ value: a, resolve, reject });
      this.#schedule();
    });
  }

  /** Resolves when everything queued so far is committed (submit, tests, shutdown). */
  drain(): Promise<void> {
    if (!this.#flushing && !this.#scheduled && this.#saves.length + this.#events.length + this.#creates.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Stop the writer thread (after draining). */
  async close(): Promise<void> {
    await this.drain();
    await this.backend.close();
  }

  #schedule(): void {
    if (this.#scheduled || this.#flushing) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      while (this.#saves.length + this.#events.length + this.#creates.length > 0) {
        const saves = this.#saves.splice(0, MAX_BATCH);
        const events = this.#events.splice(0, MAX_BATCH);
        const creates = this.#creates.splice(0, MAX_BATCH);
        const batch: Batch = { saves: saves.map((q) => q.value), events: events.map((q) => q.value), creates: creates.map((q) => q.value), now: this.now().getTime() };
        let result: BatchResult;
        try {
          result = await this.backend.commit(batch);
        } catch (e) {
          // Nothing of this batch is acknowledged. The thread's death is logged by the backend; other faults here, once per batch.
          if (!(e instanceof RoomRefused)) (this.hooks.log ?? console.error)(e);
          const error = e instanceof RoomRefused ? e : new RoomRefused('INTERNAL', '服务器暂时无法保存答案，本次答案尚未保存，稍后自动重试');
          for (const q of saves) q.resolve({ ok: false, error });
          for (const q of [...events, ...creates]) q.reject(error);
          continue;
        }
        this.stats.batches++;
        this.stats.saves += saves.length;
        this.stats.maxBatch = Math.max(this.stats.maxBatch, saves.length);
        for (const i of result.applied) {
          const s = batch.saves[i]!;
          this.hooks.onApplied?.(s.attemptId, s.item, s.valueJson, s.flagged);
        }
        for (const id of result.late) this.hooks.onLateSave?.(id);
        saves.forEach((q, i) => {
          const o = result.outcomes[i]!;
          q.resolve(o.ok ? o : { ok: false, error: refusal(o, q.value.item, q.value.seq) });
        });
        for (const q of events) q.resolve();
        creates.forEach((q, i) => q.resolve(result.created[i]!));
      }
    } finally {
      this.#flushing = false;
      const idle = this.#idle.splice(0);
      for (const f of idle) f();
    }
  }
}
