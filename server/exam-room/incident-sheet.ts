/**
 * 考场情况记录单 of one room: the planned times with the room's actual opening and closing, sign-in counts (expected = seats, present = candidates who
 * joined), absentees, incidents and violations from the database and prints them with the documents
 * module's PDF (`roomIncidentSheetsPdf`, CJK font embedded there).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { roomIncidentSheetsPdf, type RoomEvent, type RoomIncidentSheet } from '../documents';
import type { Component } from '../../question-bank/types';
import { beijingHm, scheduledStart } from './clock';
import { RoomRefused } from './errors';
import { roomRow } from './room-state';

/** Build the sheet's data for a room of a sitting. Fails with `NOT_FOUND` for an unknown sitting or room. */
export async function incidentSheetData(db: Kysely<Database>, sittingId: number, roomId: number): Promise<{ sheet: RoomIncidentSheet; organization: string }> {
  const s = await db
    .selectFrom('sittings')
    .innerJoin('batches', 'batches.id', 'sittings.batch_id')
    .innerJoin('organizations', 'organizations.id', 'batches.organization_id')
    .select(['sittings.id', 'sittings.date', 'sittings.start_time', 'sittings.duration_min', 'sittings.venue', 'sittings.component', 'sittings.batch_id', 'batches.name as batch_name', 'organizations.name as org_name'])
    .where('sittings.id', '=', sittingId)
    .executeTakeFirst();
  const room = await db.selectFrom('rooms').select(['id', 'name', 'batch_id']).where('id', '=', roomId).executeTakeFirst();
  if (!s || !room || room.batch_id !== s.batch_id) throw new RoomRefused('NOT_FOUND', '考场不存在');
  const seats = await db
    .selectFrom('seat_assignments')
    .innerJoin('candidates', 'candidates.id', 'seat_assignments.candidate_id')
    .leftJoin('attempts', (j) => j.onRef('attempts.sitting_id', '=', 'seat_assignments.sitting_id').onRef('attempts.candidate_id', '=', 'seat_assignments.candidate_id'))
    .select(['seat_assignments.seat_no', 'seat_assignments.ticket_no', 'candidates.name', 'attempts.id as attempt_id', 'attempts.submit_reason'])
    .where('seat_assignments.sitting_id', '=', sittingId)
    .where('seat_assignments.room_id', '=', roomId)
    .orderBy('seat_assignments.seat_no')
    .execute();
  const byAttempt = new Map(seats.filter((x) => x.attempt_id !== null).map((x) => [x.attempt_id!, x]));
  const proctors = await db
    .selectFrom('staff_assignments')
    .innerJoin('users', 'users.id', 'staff_assignments.user_id')
    .select('users.display_name')
    .distinct()
    .where('staff_assignments.duty', '=', 'proctor')
    .where('staff_assignments.room_id', '=', roomId)
    .where((eb) => eb.or([eb('staff_assignments.sitting_id', '=', sittingId), eb('staff_assignments.sitting_id', 'is', null)]))
    .orderBy('users.display_name')
    .execute();
  const incidents = await db
    .selectFrom('incidents')
    .select(['kind', 'category', 'description', 'action', 'attempt_id', 'at'])
    .where('sitting_id', '=', sittingId)
    .where('room_id', '=', roomId)
    .where('kind', 'in', ['incident', 'violation'])
    .orderBy('at')
    .orderBy('id')
    .execute();
  const events: RoomEvent[] = incidents.map((i) => {
    const who = i.attempt_id === null ? undefined : byAttempt.get(i.attempt_id);
    const e: RoomEvent = { time: beijingHm(Date.parse(i.at)), kind: i.kind as 'incident' | 'violation', description: i.description };
    if (i.category) e.category = i.category;
    if (i.action) e.action = i.action;
    if (who) e.candidate = { seat: who.seat_no, ticketNumber: who.ticket_no, name: who.name };
    return e;
  });
  const present = seats.filter((x) => x.attempt_id !== null);
  const count = (reason: string) => present.filter((x) => x.submit_reason === reason).length;
  const startMs = scheduledStart(s.date, s.start_time);
  const plannedEnd = beijingHm(startMs + Number(s.duration_min) * 60_000);
  // The room's actual opening and closing next to the planned times (planned only while it never opened).
  const actual = await roomRow(db, sittingId, roomId);
  const sheet: RoomIncidentSheet = {
    sitting: {
      batchName: s.batch_name,
      component: s.component as Component,
      date: s.date,
      start: actual ? `${s.start_time}（实际开考 ${beijingHm(Date.parse(actual.opened_at))}）` : s.start_time,
      end: actual?.closed_at ? `${plannedEnd}（实际结束 ${beijingHm(Date.parse(actual.closed_at))}）` : plannedEnd,
      venue: s.venue,
      room: room.name,
    },
    proctors: proctors.map((p) => p.display_name),
    expected: seats.length,
    present: present.length,
    absentees: seats.filter((x) => x.attempt_id === null).map((x) => ({ seat: x.seat_no, ticketNumber: x.ticket_no, name: x.name })),
    events,
    notes: `${actual ? `本考场实际开考 ${beijingHm(Date.parse(actual.opened_at))}${actual.closed_at ? `，实际结束 ${beijingHm(Date.parse(actual.closed_at))}` : '，尚未结束'}（计划 ${s.start_time}–${plannedEnd}）。` : `本考场未开考（计划 ${s.start_time}–${plannedEnd}）。`}系统记录：考生交卷 ${count('candidate')} 人，时间到自动交卷 ${count('timeout')} 人，监考员强制交卷 ${count('proctor')} 人，未交卷 ${present.filter((x) => x.submit_reason === null).length} 人。`,
  };
  return { sheet, organization: s.org_name };
}

/** The PDF bytes of the room's incident sheet, dated `now`. */
export async function incidentSheetPdf(db: Kysely<Database>, sittingId: number, roomId: number, now: Date): Promise<Buffer> {
  const { sheet, organization } = await incidentSheetData(db, sittingId, roomId);
  return roomIncidentSheetsPdf([sheet], { organization, createdAt: now });
}
