/**
 * 准考证号 (admission ticket number): 12 digits, structured so a proctor can read room and seat
 * from it and a typo is caught at login.
 *
 * ```
 *   260301 007 15 9
 *   │      │   │  └ check digit (Luhn over the first 11 digits)
 *   │      │   └ seat 01–99 (seat numbering: see rooms.ts)
 *   │      └ 考场号 001–999 within the batch
 *   └ batch code, 6 digits (suggested: yyMM + 2-digit serial of the batch in that month)
 * ```
 * Digits only: candidates type it on the exam terminal, and letters invite O/0 and I/1 mix-ups.
 * Unique within a batch because (考场号, seat) is; `checkTicketNumbersUnique` guards the rule.
 */
import { TicketNumberInvalid } from './errors';
import { MAX_ROOM_NO, MAX_SEAT, type Room } from './rooms';
import type { SeatAssignment } from './seating';

/** What a ticket number encodes. */
export interface TicketNumberParts {
  batchCode: string;
  roomNo: number;
  seat: number;
}

/** Luhn check digit for a digit string (the digit that makes the whole pass the Luhn test). */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right of the payload (the check digit goes after it).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * Build a ticket number. Throws `TicketNumberInvalid` (`TICKET_NUMBER_INVALID`) if the batch code
 * is not 6 digits, the 考场号 not 1–999 or the seat not 1–99.
 * Example: `formatTicketNumber({ batchCode: '260301', roomNo: 7, seat: 15 })` → `'260301007159'`.
 */
export function formatTicketNumber(parts: TicketNumberParts): string {
  const { batchCode, roomNo, seat } = parts;
  if (!/^\d{6}$/.test(batchCode)) throw new TicketNumberInvalid('TICKET_NUMBER_INVALID', `批次代码“${batchCode}”应为6位数字`, { ...parts });
  if (!Number.isInteger(roomNo) || roomNo < 1 || roomNo > MAX_ROOM_NO) {
    throw new TicketNumberInvalid('TICKET_NUMBER_INVALID', `考场号${roomNo}应为1–${MAX_ROOM_NO}`, { ...parts });
  }
  if (!Number.isInteger(seat) || seat < 1 || seat > MAX_SEAT) {
    throw new TicketNumberInvalid('TICKET_NUMBER_INVALID', `座位号${seat}应为1–${MAX_SEAT}`, { ...parts });
  }
  const payload = `${batchCode}${String(roomNo).padStart(3, '0')}${String(seat).padStart(2, '0')}`;
  return payload + luhnCheckDigit(payload);
}

/**
 * Read a ticket number back (white space ignored). Throws `TicketNumberInvalid`
 * (`TICKET_NUMBER_INVALID`) when it is not 12 digits, the check digit fails (a mistyped or swapped
 * digit) or room/seat is 0. Example: `parseTicketNumber('260301007159')` →
 * `{ batchCode: '260301', roomNo: 7, seat: 15 }`.
 */
export function parseTicketNumber(raw: string): TicketNumberParts {
  const s = raw.replace(/\s+/g, '');
  if (!/^\d{12}$/.test(s)) throw new TicketNumberInvalid('TICKET_NUMBER_INVALID', '准考证号应为12位数字', { ticketNumber: raw });
  if (luhnCheckDigit(s.slice(0, 11)) !== s[11]) {
    throw new TicketNumberInvalid('TICKET_NUMBER_INVALID', '准考证号有误（校验位不符），请核对后重新输入', { ticketNumber: raw });
  }
  const parts = { batchCode: s.slice(0, 6), roomNo: Number(s.slice(6, 9)), seat: Number(s.slice(9, 11)) };
  if (parts.roomNo === 0 || parts.seat === 0) {
    throw new TicketNumberInvalid('TICKET_NUMBER_INVALID', '准考证号中的考场号或座位号不能为0', { ticketNumber: raw });
  }
  return parts;
}

/**
 * Throw `TicketNumberInvalid` (`TICKET_NUMBER_DUPLICATE`) naming the candidates if two tickets of a
 * batch share a number; return quietly otherwise.
 */
export function checkTicketNumbersUnique(tickets: readonly { candidateId: string; ticketNumber: string }[]): void {
  const seen = new Map<string, string>();
  const duplicates: { ticketNumber: string; candidateIds: [string, string] }[] = [];
  for (const t of tickets) {
    const other = seen.get(t.ticketNumber);
    if (other !== undefined && other !== t.candidateId) duplicates.push({ ticketNumber: t.ticketNumber, candidateIds: [other, t.candidateId] });
    else seen.set(t.ticketNumber, t.candidateId);
  }
  if (duplicates.length > 0) {
    const text = duplicates.map((d) => `${d.ticketNumber}（考生${d.candidateIds.join('、')}）`).join('；');
    throw new TicketNumberInvalid('TICKET_NUMBER_DUPLICATE', `准考证号在本批次内重复：${text}`, { duplicates });
  }
}

/**
 * Ticket numbers for every seated candidate of a batch, from the room's 考场号 and the seat.
 * Throws `TicketNumberInvalid` for an unknown room, a bad part, or a repeated number (two rooms
 * with one 考场号, two candidates on one seat).
 */
export function assignTicketNumbers(
  batchCode: string,
  assignments: readonly SeatAssignment[],
  rooms: readonly Room[],
): { candidateId: string; ticketNumber: string }[] {
  const byId = new Map(rooms.map((r) => [r.id, r]));
  const tickets = assignments.map((a) => {
    const room = byId.get(a.roomId);
    if (!room) throw new TicketNumberInvalid('TICKET_NUMBER_INVALID', `考生${a.candidateId}所在考场${a.roomId}不存在`, { ...a });
    return { candidateId: a.candidateId, ticketNumber: formatTicketNumber({ batchCode, roomNo: room.roomNo, seat: a.seat }) };
  });
  checkTicketNumbersUnique(tickets);
  return tickets;
}
