/**
 * A per-IP fixed-window limit for the public lookups (certificate verification): enough for a person
 * checking a few certificates, too few to walk the register. In memory and per process: each node of a
 * multi-node deployment counts on its own, which still bounds one client to N × limit.
 */
import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../../question-bank/errors';
import { clientIp } from '../http/auth-middleware';
import type { AppEnv } from '../http/context';

/** Too many lookups from one address in the current window (HTTP 429, Chinese message). */
export class LookupRateLimited extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `查询过于频繁，请 ${retryAfterSeconds} 秒后再试`, 'tooMany', { retryAfterSeconds });
  }
}

/** Options: requests allowed per window and its length; `now` is the server clock. */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  now: () => Date;
}

/**
 * Middleware factory. Example: `rateLimit({ limit: 30, windowMs: 60_000, now })` on the verify route.
 * Throws `LookupRateLimited` (429) once an address has used up its window; sets `Retry-After`.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async function lookupRateLimit(c, next) {
    const now = options.now().getTime();
    // Forget finished windows now and then so the map stays as small as the set of active clients.
    if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= options.windowMs) windows.delete(k);
    const ip = clientIp(c);
    const w = windows.get(ip);
    if (!w || now - w.start >= options.windowMs) {
      windows.set(ip, { start: now, count: 1 });
    } else if (w.count >= options.limit) {
      const retry = Math.max(1, Math.ceil((w.start + options.windowMs - now) / 1000));
      c.header('Retry-After', String(retry));
      throw new LookupRateLimited(retry);
    } else {
      w.count++;
    }
    await next();
  };
}
