/**
 * Each room of a sitting opens and closes on its own (`sitting_rooms`; no row = not opened yet). The
 * sitting row follows its rooms: open from its first room's opening, closed once every room with seated
 * candidates is closed (scoring and administration read `sittings.status`). Everything a candidate sees
 * of the start — lobby, clock, late entry — counts from their room's opening.
 */
import type { Kysely } from 'kysely';
import type { Database, SittingRoomTable } from '../db/schema';
import type { Selectable } from 'kysely';

/** A room's state as the candidate and the proctor see it. */
export type RoomStatus = 'scheduled' | 'open' | 'closed';

/** The state of one room of a sitting: status with its actual opening and closing (epoch ms). */
export interface RoomState {
  status: RoomStatus;
  openedAt: number | null;
  closedAt: number | null;
}

/**
 * The state of a room from its `sitting_rooms` columns (null when the room has no row). A room without
 * a row is `scheduled`, except in a sitting closed before rooms were tracked (read as closed, so nobody
 * joins a finished sitting).
 * Example: `roomStateOf({ status: 'open', opened_at: '…', closed_at: null }, 'open')` → `{ status: 'open', … }`.
 */
export function roomStateOf(
  row: { status: string | null; opened_at: string | null; closed_at: string | null } | null | undefined,
  sittingStatus: string,
): RoomState {
  if (!row || row.status === null || row.opened_at === null) return { status: sittingStatus === 'closed' ? 'closed' : 'scheduled', openedAt: null, closedAt: null };
  return {
    status: row.status === 'closed' ? 'closed' : 'open',
    openedAt: Date.parse(row.opened_at),
    closedAt: row.closed_at ? Date.parse(row.closed_at) : null,
  };
}

/** The `sitting_rooms` row of a room, if it was opened. */
export async function roomRow(db: Kysely<Database>, sittingId: number, roomId: number): Promise<Selectable<SittingRoomTable> | undefined> {
  return db.selectFrom('sitting_rooms').selectAll().where('sitting_id', '=', sittingId).where('room_id', '=', roomId).executeTakeFirst();
}

/** The state of a room of a sitting (reads the sitting too, for the legacy rule of `roomStateOf`). */
export async function loadRoomState(db: Kysely<Database>, sittingId: number, roomId: number): Promise<RoomState> {
  const s = await db.selectFrom('sittings').select('status').where('id', '=', sittingId).executeTakeFirst();
  return roomStateOf(await roomRow(db, sittingId, roomId), s?.status ?? 'scheduled');
}

/** Rooms of a sitting that have seated candidates (the rooms that must open and close). */
export async function seatedRooms(db: Kysely<Database>, sittingId: number): Promise<number[]> {
  const rows = await db.selectFrom('seat_assignments').select('room_id').distinct().where('sitting_id', '=', sittingId).execute();
  return rows.map((r) => r.room_id);
}

/** Whether every room with seated candidates is closed (then the sitting is over). */
export async function allRoomsClosed(db: Kysely<Database>, sittingId: number): Promise<boolean> {
  const seated = await seatedRooms(db, sittingId);
  if (seated.length === 0) return true;
  const closed = await db.selectFrom('sitting_rooms').select('room_id').where('sitting_id', '=', sittingId).where('status', '=', 'closed').execute();
  const done = new Set(closed.map((r) => r.room_id));
  return seated.every((r) => done.has(r));
}
