/**
 * A write transaction on the shared connection that cannot fail with SQLITE_BUSY_SNAPSHOT.
 *
 * Why: on SQLite the answer writer commits from its own connection (a writer thread). A deferred
 * transaction here that reads first and writes later fails outright (`SQLITE_BUSY_SNAPSHOT`, no busy
 * wait) when the writer committed in between. Taking the write lock with a no-op UPDATE as the first
 * statement makes SQLite wait for the lock (busy_timeout) instead, before any snapshot is read.
 * PostgreSQL transactions are unaffected.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { AppDeps } from '../http/context';

/** Run `fn` in a transaction holding the SQLite write lock from its first statement. */
export function writeTx<T>(deps: Pick<AppDeps, 'db' | 'dialect'>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    if (deps.dialect === 'sqlite') await sql`UPDATE attempts SET id = id WHERE 0`.execute(trx);
    return fn(trx);
  });
}
