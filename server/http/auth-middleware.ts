import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Role } from '../db/schema';
import type { Actor } from '../auth/actor';
import { actorFromToken, SESSION_COOKIE } from '../auth/sessions';
import { Forbidden, Unauthenticated } from '../errors';
import type { AppDeps, AppEnv } from './context';
import { clientIpResolver } from './client-ip';

/**
 * The client's address, as decided once per request by `clientAddress` (TRUST_PROXY rule in
 * server/http/client-ip.ts). Outside that middleware it is the TCP peer: forwarded headers are
 * client-controlled, and throttling and the audit trail must not be spoofable.
 */
export function clientIp(c: Context): string {
  const decided = (c as Context<AppEnv>).get('clientIp');
  return decided ?? tcpPeer(c) ?? 'local';
}

function tcpPeer(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // app.request() in tests has no socket
  }
}

/** Decides `clientIp(c)` for the request from the TCP peer and, when TRUST_PROXY allows, X-Forwarded-For. */
export function clientAddress(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const resolve = clientIpResolver(deps.config.trustProxy);
  return async function resolveClientAddress(c, next) {
    c.set('clientIp', resolve(tcpPeer(c), c.req.header('x-forwarded-for')));
    await next();
  };
}

/** Loads the session (if any) into `c.var.actor`; never rejects by itself. */
export function sessionLoader(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async function loadSession(c, next) {
    const token = getCookie(c, SESSION_COOKIE);
    c.set('actor', token ? await actorFromToken(deps.db, token, clientIp(c), deps.now()) : null);
    await next();
  };
}

/** Only the listed roles may pass; 401 without a session, 403 with the wrong role. Enforced on the server. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async function roleGuard(c, next) {
    const actor = c.get('actor');
    if (!actor) throw new Unauthenticated();
    if (!roles.includes(actor.role as Role)) throw new Forbidden();
    await next();
  };
}

/** The authenticated actor of a guarded route (after `requireRole`). */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new Unauthenticated();
  return actor;
}

/** All staff roles (everyone except candidates). */
export const STAFF: Role[] = ['admin', 'proctor', 'examiner', 'supervisor'];
