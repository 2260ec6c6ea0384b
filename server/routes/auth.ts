import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Context } from 'hono';
import { DUMMY_HASH, verifyPassword } from '../auth/password';
import { assertNotThrottled, clearAccountFailures, recordLoginFailure } from '../auth/throttle';
import { createSession, endSession, SESSION_COOKIE } from '../auth/sessions';
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
  const startSession = async (c: Context<AppEnv>, session: Parameters<typeof createSession>[1]) => {
    const old = getCookie(c, SESSION_COOKIE);
    if (old) await endSession(db, old);
    const { token } = await createSession(db, session, config.sessionTtlHours, deps.now());
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: config.sessionTtlHours * 3600 });
  };

  return new Hono<AppEnv>()
    .post('/login', validate('json', staffLogin), async (c) => {
      const { username, password } = c.req.valid('json');
      const ip = clientIp(c);
      const now = deps.now();
      await assertNotThrottled(db, username, ip, now);
      const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok || !user.active) {
        await recordLoginFailure(db, username, ip, now);
        throw new LoginFailed('用户名或密码错误');
      }
      await clearAccountFailures(db, username);
      await startSession(c, { userId: user.id, role: user.role, ip });
      const actor: Actor = {
        kind: 'user', role: user.role, auditId: `user:${user.id}`, ip, userId: user.id, candidateId: null,
        seatAssignmentId: null, organizationId: user.organization_id, name: user.display_name, sessionId: null,
      };
      await recordAudit(db, actor, { action: 'auth.login', objectType: 'user', objectId: user.id }, now);
      return c.json(meOf(actor));
    })
    .post('/candidate-login', validate('json', candidateLogin), async (c) => {
      const { ticketNo, idNumber } = c.req.valid('json');
      const ip = clientIp(c);
      const now = deps.now();
      await assertNotThrottled(db, `ticket:${ticketNo}`, ip, now);
      const row = await db
        .selectFrom('seat_assignments')
        .innerJoin('candidates', 'candidates.id', 'seat_assignments.candidate_id')
        .innerJoin('sittings', 'sittings.id', 'seat_assignments.sitting_id')
        .innerJoin('batches', 'batches.id', 'candidates.batch_id')
        .select(['seat_assignments.id as seatId', 'candidates.id as candidateId', 'candidates.name', 'candidates.id_number', 'batches.organization_id'])
        .where('seat_assignments.ticket_no', '=', ticketNo)
        .executeTakeFirst();
      if (!row || row.id_number.toUpperCase() !== idNumber.toUpperCase()) {
        await recordLoginFailure(db, `ticket:${ticketNo}`, ip, now);
        throw new LoginFailed('准考证号或证件号码错误');
      }
      await clearAccountFailures(db, `ticket:${ticketNo}`);
      await startSession(c, { candidateId: row.candidateId, seatAssignmentId: row.seatId, role: 'candidate', ip });
      const actor: Actor = {
        kind: 'candidate', role: 'candidate', auditId: `candidate:${row.candidateId}`, ip, userId: null,
        candidateId: row.candidateId, seatAssignmentId: row.seatId, organizationId: row.organization_id, name: row.name, sessionId: null,
      };
      await recordAudit(db, actor, { action: 'auth.candidate-login', objectType: 'seat_assignment', objectId: row.seatId }, now);
      return c.json(meOf(actor));
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      const actor = c.get('actor');
      if (token) await endSession(db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      if (actor) await recordAudit(db, actor, { action: 'auth.logout', objectType: actor.kind, objectId: actor.userId ?? actor.candidateId ?? '-' }, deps.now());
      return c.json({ ok: true });
    })
    .get('/me', (c) => {
      const actor = c.get('actor');
      return c.json({ me: actor ? meOf(actor) : null });
    });
}
