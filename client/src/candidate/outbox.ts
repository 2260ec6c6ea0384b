/**
 * The candidate's outbox: every answer is written here first (persisted, so a crash or a refresh keeps
 * it) and leaves only when the server acknowledges a save of that seq or newer. Only the newest entry
 * per item is kept — an older one could never win on the server anyway (highest seq wins).
 * Pure: the storage is passed in (`localStorage` in the browser, a Map in the benchmark).
 */
import type { AnswerValue } from '../../../server/realtime/contract';

/** One unsent answer. */
export interface OutboxEntry {
  item: string;
  seq: number;
  value: AnswerValue;
  flagged: boolean;
}

/** The part of `Storage` the outbox needs. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Outbox of one attempt. Example: `const o = new Outbox(localStorage, 42); o.put({ item: 'q@1', seq: o.nextSeq(), value: ['A'], flagged: false })`. */
export class Outbox {
  readonly #key: string;
  readonly #seqKey: string;
  #entries = new Map<string, OutboxEntry>();
  #seq = 0;

  constructor(
    private readonly store: KeyValueStore,
    readonly attemptId: number,
  ) {
    this.#key = `sc.outbox.${attemptId}`;
    this.#seqKey = `sc.seq.${attemptId}`;
    try {
      const saved = JSON.parse(store.getItem(this.#key) ?? '[]') as OutboxEntry[];
      for (const e of saved) if (e && typeof e.item === 'string' && Number.isInteger(e.seq)) this.#entries.set(e.item, e);
    } catch {
      // A corrupt outbox cannot be trusted; the server still has everything it acknowledged.
    }
    this.#seq = Math.max(Number(store.getItem(this.#seqKey)) || 0, ...[...this.#entries.values()].map((e) => e.seq));
  }

  /** A new, higher seq (persisted before it is used). */
  nextSeq(): number {
    this.#seq += 1;
    this.store.setItem(this.#seqKey, String(this.#seq));
    return this.#seq;
  }

  /** After a resume: never reuse a seq the server has seen. */
  atLeast(seq: number): void {
    if (seq > this.#seq) {
      this.#seq = seq;
      this.store.setItem(this.#seqKey, String(seq));
    }
  }

  put(e: OutboxEntry): void {
    const have = this.#entries.get(e.item);
    if (have && have.seq > e.seq) return;
    this.#entries.set(e.item, e);
    this.#persist();
  }

  /** The server stored `seq` (or newer) for `item`: remove the entry unless it is newer still. */
  ack(item: string, seq: number): void {
    const have = this.#entries.get(item);
    if (have && have.seq <= seq) {
      this.#entries.delete(item);
      this.#persist();
    }
  }

  /** Give up on an entry that can never be stored (attempt closed, time over, unknown item). */
  drop(item: string, seq: number): void {
    this.ack(item, seq);
  }

  get(item: string): OutboxEntry | undefined {
    return this.#entries.get(item);
  }

  /** Unsent entries, oldest first. */
  entries(): OutboxEntry[] {
    return [...this.#entries.values()].sort((a, b) => a.seq - b.seq);
  }

  get size(): number {
    return this.#entries.size;
  }

  #persist(): void {
    const list = this.entries();
    if (list.length === 0) this.store.removeItem(this.#key);
    else this.store.setItem(this.#key, JSON.stringify(list));
  }
}
