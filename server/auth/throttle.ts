import type { Kysely } from 'kysely';
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

/** Count one failed login against the account and the IP; lock either when it passes its limit. */
export async function recordLoginFailure(db: Kysely<Database>, account: string, ip: string, now: Date, policy = DEFAULT_THROTTLE): Promise<void> {
  const [accountKey, ipKey] = keys(account, ip);
  for (const [key, limit] of [[accountKey, policy.accountFailures], [ipKey, policy.ipFailures]] as const) {
    const row = await db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
    const fresh = !row || Date.parse(row.window_start) + policy.windowMs < now.getTime();
    const count = fresh ? 1 : row.count + 1;
    const values = {
      count,
      window_start: fresh ? now.toISOString() : row.window_start,
      locked_until: count >= limit ? new Date(now.getTime() + policy.lockMs).toISOString() : (row?.locked_until ?? null),
    };
    if (row) await db.updateTable('login_failures').set(values).where('key', '=', key).execute();
    else await db.insertInto('login_failures').values({ key, ...values }).execute();
  }
}

/** A successful login clears the account's failures (the IP's stay: one good password must not reset a spray). */
export async function clearAccountFailures(db: Kysely<Database>, account: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', `account:${account.trim().toLowerCase()}`).execute();
}
