/**
 * Domain errors of the exam-administration rules. Each carries a stable code, a Chinese message
 * naming the thing refused and why, and the data behind it.
 */
import { DomainError } from '../../../question-bank/errors';

/** Why a batch entry (occupation × level × components) was refused. */
export type BatchEntryRefusalCode =
  | 'OCCUPATION_CODE_INVALID'
  | 'OCCUPATION_LICENSING'
  | 'OUT_OF_SCOPE'
  | 'WORK_TYPE_UNKNOWN'
  | 'LEVEL_NOT_OFFERED'
  | 'LEVEL_NOT_ALLOWED'
  | 'COMPONENTS_INVALID';

/**
 * A planned batch entry refused by `checkBatchEntry`. `kind` is `forbidden` when the organization is
 * not entitled to it (scope, level policy) and `invalid` when the request itself is wrong.
 */
export class BatchEntryRefused extends DomainError {
  constructor(code: BatchEntryRefusalCode, message: string, details: Record<string, unknown>) {
    const kind = code === 'OUT_OF_SCOPE' || code === 'LEVEL_NOT_ALLOWED' ? 'forbidden' : 'invalid';
    super(code, message, kind, details);
  }
}

/** A working-day override table that cannot be used (bad date, date listed twice). */
export class CalendarOverrideInvalid extends DomainError {
  constructor(message: string, details: Record<string, unknown>) {
    super('CALENDAR_OVERRIDE_INVALID', message, 'invalid', details);
  }
}

/** Seat arrangement or a seat move that cannot be done (no room left, seat taken, bad room). */
export class SeatingRefused extends DomainError {
  constructor(
    code: 'NOT_ENOUGH_SEATS' | 'ROOM_INVALID' | 'SEAT_INVALID' | 'SEAT_TAKEN' | 'FIXED_SEAT_INVALID' | 'CANDIDATE_UNKNOWN' | 'TICKET_ALREADY_ISSUED',
    message: string,
    details: Record<string, unknown>,
  ) {
    super(code, message, code === 'SEAT_TAKEN' || code === 'TICKET_ALREADY_ISSUED' ? 'conflict' : 'invalid', details);
  }
}

/** Staffing below the minimum (proctors, examiners, quality supervisor). */
export class StaffingInsufficient extends DomainError {
  constructor(message: string, details: Record<string, unknown>) {
    super('STAFFING_INSUFFICIENT', message, 'conflict', details);
  }
}

/** A staff member must step aside (回避) for a candidate. */
export class ConflictOfInterest extends DomainError {
  constructor(message: string, details: Record<string, unknown>) {
    super('CONFLICT_OF_INTEREST', message, 'conflict', details);
  }
}

/** An admission ticket number that is malformed or not unique within its batch. */
export class TicketNumberInvalid extends DomainError {
  constructor(code: 'TICKET_NUMBER_INVALID' | 'TICKET_NUMBER_DUPLICATE', message: string, details: Record<string, unknown>) {
    super(code, message, code === 'TICKET_NUMBER_DUPLICATE' ? 'conflict' : 'invalid', details);
  }
}
