/**
 * 考场 and 座位 routes: rooms of a batch, automatic seat arrangement per theory sitting (`arrangeSeats`:
 * neighbours on different papers, ticketed seats kept), the seat map, manual moves, and ticket numbers
 * (`formatTicketNumber`) stored with each seat — the number candidates log in with.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-trail';
import { NotFound, StateConflict, ValidationFailed } from '../errors';
import { actorOf, requireRole } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { validate } from '../http/validate';
import { assertBatchOpen, batchParam, loadBatch, type BatchRow, type Db } from './common';
import { batchRooms, roomNoOf, ruleRoom, sittingCandidates, sittingSeats, type RoomRow } from './seating-data';
import {
  arrangeSeats,
  assignTicketNumbers,
  countNeighbourConflicts,
  formatTicketNumber,
  LEVEL_LABELS,
  MAX_ROOM_NO,
  moveSeat,
  ROOM_POLICY,
  seatPosition,
  validateRoom,
} from './rules';

const roomBody = z.object({
  name: z.string().trim().min(1, '请输入考场名称').max(50),
  venue: z.string().trim().min(2, '请输入考场地点').max(100),
  capacity: z.number().int().min(1, '容量至少为1').max(ROOM_POLICY.maxCapacity, `每个考场不超过${ROOM_POLICY.maxCapacity}人`).default(ROOM_POLICY.maxCapacity),
  columns: z.number().int().min(1).max(12).default(5),
  roomNo: z.number().int().min(1).max(MAX_ROOM_NO).optional(),
});
const roomParam = batchParam.extend({ roomId: z.coerce.number().int().positive().max(2_147_483_647) });
const sittingParam = batchParam.extend({ sittingId: z.coerce.number().int().positive().max(2_147_483_647) });
const arrangeBody = z.object({
  roomIds: z.array(z.number().int().positive().max(2_147_483_647)).min(1, '至少选择一个考场').optional(),
  fill: z.enum(['inOrder', 'even']).default('even'),
});
const moveBody = z.object({
  candidateId: z.number().int().positive().max(2_147_483_647),
  roomId: z.number().int().positive().max(2_147_483_647),
  seat: z.number().int(),
  reissueTicket: z.boolean().default(false),
});

function publicRoom(r: RoomRow, all: readonly RoomRow[]) {
  const rule = ruleRoom(r, all);
  return { id: r.id, roomNo: rule.roomNo, name: r.name, venue: r.venue, capacity: r.capacity, columns: r.columns, rows: rule.rows };
}

async function loadTheorySitting(db: Db, batch: BatchRow, sittingId: number) {
  const s = await db.selectFrom('sittings').selectAll().where('id', '=', sittingId).where('batch_id', '=', batch.id).executeTakeFirst();
  if (!s) throw new NotFound('场次', sittingId);
  if (s.component !== 'theory') throw new StateConflict('NOT_A_THEORY_SITTING', '只有理论知识考试场次编排考场座位；技能操作考核按考评组安排');
  return s;
}

/** Rooms already holding another theory sitting of the batch (each room serves one sitting: one seat, one ticket number). */
async function roomsUsedElsewhere(db: Db, batchId: number, sittingId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('seat_assignments')
    .innerJoin('sittings', 'sittings.id', 'seat_assignments.sitting_id')
    .select(['seat_assignments.room_id', 'seat_assignments.sitting_id'])
    .where('sittings.batch_id', '=', batchId)
    .where('seat_assignments.sitting_id', '!=', sittingId)
    .groupBy(['seat_assignments.room_id', 'seat_assignments.sitting_id'])
    .execute();
  return new Map(rows.map((r) => [r.room_id, r.sitting_id]));
}

