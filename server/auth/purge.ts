import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { DEFAULT_THROTTLE, type ThrottlePolicy } from './throttle';

/** How many rows one purge removed. */
export interface PurgeResult {
  sessions: number;
  loginFailures: number;
}

/** How often the running server purges (server/server.ts). */
export const PURGE_INTERVAL_MS = 60 * 60_000;

/**
 * Delete what can no longer matter: sessions past `expires_at` (they already resolve to nobody) and
 * login-failure counters whose window has passed and that hold no running lock (the next failure
 * would start a fresh window anyway). Without this both tables only ever grow — a login page facing
 * the internet adds a row per guessed account name.
 * Throws only what the database throws. Example: `await purgeExpired(db, new Date())`.
 */
export async function purgeExpired(db: Kysely<Database>, now: Date, policy: ThrottlePolicy = DEFAULT_THROTTLE): Promise<PurgeResult> {
  const nowIso = now.toISOString();
  const windowStart = new Date(now.getTime() - policy.windowMs).toISOString();
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).executeTakeFirst();
  const failures = await db
    .deleteFrom('login_failures')
    .where('window_start', '<', windowStart)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), loginFailures: Number(failures.numDeletedRows) };
}
