import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema';
import type { Actor } from './actor';

export const SESSION_COOKIE = 'sc_sid';

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
  const id = digest(token);
  const s = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s || s.expires_at <= now.toISOString()) return null;
  if (s.user_id !== null) {
    const u = await db
      .selectFrom('users')
      .select(['id', 'role', 'display_name', 'organization_id', 'active'])
      .where('id', '=', s.user_id)
      .executeTakeFirst();
    if (!u || !u.active) return null;
    return {
      kind: 'user', role: u.role, auditId: `user:${u.id}`, ip, userId: u.id, candidateId: null,
      seatAssignmentId: null, organizationId: u.organization_id, name: u.display_name, sessionId: id,
    };
  }
  if (s.candidate_id !== null) {
    const c = await db
      .selectFrom('candidates')
      .innerJoin('batches', 'batches.id', 'candidates.batch_id')
      .select(['candidates.id', 'candidates.name', 'batches.organization_id'])
      .where('candidates.id', '=', s.candidate_id)
      .executeTakeFirst();
    if (!c) return null;
    return {
      kind: 'candidate', role: 'candidate', auditId: `candidate:${c.id}`, ip, userId: null, candidateId: c.id,
      seatAssignmentId: s.seat_assignment_id, organizationId: c.organization_id, name: c.name, sessionId: id,
    };
  }
  return null;
}
