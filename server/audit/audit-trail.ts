import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema';
import type { Actor } from '../auth/actor';

export const GENESIS_HASH = '0'.repeat(64);

/** One change to record: who did what to which object, with the object before and after. */
export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string | number;
  before?: unknown;
  after?: unknown;
}

type ChainFields = Pick<
  AuditLogTable,
  'at' | 'actor_id' | 'actor_role' | 'ip' | 'action' | 'object_type' | 'object_id' | 'before_json' | 'after_json' | 'prev_hash'
>;

/** SHA-256 over the row's content and the previous row's hash; any edit, deletion or reordering breaks the chain. */
export function auditRowHash(row: ChainFields): string {
  const canonical = JSON.stringify([
    row.prev_hash, row.at, row.actor_id, row.actor_role, row.ip, row.action,
    row.object_type, row.object_id, row.before_json, row.after_json,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v, redactSecrets));

// Password hashes and photos never belong in the audit trail; the fact that they changed does.
function redactSecrets(key: string, value: unknown): unknown {
  if (key === 'password_hash' || key === 'passwordHash') return '[已隐藏]';
  if (key === 'photo' && value) return '[照片]';
  return value;
}

/**
 * Append one audit row inside the transaction that makes the change, so both commit or neither does;
 * throws when called outside a transaction. `now` is the server clock of the request (`deps.now()`). On PostgreSQL an advisory lock serialises writers so the chain never forks;
 * SQLite transactions are already serialised.
 */
export async function recordAudit(trx: Kysely<Database>, actor: Actor, entry: AuditEntry, now: Date): Promise<void> {
  // Outside a transaction two writers could read the same last hash and fork the chain, and the
  // change could commit without its audit row (or the reverse).
  if (!trx.isTransaction) throw new Error('recordAudit must run inside the transaction that makes the change');
  if (trx.getExecutor().adapter.constructor.name.startsWith('Postgres')) {
    await sql`SELECT pg_advisory_xact_lock(73100001)`.execute(trx);
  }
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row: ChainFields = {
    at: now.toISOString(),
    actor_id: actor.auditId,
    actor_role: actor.role,
    ip: actor.ip,
    action: entry.action,
    object_type: entry.objectType,
    object_id: String(entry.objectId),
    before_json: json(entry.before),
    after_json: json(entry.after),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx.insertInto('audit_log').values({ ...row, hash: auditRowHash(row) }).execute();
}

export type ChainVerdict =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAt: number; reason: 'hash-mismatch' | 'prev-hash-mismatch' };

/**
 * Recompute the whole chain in id order. Names the first row whose content no longer matches its
 * hash (edited) or whose `prev_hash` is not the previous row's hash (deleted or reordered rows).
 */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 5000): Promise<ChainVerdict> {
  let prev = GENESIS_HASH;
  let count = 0;
  let afterId = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(pageSize).execute();
    if (page.length === 0) return { ok: true, rows: count };
    for (const row of page) {
      count++;
      if (row.prev_hash !== prev) return { ok: false, rows: count, brokenAt: row.id, reason: 'prev-hash-mismatch' };
      if (auditRowHash(row) !== row.hash) return { ok: false, rows: count, brokenAt: row.id, reason: 'hash-mismatch' };
      prev = row.hash;
      afterId = row.id;
    }
  }
}