/** The seat map of one sitting: every room with its grid, occupants, neighbour conflicts and the unseated. */
export async function seatMap(db: Db, batch: BatchRow, sittingId: number) {
  const sitting = await loadTheorySitting(db, batch, sittingId);
  const [rooms, candidates, seats] = await Promise.all([batchRooms(db, batch.id), sittingCandidates(db, sitting), sittingSeats(db, sittingId)]);
  const rules = rooms.map((r) => ruleRoom(r, rooms));
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const conflicts = countNeighbourConflicts(seats, candidates, rules);
  const used = await roomsUsedElsewhere(db, batch.id, sittingId);
  const proctors = await db
    .selectFrom('staff_assignments')
    .innerJoin('users', 'users.id', 'staff_assignments.user_id')
    .select(['staff_assignments.room_id', 'users.id', 'users.display_name'])
    .where('staff_assignments.sitting_id', '=', sittingId)
    .where('staff_assignments.duty', '=', 'proctor')
    .execute();
  return {
    sitting: { id: sitting.id, date: sitting.date, startTime: sitting.start_time, venue: sitting.venue, status: sitting.status },
    rooms: rooms.map((r, i) => ({
      ...publicRoom(r, rooms),
      usedBySitting: used.get(r.id) ?? null,
      proctors: proctors.filter((p) => p.room_id === r.id).map((p) => ({ id: p.id, name: p.display_name })),
      seats: Array.from({ length: r.capacity }, (_, k) => {
        const seat = k + 1;
        const a = seats.find((s) => s.roomId === String(r.id) && s.seat === seat);
        const c = a ? byId.get(a.candidateId) : undefined;
        return {
          seat,
          ...seatPosition(rules[i]!, seat),
          candidate: a
            ? {
                id: Number(a.candidateId), name: c?.name ?? '（已不在本场次）', occupationName: c?.occupationName ?? '', workType: c?.workType ?? null,
                level: c?.level ?? null, levelLabel: c ? LEVEL_LABELS[c.level] : '', paperKey: c?.paperKey ?? '', ticketNo: a.ticketNo, ticketIssued: a.ticketIssued,
              }
            : null,
        };
      }),
    })),
    conflicts: conflicts.conflicts,
    conflictPairs: conflicts.conflictPairs.map((p) => ({ roomId: Number(p.roomId), seats: p.seats })),
    sameOccupationLevelPairs: conflicts.sameOccupationLevelPairs,
    candidates: candidates.length,
    unseated: candidates.filter((c) => !seats.some((s) => s.candidateId === c.id)).map((c) => ({ id: c.candidateId, name: c.name, occupationName: c.occupationName, levelLabel: LEVEL_LABELS[c.level] })),
  };
}

