/**
 * Manual seat changes after arrangement (调座), e.g. a candidate needing an accessible seat.
 */
import { SeatingRefused } from './errors';
import type { Room } from './rooms';
import type { SeatAssignment } from './seating';

/** Where to move one candidate. */
export interface SeatMove {
  candidateId: string;
  roomId: string;
  seat: number;
}

/** Ticket state that restricts moves. */
export interface SeatMoveOptions {
  /** Candidates already holding an admission ticket; their seat is printed on it. */
  ticketed?: Iterable<string>;
  /** Allow moving a ticketed candidate (the ticket must then be reissued). */
  reissueTicket?: boolean;
}

/**
 * Move one candidate to another seat and return the new assignment list (input unchanged).
 * Throws `SeatingRefused`: `CANDIDATE_UNKNOWN` (not seated), `ROOM_INVALID` (unknown room),
 * `SEAT_INVALID` (outside 1..capacity), `SEAT_TAKEN` (naming who sits there),
 * `TICKET_ALREADY_ISSUED` (ticketed candidate, unless `reissueTicket`).
 *
 * Example: `moveSeat(list, rooms, { candidateId: 'c7', roomId: 'r1', seat: 31 })` in a 30-seat room
 * → `SEAT_INVALID` “考场“301”只有1–30号座位”.
 */
export function moveSeat(
  assignments: readonly SeatAssignment[],
  rooms: readonly Room[],
  move: SeatMove,
  options: SeatMoveOptions = {},
): SeatAssignment[] {
  const current = assignments.find((a) => a.candidateId === move.candidateId);
  if (!current) throw new SeatingRefused('CANDIDATE_UNKNOWN', `考生${move.candidateId}尚未安排座位`, { ...move });
  const room = rooms.find((r) => r.id === move.roomId);
  if (!room) throw new SeatingRefused('ROOM_INVALID', `考场${move.roomId}不存在`, { ...move });
  if (!Number.isInteger(move.seat) || move.seat < 1 || move.seat > room.capacity) {
    throw new SeatingRefused('SEAT_INVALID', `考场“${room.name}”只有1–${room.capacity}号座位`, { ...move, capacity: room.capacity });
  }
  if (current.roomId === move.roomId && current.seat === move.seat) return [...assignments];
  const holder = assignments.find((a) => a.roomId === move.roomId && a.seat === move.seat);
  if (holder) {
    throw new SeatingRefused('SEAT_TAKEN', `考场“${room.name}”${move.seat}号座位已有考生${holder.candidateId}`, {
      ...move,
      occupiedBy: holder.candidateId,
    });
  }
  if (!options.reissueTicket && new Set(options.ticketed ?? []).has(move.candidateId)) {
    throw new SeatingRefused('TICKET_ALREADY_ISSUED', `考生${move.candidateId}已发准考证，调座须重新发放准考证`, { ...move });
  }
  return assignments.map((a) => (a.candidateId === move.candidateId ? { ...move } : a));
}
