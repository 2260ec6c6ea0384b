import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema';
import type { Actor } from './actor';

export const SESSION_COOKIE = 'sc_sid';

/** The socket.io room of one login session: a logout disconnects exactly the sockets opened with it. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  userId?: number;
  candidateId?: number;
  seatAssignmentId?: number;
  role: Role;
  ip: string;
}

/** Store a new session and return the cookie token (only its SHA-256 is stored). */
export async function createSession(db: Kysely<Database>, s: NewSession, ttlHours: number, now: Date): Promise<{ token: string; id: string }> {
  const token = randomBytes(32).toString('base64url');
  const id = digest(token);
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: s.userId ?? null,
      candidate_id: s.candidateId ?? null,
      seat_assignment_id: s.seatAssignmentId ?? null,
      role: s.role,
      ip: s.ip,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlHours * 3_600_000).toISOString(),
    })
    .execute();
  return { token, id };
}

/** End the session behind a cookie token (logout, or rotation at login). */
export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', digest(token)).execute();
}

/** End every session of a staff user (admin action, deactivation, password reset). Returns how many. */
export async function endUserSessions(db: Kysely<Database>, userId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Resolve a cookie token to the acting user or candidate; null when unknown, expired, or the account
 * was deactivated since.
 */
export async function actorFromToken(db: Kysely<Database>, token: string, ip: string, now: Date): Promise<Actor | null> {
  return (await sessionFromToken(db, token, ip, now))?.actor ?? null;
}

/** A live session: who acts, and when the session stops being valid. */
export interface LiveSession {
  actor: Actor;
  expiresAt: Date;
}

/**
 * Like `actorFromToken`, with the session's expiry (a connected socket must stop acting then, see
 * server/realtime/index.ts). Null when unknown, expired, or the account was deactivated since.
 */
export async function sessionFromToken(db: Kysely<Database>, token: string, ip: string, now: Date): Promise<LiveSession | null> {
  const id = digest(token);
  // One query (every HTTP request and every socket handshake runs it): the session with its user, or
  // its candidate and the candidate's organization.
  const s = await db
    .selectFrom('sessions')
    .leftJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('candidates', 'candidates.id', 'sessions.candidate_id')
    .leftJoin('batches', 'batches.id', 'candidates.batch_id')
    .select([
      'sessions.expires_at', 'sessions.seat_assignment_id',
      'users.id as userId', 'users.role', 'users.display_name', 'users.organization_id as userOrg', 'users.active',
      'candidates.id as candidateId', 'candidates.name as candidateName', 'batches.organization_id as candidateOrg',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!s || s.expires_at <= now.toISOString()) return null;
  if (s.userId !== null) {
    if (!s.active || s.role === null || s.userOrg === null) return null;
    return { expiresAt: new Date(s.expires_at), actor: {
      kind: 'user', role: s.role, auditId: `user:${s.userId}`, ip, userId: s.userId, candidateId: null,
      seatAssignmentId: null, organizationId: s.userOrg, name: s.display_name ?? '', sessionId: id,
    } };
  }
  if (s.candidateId !== null && s.candidateOrg !== null) {
    return { expiresAt: new Date(s.expires_at), actor: {
      kind: 'candidate', role: 'candidate', auditId: `candidate:${s.candidateId}`, ip, userId: null, candidateId: s.candidateId,
      seatAssignmentId: s.seat_assignment_id, organizationId: s.candidateOrg, name: s.candidateName ?? '', sessionId: id,
    } };
  }
  return null;
}
