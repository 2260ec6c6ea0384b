/**
 * 考场 (theory exam room) layout and seat numbering.
 *
 * The room is a grid of `columns` × `rows` desks seen from the front (the proctor's desk):
 * column 1 is the column nearest the door, row 1 the row nearest the front. Seats are numbered from
 * the door, front to back: seat 1 is column 1 / row 1, seat 2 column 1 / row 2, …, seat `rows`
 * the back of column 1, then seat `rows + 1` the front of column 2, and so on. Only seats
 * 1..`capacity` are used, so a room with fewer candidates than desks leaves the far, back desks
 * empty. Neighbours are the desks left/right (same row, adjacent column) and front/back (same
 * column, adjacent row).
 *
 * Example, 5 columns × 6 rows, door on the left:
 * ```
 *            front (讲台)
 *  door  1  7 13 19 25
 *        2  8 14 20 26
 *        …
 *        6 12 18 24 30
 * ```
 */

/** A theory exam room of a batch (see the numbering above). */
export interface Room {
  id: string;
  /** 考场号 within the batch, 1..999; part of the admission ticket number. */
  roomNo: number;
  name: string;
  columns: number;
  rows: number;
  /** Seats in use, 1..capacity (≤ columns × rows, ≤ `RoomPolicy.maxCapacity`). */
  capacity: number;
}

/** Room limits (data, M). */
export interface RoomPolicy {
  /** Candidates per theory room (M: 30). */
  maxCapacity: number;
}

/** Default room policy: at most 30 candidates per theory room. */
export const ROOM_POLICY: RoomPolicy = { maxCapacity: 30 };

/** Largest seat number the admission ticket number can carry (two digits). */
export const MAX_SEAT = 99;
/** Largest 考场号 the admission ticket number can carry (three digits). */
export const MAX_ROOM_NO = 999;

/**
 * Problems with a room's definition, in Chinese; empty when fine. Never throws.
 * Example: capacity 36 → `考场“301”容量36超过每考场30人的上限`.
 */
export function validateRoom(room: Room, policy: RoomPolicy = ROOM_POLICY): string[] {
  const p: string[] = [];
  const name = `考场“${room.name}”`;
  if (!Number.isInteger(room.roomNo) || room.roomNo < 1 || room.roomNo > MAX_ROOM_NO) p.push(`${name}的考场号应为1–${MAX_ROOM_NO}的整数`);
  if (!Number.isInteger(room.columns) || !Number.isInteger(room.rows) || room.columns < 1 || room.rows < 1) {
    p.push(`${name}的列数和排数应为正整数`);
  }
  if (!Number.isInteger(room.capacity) || room.capacity < 1) p.push(`${name}的容量应为正整数`);
  else {
    if (room.capacity > room.columns * room.rows) p.push(`${name}容量${room.capacity}超过座位数${room.columns}×${room.rows}`);
    if (room.capacity > policy.maxCapacity) p.push(`${name}容量${room.capacity}超过每考场${policy.maxCapacity}人的上限`);
    if (room.capacity > MAX_SEAT) p.push(`${name}容量不能超过${MAX_SEAT}`);
  }
  return p;
}

/** Column and row of `seat` (1-based). Throws `RangeError` for a seat outside 1..capacity. */
export function seatPosition(room: Room, seat: number): { column: number; row: number } {
  if (!Number.isInteger(seat) || seat < 1 || seat > room.capacity) throw new RangeError(`seat ${seat} not in room ${room.id}`);
  return { column: Math.floor((seat - 1) / room.rows) + 1, row: ((seat - 1) % room.rows) + 1 };
}

/** Seat number at `column`/`row`, or `null` if outside the grid or beyond capacity. */
export function seatAt(room: Room, column: number, row: number): number | null {
  if (column < 1 || column > room.columns || row < 1 || row > room.rows) return null;
  const seat = (column - 1) * room.rows + row;
  return seat <= room.capacity ? seat : null;
}

/** Seats left, right, in front of and behind `seat` that are in use. Example: 5×6 room, seat 8 → [2, 14, 7, 9]. */
export function neighbourSeats(room: Room, seat: number): number[] {
  const { column, row } = seatPosition(room, seat);
  return [seatAt(room, column - 1, row), seatAt(room, column + 1, row), seatAt(room, column, row - 1), seatAt(room, column, row + 1)].filter(
    (s): s is number => s !== null,
  );
}

/** Human label of a seat for charts and tickets, e.g. `第2列第3排`. */
export function seatLabel(room: Room, seat: number): string {
  const { column, row } = seatPosition(room, seat);
  return `第${column}列第${row}排`;
}
