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
import { finishSaves, gateSaves, saveKey, type Batch, type BatchResult, type GateRow } from './save-decision';

/** Commits one batch atomically. */
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
      const stored = new Map<string, number>();
      for (const j of gate.chosen) {
        const s = batch.saves[j]!;
        if (written.has(saveKey(s))) continue;
        const r = await trx.selectFrom('responses').select('seq').where('attempt_id', '=', s.attemptId).where('item_key', '=', s.item).executeTakeFirst();
        stored.set(saveKey(s), r ? Number(r.seq) : -1);
      }
      const events = [
        ...batch.events.map((e) => ({ attempt_id: e.attemptId, type: e.type, detail_json: JSON.stringify(e.detail ?? {}), actor_id: e.actorId ?? null, at: e.at })),
        ...gate.lateEvents.map((e) => ({ attempt_id: e.attemptId, type: e.type, detail_json: JSON.stringify(e.detail ?? {}), actor_id: null, at: savedAt })),
      ];
      for (let i = 0; i < events.length; i += 400) await trx.insertInto('attempt_events').values(events.slice(i, i + 400)).execute();
      const done = finishSaves(batch.saves, gate, written, stored, batch.now);
      return { outcomes: done.outcomes, applied: done.applied, late: gate.late, created };
    });
  }

  async close(): Promise<void> {}
}

/**
 * The writer thread (server/exam-room/answer-worker.ts) over the same SQLite file. Started once per
 * server; loads TypeScript through tsx when present (dev, tests, `npm start`), plain JS otherwise.
 */
export class WorkerBackend implements WriteBackend {
  readonly #worker: Worker;
  readonly #ready: Promise<void>;
  readonly #waiting = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>();
  #next = 1;
  #failed: Error | null = null;

  constructor(sqlitePath: string) {
    const self = fileURLToPath(import.meta.url);
    const url = new URL(`./answer-worker${extname(self)}`, import.meta.url).href;
    const boot = `import('tsx/esm/api').then((m) => m.register(), () => undefined).then(() => import(${JSON.stringify(url)}))`
      + `.catch((e) => { require('node:worker_threads').parentPort.postMessage({ bootError: String(e && e.stack || e) }); });`;
    this.#worker = new Worker(boot, { eval: true, workerData: { sqlitePath } });
    this.#worker.unref();
    this.#ready = new Promise((resolve, reject) => {
      this.#worker.on('message', (m: { ready?: true; bootError?: string; id?: number; result?: BatchResult; error?: string }) => {
        if (m.ready) return resolve();
        if (m.bootError) return reject(new Error(`answer writer failed to start: ${m.bootError}`));
        const w = m.id === undefined ? undefined : this.#waiting.get(m.id);
        if (!w) return;
        this.#waiting.delete(m.id!);
        if (m.error) w.reject(new Error(m.error));
        else w.resolve(m.result!);
      });
    });
    this.#ready.catch(() => undefined);
    this.#worker.on('error', (e) => this.#fail(e));
    this.#worker.on('exit', (code) => this.#fail(new Error(`answer writer exited (${code})`)));
  }

  #fail(e: Error): void {
    this.#failed ??= e;
    for (const w of this.#waiting.values()) w.reject(e);
    this.#waiting.clear();
  }

  async commit(batch: Batch): Promise<BatchResult> {
    await this.#ready;
    if (this.#failed) throw this.#failed;
    return new Promise((resolve, reject) => {
      const id = this.#next++;
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, batch });
    });
  }

  async close(): Promise<void> {
    if (this.#failed) return;
    const closed = new Promise<void>((resolve) => {
      this.#worker.on('message', (m: { closed?: true }) => m.closed && resolve());
      this.#worker.once('exit', () => resolve());
    });
    this.#worker.postMessage({ close: true });
    await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
    await this.#worker.terminate();
  }
}