/** Routes mounted at `/batches` (paths `/:id/rooms…`, `/:id/sittings/:sittingId/seats…`). */
export function roomRoutes(deps: AppDeps) {
  const { db } = deps;
  const loadRoom = async (batchId: number, roomId: number) => {
    const rooms = await batchRooms(db, batchId);
    const room = rooms.find((r) => r.id === roomId);
    if (!room) throw new NotFound('考场', roomId);
    return { room, rooms };
  };

  return new Hono<AppEnv>()
    .get('/:id/rooms', requireRole('admin', 'supervisor'), validate('param', batchParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const rooms = await batchRooms(db, batch.id);
      const use = await db
        .selectFrom('seat_assignments')
        .select(['room_id', 'sitting_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('room_id', 'in', rooms.length ? rooms.map((r) => r.id) : [0])
        .groupBy(['room_id', 'sitting_id'])
        .execute();
      return c.json({
        rooms: rooms.map((r) => ({ ...publicRoom(r, rooms), seated: use.filter((u) => u.room_id === r.id).map((u) => ({ sittingId: u.sitting_id, count: Number(u.n) })) })),
      });
    })
    .post('/:id/rooms', requireRole('admin'), validate('param', batchParam), validate('json', roomBody), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      assertBatchOpen(batch, 'registration');
      const b = c.req.valid('json');
      const rooms = await batchRooms(db, batch.id);
      const roomNo = b.roomNo ?? Math.max(0, ...rooms.map((r) => roomNoOf(r, rooms))) + 1;
      const problems = validateRoom({ id: 'new', roomNo, name: b.name, columns: b.columns, rows: Math.ceil(b.capacity / b.columns), capacity: b.capacity });
      if (problems.length) throw new ValidationFailed(problems.map((problem) => ({ field: 'capacity', problem })));
      if (rooms.some((r) => r.name === b.name)) throw new StateConflict('ROOM_NAME_TAKEN', `本批次已有名为“${b.name}”的考场`, { field: 'name' });
      if (rooms.some((r) => roomNoOf(r, rooms) === roomNo)) throw new StateConflict('ROOM_NO_TAKEN', `考场号 ${roomNo} 已被使用`, { field: 'roomNo' });
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('rooms')
          .values({ batch_id: batch.id, name: b.name, venue: b.venue, capacity: b.capacity, columns: b.columns, room_no: roomNo })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'room.create', objectType: 'room', objectId: r.id, after: publicRoom(r, [...rooms, r]) }, deps.now());
        return r;
      });
      return c.json({ room: publicRoom(row, [...rooms, row]) }, 201);
    })
    .patch('/:id/rooms/:roomId', requireRole('admin'), validate('param', roomParam), validate('json', roomBody.partial()), async (c) => {
      const actor = actorOf(c);
      const { id, roomId } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      assertBatchOpen(batch, 'registration');
      const { room, rooms } = await loadRoom(batch.id, roomId);
      // `.partial()` keeps zod defaults: take only what the request really names.
      const raw = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
      const b = Object.fromEntries(Object.entries(c.req.valid('json')).filter(([k]) => k in raw)) as Partial<z.infer<typeof roomBody>>;
      const next = { name: b.name ?? room.name, venue: b.venue ?? room.venue, capacity: b.capacity ?? room.capacity, columns: b.columns ?? room.columns, roomNo: b.roomNo ?? roomNoOf(room, rooms) };
      const problems = validateRoom({ id: String(room.id), roomNo: next.roomNo, name: next.name, columns: next.columns, rows: Math.ceil(next.capacity / next.columns), capacity: next.capacity });
      if (problems.length) throw new ValidationFailed(problems.map((problem) => ({ field: 'capacity', problem })));
      if (rooms.some((r) => r.id !== room.id && r.name === next.name)) throw new StateConflict('ROOM_NAME_TAKEN', `本批次已有名为“${next.name}”的考场`, { field: 'name' });
      if (rooms.some((r) => r.id !== room.id && roomNoOf(r, rooms) === next.roomNo)) throw new StateConflict('ROOM_NO_TAKEN', `考场号 ${next.roomNo} 已被使用`, { field: 'roomNo' });
      const seats = await db.selectFrom('seat_assignments').select(['seat_no']).where('room_id', '=', room.id).execute();
      const highest = Math.max(0, ...seats.map((s) => s.seat_no));
      if (next.capacity < highest) throw new StateConflict('ROOM_SEATS_IN_USE', `考场已安排到 ${highest} 号座位，容量不能小于 ${highest}`, { field: 'capacity' });
      if (seats.length > 0 && (next.roomNo !== roomNoOf(room, rooms) || next.columns !== room.columns)) {
        throw new StateConflict('ROOM_SEATS_IN_USE', '考场已编排座位（准考证号含考场号，座位图按列排列），考场号和列数不能再修改', { field: 'roomNo' });
      }
      const after = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('rooms')
          .set({ name: next.name, venue: next.venue, capacity: next.capacity, columns: next.columns, room_no: next.roomNo })
          .where('id', '=', room.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'room.update', objectType: 'room', objectId: r.id, before: publicRoom(room, rooms), after: publicRoom(r, rooms) }, deps.now());
        return r;
      });
      return c.json({ room: publicRoom(after, rooms) });
    })
    .delete('/:id/rooms/:roomId', requireRole('admin'), validate('param', roomParam), async (c) => {
      const actor = actorOf(c);
      const { id, roomId } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      assertBatchOpen(batch, 'registration');
      const { room, rooms } = await loadRoom(batch.id, roomId);
      const seated = await db.selectFrom('seat_assignments').select('id').where('room_id', '=', room.id).limit(1).executeTakeFirst();
      if (seated) throw new StateConflict('ROOM_SEATS_IN_USE', '考场已编排座位，请先清除该场次的座位编排');
      const staffed = await db.selectFrom('staff_assignments').select('id').where('room_id', '=', room.id).limit(1).executeTakeFirst();
      if (staffed) throw new StateConflict('ROOM_HAS_STAFF', '考场已安排监考员，请先撤销');
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('rooms').where('id', '=', room.id).execute();
        await recordAudit(trx, actor, { action: 'room.delete', objectType: 'room', objectId: room.id, before: publicRoom(room, rooms) }, deps.now());
      });
      return c.json({ ok: true });
    })
    .get('/:id/sittings/:sittingId/seats', requireRole('admin', 'supervisor'), validate('param', sittingParam), async (c) => {
      const { id, sittingId } = c.req.valid('param');
      const batch = await loadBatch(db, actorOf(c), id);
      return c.json(await seatMap(db, batch, sittingId));
    })
    .post('/:id/sittings/:sittingId/arrange', requireRole('admin'), validate('param', sittingParam), validate('json', arrangeBody), async (c) => {
      const actor = actorOf(c);
      const { id, sittingId } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      assertBatchOpen(batch, 'registration');
      const sitting = await loadTheorySitting(db, batch, sittingId);
      if (sitting.status !== 'scheduled') throw new StateConflict('SITTING_STARTED', '场次已开考，不能重新编排座位');
      const body = c.req.valid('json');
      const allRooms = await batchRooms(db, batch.id);
      const used = await roomsUsedElsewhere(db, batch.id, sittingId);
      const current = await sittingSeats(db, sittingId);
      const fixed = current.filter((s) => s.ticketIssued);
      let rooms = body.roomIds ? allRooms.filter((r) => body.roomIds!.includes(r.id)) : allRooms.filter((r) => !used.has(r.id));
      if (body.roomIds) {
        const unknown = body.roomIds.filter((x) => !allRooms.some((r) => r.id === x));
        if (unknown.length) throw new NotFound('考场', unknown[0]);
        const busy = rooms.filter((r) => used.has(r.id));
        if (busy.length) throw new StateConflict('ROOM_IN_OTHER_SITTING', `${busy.map((r) => r.name).join('、')}已用于本批次另一理论场次（同一考场同一座位只能对应一个准考证号），请另设考场`, {});
      }
      // Rooms holding ticketed seats stay in the arrangement whatever was selected.
      rooms = allRooms.filter((r) => rooms.some((x) => x.id === r.id) || fixed.some((f) => f.roomId === String(r.id)));
      if (rooms.length === 0) throw new StateConflict('NO_ROOMS', '没有可用的考场，请先添加考场');
      const candidates = await sittingCandidates(db, sitting);
      if (candidates.length === 0) throw new StateConflict('NO_CANDIDATES', '本场次还没有符合条件的考生');
      const ruleRooms = rooms.map((r) => ruleRoom(r, allRooms));
      const result = arrangeSeats(candidates, ruleRooms, {
        seed: `${batch.code}/${sittingId}`,
        fixed: fixed.map((f) => ({ candidateId: f.candidateId, roomId: f.roomId, seat: f.seat })),
        fill: body.fill,
      });
      const tickets = new Map(assignTicketNumbers(batch.code, result.assignments, ruleRooms).map((t) => [t.candidateId, t.ticketNumber]));
      const fixedIds = new Set(fixed.map((f) => f.candidateId));
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('seat_assignments').where('sitting_id', '=', sittingId).where('ticket_issued', '=', 0).execute();
        const rows = result.assignments
          .filter((a) => !fixedIds.has(a.candidateId))
          .map((a) => ({ sitting_id: sittingId, room_id: Number(a.roomId), seat_no: a.seat, candidate_id: Number(a.candidateId), ticket_no: tickets.get(a.candidateId)!, ticket_issued: 0 }));
        for (let i = 0; i < rows.length; i += 500) await trx.insertInto('seat_assignments').values(rows.slice(i, i + 500)).execute();
        await recordAudit(trx, actor, {
          action: 'seats.arrange', objectType: 'sitting', objectId: sittingId,
          before: current.map((s) => [Number(s.candidateId), Number(s.roomId), s.seat, s.ticketNo]),
          after: { seed: `${batch.code}/${sittingId}`, kept: fixed.length, conflicts: result.conflicts, seats: result.assignments.map((a) => [Number(a.candidateId), Number(a.roomId), a.seat, tickets.get(a.candidateId)]) },
        }, deps.now());
      });
      return c.json({
        seated: result.assignments.length,
        kept: fixed.length,
        conflicts: result.conflicts,
        sameOccupationLevelPairs: result.sameOccupationLevelPairs,
        map: await seatMap(db, batch, sittingId),
      });
    })
    .delete('/:id/sittings/:sittingId/seats', requireRole('admin'), validate('param', sittingParam), async (c) => {
      const actor = actorOf(c);
      const { id, sittingId } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      assertBatchOpen(batch, 'registration');
      await loadTheorySitting(db, batch, sittingId);
      const current = await sittingSeats(db, sittingId);
      const issued = current.filter((s) => s.ticketIssued).length;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('seat_assignments').where('sitting_id', '=', sittingId).where('ticket_issued', '=', 0).execute();
        await recordAudit(trx, actor, { action: 'seats.clear', objectType: 'sitting', objectId: sittingId, before: current.map((s) => [Number(s.candidateId), Number(s.roomId), s.seat, s.ticketNo]), after: { kept: issued } }, deps.now());
      });
      return c.json({ cleared: current.length - issued, kept: issued });
    })
    .post('/:id/sittings/:sittingId/seats/move', requireRole('admin'), validate('param', sittingParam), validate('json', moveBody), async (c) => {
      const actor = actorOf(c);
      const { id, sittingId } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      assertBatchOpen(batch, 'registration');
      const sitting = await loadTheorySitting(db, batch, sittingId);
      if (sitting.status !== 'scheduled') throw new StateConflict('SITTING_STARTED', '场次已开考，不能调整座位');
      const b = c.req.valid('json');
      const allRooms = await batchRooms(db, batch.id);
      const used = await roomsUsedElsewhere(db, batch.id, sittingId);
      if (used.has(b.roomId)) throw new StateConflict('ROOM_IN_OTHER_SITTING', '该考场已用于本批次另一理论场次', {});
      const current = await sittingSeats(db, sittingId);
      const ruleRooms = allRooms.map((r) => ruleRoom(r, allRooms));
      const next = moveSeat(current, ruleRooms, { candidateId: String(b.candidateId), roomId: String(b.roomId), seat: b.seat }, {
        ticketed: current.filter((s) => s.ticketIssued).map((s) => s.candidateId),
        reissueTicket: b.reissueTicket,
      });
      const before = current.find((s) => s.candidateId === String(b.candidateId))!;
      const moved = next.find((s) => s.candidateId === String(b.candidateId))!;
      const room = ruleRooms.find((r) => r.id === moved.roomId)!;
      const ticketNo = formatTicketNumber({ batchCode: batch.code, roomNo: room.roomNo, seat: moved.seat });
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('seat_assignments').set({ room_id: Number(moved.roomId), seat_no: moved.seat, ticket_no: ticketNo }).where('id', '=', before.id).execute();
        await recordAudit(trx, actor, {
          action: 'seats.move', objectType: 'candidate', objectId: b.candidateId,
          before: { roomId: Number(before.roomId), seat: before.seat, ticketNo: before.ticketNo, ticketIssued: before.ticketIssued },
          after: { roomId: Number(moved.roomId), seat: moved.seat, ticketNo, ticketIssued: before.ticketIssued },
        }, deps.now());
      });
      const candidates = await sittingCandidates(db, sitting);
      const conflicts = countNeighbourConflicts(next, candidates, ruleRooms);
      return c.json({
        ticketNo,
        reprint: before.ticketIssued,
        conflicts: conflicts.conflicts,
        warning: conflicts.conflicts > 0 ? `调整后有 ${conflicts.conflicts} 对相邻考生使用同一试卷` : null,
      });
    });
}
