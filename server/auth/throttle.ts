import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { DomainError } from '../errors';

/** Login throttling policy: failures allowed per window before a lock, per account and per IP. */
export interface ThrottlePolicy {
  accountFailures: number;
  ipFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { accountFailures: 5, ipFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export class LoginThrottled extends DomainError {
  constructor(minutes: number) {
    // The same words whether or not the account exists, so the lock tells nothing about accounts.
    super('LOGIN_THROTTLED', `登录失败次数过多，请 ${minutes} 分钟后再试`, 'tooMany', { retryAfterMinutes: minutes });
  }
}

const keys = (account: string, ip: string) => [`account:${account.trim().toLowerCase()}`, `ip:${ip}`] as const;

/** Throw `LoginThrottled` when the account or the IP is locked right now. */
export async function assertNotThrottled(db: Kysely<Database>, account: string, ip: string, now: Date): Promise<void> {
  const rows = await db.selectFrom('login_failures').selectAll().where('key', 'in', [...keys(account, ip)]).execute();
  for (const row of rows) {
    if (row.locked_until && row.locked_until > now.toISOString()) {
      throw new LoginThrottled(Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 60_000));
    }
  }
}

/**
 * Count one login attempt against the account and the IP, atomically (one upsert each), and throw
 * `LoginThrottled` once either is past its limit. Counting happens before the slow password check, so
 * parallel guesses cannot all slip under the limit; a successful login takes its count back
 * (`clearAccountFailures`, `forgiveIpAttempt`).
 */
export async function recordLoginFailure(db: Kysely<Database>, account: string, ip: string, now: Date, policy = DEFAULT_THROTTLE): Promise<void> {
  const [accountKey, ipKey] = keys(account, ip);
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - policy.windowMs).toISOString();
  const lockUntil = new Date(now.getTime() + policy.lockMs).toISOString();
  for (const [key, limit] of [[accountKey, policy.accountFailures], [ipKey, policy.ipFailures]] as const) {
    const stillLocked = sql<boolean>`login_failures.locked_until IS NOT NULL AND login_failures.locked_until > ${nowIso}`;
    const fresh = sql<boolean>`login_failures.window_start < ${cutoff} AND NOT (${stillLocked})`;
    const next = sql<number>`CASE WHEN ${fresh} THEN 1 ELSE login_failures.count + 1 END`;
    const row = await db
      .insertInto('login_failures')
      .values({ key, count: 1, window_start: nowIso, locked_until: limit < 1 ? lockUntil : null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: next,
          window_start: sql<string>`CASE WHEN ${fresh} THEN ${nowIso} ELSE login_failures.window_start END`,
          locked_until: sql<string | null>`CASE WHEN ${stillLocked} THEN login_failures.locked_until WHEN ${next} > ${limit} THEN ${lockUntil} ELSE NULL END`,
        }),
      )
      .returning(['count', 'locked_until'])
      .executeTakeFirstOrThrow();
    if (row.locked_until && row.locked_until > nowIso) {
      throw new LoginThrottled(Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 60_000));
    }
  }
}

/** A successful login clears the account's failures (the IP's stay: one good password must not reset a spray). */
export async function clearAccountFailures(db: Kysely<Database>, account: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', `account:${account.trim().toLowerCase()}`).execute();
}

/** Take back the attempt a successful login counted against its IP (see the login route). */
export async function forgiveIpAttempt(db: Kysely<Database>, ip: string): Promise<void> {
  const key = `ip:${ip}`;
  const row = await db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
  if (row && row.count > 0 && !row.locked_until) await db.updateTable('login_failures').set({ count: row.count - 1 }).where('key', '=', key).execute();
}
