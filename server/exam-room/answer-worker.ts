/**
 * The SQLite writer thread. better-sqlite3 is synchronous, so a commit with `synchronous=FULL` blocks
 * its thread for the WAL fsync: 0.6 ms on an idle disk of this machine, 4 ms median and up to 100 ms
 * when other processes write (measured with 3,000 single-row commits). In the main thread that stalled
 * every socket; here it stalls only this thread, and everything that arrives meanwhile is committed
 * together in the next transaction (group commit). Raw prepared statements: Kysely's per-query
 * compile would cost more than the statement itself on this path.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { finishSaves, gateSaves, saveKey, type Batch, type BatchResult, type GateRow, type StoredAnswer } from './save-decision';

const { sqlitePath, busyTimeoutMs } = workerData as { sqlitePath: string; busyTimeoutMs?: number };
const db = new SQLite(sqlitePath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs ?? 10_000))}`);

const selectAttempt = db.prepare(
  `SELECT a.candidate_id, a.device_id, a.state, a.started_at, a.ends_at, a.paused_at, a.paused_ms, a.extension_ms, a.submitted_at,
          a.submit_reason, s.grace_seconds
     FROM attempts a JOIN sittings s ON s.id = a.sitting_id WHERE a.id = ?`,
);
const upsert = db.prepare(
  `INSERT INTO responses (attempt_id, item_key, seq, value_json, flagged, saved_at) VALUES (?, ?, ?, ?, ?, ?)
   ON CONFLICT (attempt_id, item_key) DO UPDATE SET seq = excluded.seq, value_json = excluded.value_json, flagged = excluded.flagged, saved_at = excluded.saved_at
   WHERE excluded.seq > responses.seq
   RETURNING attempt_id`,
);
const storedRow = db.prepare('SELECT seq, value_json, flagged FROM responses WHERE attempt_id = ? AND item_key = ?');
const insertEvent = db.prepare('INSERT INTO attempt_events (attempt_id, type, detail_json, actor_id, at) VALUES (?, ?, ?, ?, ?)');
const insertAttempt = db.prepare(
  `INSERT INTO attempts (sitting_id, candidate_id, paper_id, seed, state, started_at, ends_at, paused_at, paused_ms, extension_ms, submitted_at,
                         submit_reason, device_id, violation_category, last_seen_at)
   VALUES (@sitting_id, @candidate_id, @paper_id, @seed, @state, @started_at, @ends_at, @paused_at, @paused_ms, @extension_ms, @submitted_at,
           @submit_reason, @device_id, @violation_category, @last_seen_at)
   ON CONFLICT (sitting_id, candidate_id) DO NOTHING
   RETURNING id`,
);

/**
 * Tests only (`{ dieInNextCommitForTests: true }`): the thread exits inside its next transaction, after
 * the writes and before the commit — a crash with a batch in flight, which must be refused, never acked.
 */
let dieInNextCommit = false;

const commit = db.transaction((batch: Batch): BatchResult => {
  const savedAt = new Date(batch.now).toISOString();
  const created = batch.creates.map((c) => {
    const row = insertAttempt.get(c.row) as { id: number } | undefined;
    if (!row) return { conflict: true as const };
    insertEvent.run(row.id, c.event.type, c.event.detail_json, c.event.actor_id, savedAt);
    return { id: row.id };
  });
  const rows = new Map<number, GateRow>();
  for (const id of new Set(batch.saves.map((s) => s.attemptId))) {
    const r = selectAttempt.get(id) as GateRow | undefined;
    if (r) rows.set(id, r);
  }
  const gate = gateSaves(batch.saves, rows, batch.now);
  const written = new Set<string>();
  const stored = new Map<string, StoredAnswer>();
  for (const j of gate.chosen) {
    const s = batch.saves[j]!;
    if (upsert.get(s.attemptId, s.item, s.seq, s.valueJson, s.flagged ? 1 : 0, savedAt)) written.add(saveKey(s));
    else {
      const r = storedRow.get(s.attemptId, s.item) as { seq: number; value_json: string; flagged: number } | undefined;
      if (r) stored.set(saveKey(s), { seq: Number(r.seq), valueJson: r.value_json, flagged: Number(r.flagged) === 1 });
    }
  }
  const done = finishSaves(batch.saves, gate, written, stored, batch.now);
  if (dieInNextCommit) process.exit(70);
  for (const e of batch.events) insertEvent.run(e.attemptId, e.type, JSON.stringify(e.detail ?? {}), e.actorId ?? null, e.at);
  for (const e of [...gate.lateEvents, ...done.events]) insertEvent.run(e.attemptId, e.type, JSON.stringify(e.detail ?? {}), null, savedAt);
  return { outcomes: done.outcomes, applied: done.applied, late: gate.late, created };
});

parentPort!.on('message', (m: { id: number; batch: Batch } | { close: true } | { dieInNextCommitForTests: true }) => {
  if ('dieInNextCommitForTests' in m) {
    dieInNextCommit = true;
    return;
  }
  if ('close' in m) {
    db.close();
    parentPort!.postMessage({ closed: true });
    return;
  }
  try {
    parentPort!.postMessage({ id: m.id, result: commit.immediate(m.batch) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
});
parentPort!.postMessage({ ready: true });
