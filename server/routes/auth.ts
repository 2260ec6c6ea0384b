import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Context } from 'hono';
import { DUMMY_HASH, verifyPassword } from '../auth/password';
import { assertNotThrottled, clearAccountFailures, forgiveIpAttempt, recordLoginFailure } from '../auth/throttle';
import { createSession, endSession, SESSION_COOKIE, sessionRoom } from '../auth/sessions';
import { recordAudit } from '../audit/audit-trail';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { clientIp } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { validate } from '../http/validate';

class LoginFailed extends DomainError {
  constructor(message: string) {
    // One message for "no such account" and "wrong password": no user enumeration.
    super('LOGIN_FAILED', message, 'unauthenticated');
  }
}

const staffLogin = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(200),
});
const candidateLogin = z.object({
  ticketNo: z.string().trim().min(1, '请输入准考证号').max(40),
  idNumber: z.string().trim().min(1, '请输入证件号码').max(40),
});

/** Public shape of "who am I" for the client. */
export interface Me {
  kind: 'user' | 'candidate';
  role: string;
  name: string;
  userId: number | null;
  candidateId: number | null;
  organizationId: number | null;
}

function meOf(a: Actor): Me {
  return { kind: a.kind === 'candidate' ? 'candidate' : 'user', role: a.role, name: a.name, userId: a.userId, candidateId: a.candidateId, organizationId: a.organizationId };
}

/** Login, logout and "me". Logins rotate the session (any old session cookie is ended first). */
export function authRoutes(deps: AppDeps) {
  const { db, config } = deps;
  const secure = config.publicOrigin.startsWith('https:');
  // The new session and its audit row commit together; the old session (rotation) ends in the same step.
  const startSession = async (c: Context<AppEnv>, session: Parameters<typeof createSession>[1], actor: Actor, action: string, objectId: number) => {
    const old = getCookie(c, SESSION_COOKIE);
    const now = deps.now();
    const { token } = await db.transaction().execute(async (trx) => {
      if (old) await endSession(trx, old);
      const created = await createSession(trx, session, config.sessionTtlHours, now);
      await recordAudit(trx, actor, { action, objectType: session.candidateId ? 'seat_assignment' : 'user', objectId }, now);
      return created;
    });
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: config.sessionTtlHours * 3600 });
  };

  return new Hono<AppEnv>()
    .post('/login', validate('json', staffLogin), async (c) => {
      const { username, password } = c.req.valid('json');
      const ip = clientIp(c);
      const now = deps.now();
      await assertNotThrottled(db, username, ip, now);
      // Counted (and refused past the limit) before the slow password check; a success takes it back.
      await recordLoginFailure(db, username, ip, now);
      const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok || !user.active) throw new LoginFailed('用户名或密码错误');
      await clearAccountFailures(db, username);
      await forgiveIpAttempt(db, ip);
      const actor: Actor = {
        kind: 'user', role: user.role, auditId: `user:${user.id}`, ip, userId: user.id, candidateId: null,
        seatAssignmentId: null, organizationId: user.organization_id, name: user.display_name, sessionId: null,
      };
      await startSession(c, { userId: user.id, role: user.role, ip }, actor, 'auth.login', user.id);
      return c.json(meOf(actor));
    })
    .post('/candidate-login', validate('json', candidateLogin), async (c) => {
      const { ticketNo, idNumber } = c.req.valid('json');
      const ip = clientIp(c);
      const now = deps.now();
      await assertNotThrottled(db, `ticket:${ticketNo}`, ip, now);
      await recordLoginFailure(db, `ticket:${ticketNo}`, ip, now);
      const row = await db
        .selectFrom('seat_assignments')
        .innerJoin('candidates', 'candidates.id', 'seat_assignments.candidate_id')
        .innerJoin('sittings', 'sittings.id', 'seat_assignments.sitting_id')
        .innerJoin('batches', 'batches.id', 'candidates.batch_id')
        .select(['seat_assignments.id as seatId', 'candidates.id as candidateId', 'candidates.name', 'candidates.id_number', 'batches.organization_id'])
        .where('seat_assignments.ticket_no', '=', ticketNo)
        .executeTakeFirst();
      if (!row || row.id_number.toUpperCase() !== idNumber.toUpperCase()) throw new LoginFailed('准考证号或证件号码错误');
      await clearAccountFailures(db, `ticket:${ticketNo}`);
      await forgiveIpAttempt(db, ip);
      const actor: Actor = {
        kind: 'candidate', role: 'candidate', auditId: `candidate:${row.candidateId}`, ip, userId: null,
        candidateId: row.candidateId, seatAssignmentId: row.seatId, organizationId: row.organization_id, name: row.name, sessionId: null,
      };
      await startSession(c, { candidateId: row.candidateId, seatAssignmentId: row.seatId, role: 'candidate', ip }, actor, 'auth.candidate-login', row.seatId);
      return c.json(meOf(actor));
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      const actor = c.get('actor');
      const now = deps.now();
      await db.transaction().execute(async (trx) => {
        if (token) await endSession(trx, token);
        if (actor) await recordAudit(trx, actor, { action: 'auth.logout', objectType: actor.kind, objectId: actor.userId ?? actor.candidateId ?? '-' }, now);
      });
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      // The exam room or live view open in other windows of this session must not keep acting.
      if (actor?.sessionId) deps.events.disconnect?.(sessionRoom(actor.sessionId));
      return c.json({ ok: true });
    })
    .get('/me', (c) => {
      const actor = c.get('actor');
      return c.json({ me: actor ? meOf(actor) : null });
    });
}
