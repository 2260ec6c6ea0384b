/**
 * Collects the keys asked for within one turn of the event loop and loads them with one query.
 * After a server restart every candidate of a centre reconnects within a second or two; resuming them
 * with one query per candidate per table was the bottleneck (each Kysely query on SQLite pays its
 * compile and statement preparation), batching turns ~3,000 queries per table into a few dozen.
 * Example: `const seats = new BatchLoader((ids) => loadSeats(db, ids)); await seats.get(12)`.
 */
export class BatchLoader<K, V> {
  #keys = new Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
  #scheduled = false;

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxBatch = 500,
  ) {}

  /** The value for `key` (undefined when the load found none). */
  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.#keys.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.#keys.set(key, [{ resolve, reject }]);
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => void this.#run());
      }
    });
  }

  async #run(): Promise<void> {
    this.#scheduled = false;
    const all = this.#keys;
    this.#keys = new Map();
    const keys = [...all.keys()];
    for (let i = 0; i < keys.length; i += this.maxBatch) {
      const chunk = keys.slice(i, i + this.maxBatch);
      try {
        const found = await this.load(chunk);
        for (const k of chunk) for (const w of all.get(k)!) w.resolve(found.get(k));
      } catch (e) {
        for (const k of chunk) for (const w of all.get(k)!) w.reject(e);
      }
    }
  }
}
