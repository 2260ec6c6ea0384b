import type { Role } from '../db/schema';

/**
 * Who is acting: a logged-in staff user, a candidate, the public, or the system itself.
 * `auditId` is what the audit trail records ('user:3', 'candidate:17', 'public', 'system').
 */
export interface Actor {
  readonly kind: 'user' | 'candidate' | 'public' | 'system';
  readonly role: Role | 'public' | 'system';
  readonly auditId: string;
  readonly ip: string;
  readonly userId: number | null;
  readonly candidateId: number | null;
  readonly seatAssignmentId: number | null;
  readonly organizationId: number | null;
  readonly name: string;
  readonly sessionId: string | null;
}

/** The actor for work the server does on its own (auto-close at the end of a sitting, demo data). */
export function systemActor(reason = 'system'): Actor {
  return {
    kind: 'system', role: 'system', auditId: reason, ip: '-', userId: null, candidateId: null,
    seatAssignmentId: null, organizationId: null, name: '系统', sessionId: null,
  };
}

/** The anonymous public (verification page, public results list). */
export function publicActor(ip: string): Actor {
  return {
    kind: 'public', role: 'public', auditId: 'public', ip, userId: null, candidateId: null,
    seatAssignmentId: null, organizationId: null, name: '公众', sessionId: null,
  };
}
