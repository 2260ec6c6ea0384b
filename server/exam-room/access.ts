/**
 * Who may see and who may act on a room. Proctors act only on rooms they are assigned to
 * (`staff_assignments`, duty proctor); the quality supervisor and the office see any room of their
 * organization read-only. Enforced here, on the server, for every socket event and HTTP route.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { RoomRefused } from './errors';
import { roomStateOf } from './room-state';

/** The staff member asking (from the socket session or the HTTP actor). */
export interface StaffWho {
  role: string;
  userId: number | null;
  organizationId: number | null;
}

/** A room of a sitting that `who` may see; `canAct` for its assigned proctors. */
export interface RoomAccess {
  sittingId: number;
  roomId: number;
  batchId: number;
  roomName: string;
  canAct: boolean;
}

/** Whether the user is assigned as proctor to the room (for this sitting, or for the batch's every sitting). */
export async function isAssignedProctor(db: Kysely<Database>, userId: number, batchId: number, sittingId: number, roomId: number): Promise<boolean> {
  const row = await db
    .selectFrom('staff_assignments')
    .select('id')
    .where('user_id', '=', userId)
    .where('duty', '=', 'proctor')
    .where('batch_id', '=', batchId)
    .where('room_id', '=', roomId)
    .where((eb) => eb.or([eb('sitting_id', '=', sittingId), eb('sitting_id', 'is', null)]))
    .executeTakeFirst();
  return !!row;
}

/**
 * Check access to a room. `mode: 'act'` requires an assigned proctor. Fails with `NOT_FOUND` (no such
 * room in that sitting, or another organization's) or `FORBIDDEN` (role or assignment).
 */
export async function roomAccess(db: Kysely<Database>, who: StaffWho, sittingId: number, roomId: number, mode: 'view' | 'act'): Promise<RoomAccess> {
  if (!['proctor', 'supervisor', 'admin'].includes(who.role)) throw new RoomRefused('FORBIDDEN', '您的角色不能查看考场');
  const row = await db
    .selectFrom('sittings')
    .innerJoin('batches', 'batches.id', 'sittings.batch_id')
    .innerJoin('rooms', 'rooms.batch_id', 'sittings.batch_id')
    .select(['sittings.id as sitting_id', 'rooms.id as room_id', 'rooms.name as room_name', 'batches.id as batch_id', 'batches.organization_id'])
    .where('sittings.id', '=', sittingId)
    .where('rooms.id', '=', roomId)
    .executeTakeFirst();
  if (!row || row.organization_id !== who.organizationId) throw new RoomRefused('NOT_FOUND', '考场不存在');
  const canAct = who.role === 'proctor' && who.userId !== null && (await isAssignedProctor(db, who.userId, row.batch_id, sittingId, roomId));
  if (who.role === 'proctor' && !canAct) throw new RoomRefused('FORBIDDEN', '您不是本考场的监考员');
  if (mode === 'act' && !canAct) {
    throw new RoomRefused('FORBIDDEN', who.role === 'supervisor' ? '质量督导员只能查看考场，不能操作' : '只有本考场的监考员可以进行此操作');
  }
  return { sittingId, roomId, batchId: row.batch_id, roomName: row.room_name, canAct };
}

/** Rooms the user may open in the room list (with each room's own status): assigned rooms for proctors, every room of the organization otherwise. */
export async function visibleRooms(db: Kysely<Database>, who: StaffWho) {
  let q = db
    .selectFrom('sittings')
    .innerJoin('batches', 'batches.id', 'sittings.batch_id')
    .innerJoin('rooms', 'rooms.batch_id', 'sittings.batch_id')
    .innerJoin('seat_assignments', (j) => j.onRef('seat_assignments.sitting_id', '=', 'sittings.id').onRef('seat_assignments.room_id', '=', 'rooms.id'))
    .leftJoin('sitting_rooms', (j) => j.onRef('sitting_rooms.sitting_id', '=', 'sittings.id').onRef('sitting_rooms.room_id', '=', 'rooms.id'))
    .select((eb) => [
      'sittings.id as sittingId', 'rooms.id as roomId', 'rooms.name as roomName', 'sittings.date', 'sittings.start_time as startTime',
      'sittings.duration_min as durationMin', 'sittings.status', 'sittings.component', 'sittings.venue', 'batches.name as batchName',
      'sitting_rooms.status as room_status', 'sitting_rooms.opened_at as room_opened_at', 'sitting_rooms.closed_at as room_closed_at',
      eb.fn.countAll<number>().as('seats'),
    ])
    .where('batches.organization_id', '=', who.organizationId ?? -1)
    .groupBy(['sittings.id', 'rooms.id', 'rooms.name', 'sittings.date', 'sittings.start_time', 'sittings.duration_min', 'sittings.status', 'sittings.component', 'sittings.venue', 'batches.name',
      'sitting_rooms.status', 'sitting_rooms.opened_at', 'sitting_rooms.closed_at'])
    .orderBy('sittings.date', 'desc')
    .orderBy('sittings.start_time')
    .orderBy('rooms.id');
  if (who.role === 'proctor') {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('staff_assignments')
          .select('staff_assignments.id')
          .where('staff_assignments.user_id', '=', who.userId ?? -1)
          .where('staff_assignments.duty', '=', 'proctor')
          .whereRef('staff_assignments.room_id', '=', 'rooms.id')
          .where((e2) => e2.or([e2('staff_assignments.sitting_id', 'is', null), e2('staff_assignments.sitting_id', '=', e2.ref('sittings.id'))])),
      ),
    );
  }
  const rows = await q.execute();
  // `status` is the room's own (each room opens and closes on its own); `openedAt` its actual opening.
  return rows.map(({ room_status, room_opened_at, room_closed_at, ...r }) => {
    const state = roomStateOf({ status: room_status, opened_at: room_opened_at, closed_at: room_closed_at }, r.status);
    return { ...r, status: state.status, openedAt: state.openedAt, closedAt: state.closedAt, seats: Number(r.seats), durationMin: Number(r.durationMin) };
  });
}
