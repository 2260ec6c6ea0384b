/**
 * The reads of `attempt:resume`, batched per turn of the event loop (see batch-loader.ts): seats,
 * attempts, saved answers and room notices of every candidate resuming at the same moment are read
 * with one query per table.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AttemptTable, Database } from '../db/schema';
import { BatchLoader } from './batch-loader';

/** Seats with their sitting, room (and the room's opening, if any) and occupation, by seat assignment id. */
export async function loadSeats(db: Kysely<Database>, seatAssignmentIds: readonly number[]) {
  const rows = await db
    .selectFrom('seat_assignments')
    .innerJoin('sittings', 'sittings.id', 'seat_assignments.sitting_id')
    .innerJoin('rooms', 'rooms.id', 'seat_assignments.room_id')
    .innerJoin('candidates', 'candidates.id', 'seat_assignments.candidate_id')
    .innerJoin('occupations', 'occupations.id', 'candidates.occupation_id')
    // The candidate's room opens and closes on its own: its state decides lobby, clock and late entry.
    .leftJoin('sitting_rooms', (j) => j.onRef('sitting_rooms.sitting_id', '=', 'seat_assignments.sitting_id').onRef('sitting_rooms.room_id', '=', 'seat_assignments.room_id'))
    .select([
      'seat_assignments.id as seat_id', 'seat_assignments.seat_no', 'seat_assignments.ticket_no', 'seat_assignments.room_id',
      'seat_assignments.sitting_id', 'candidates.id as candidate_id', 'candidates.name as candidate_name', 'candidates.level',
      'candidates.occupation_id', 'occupations.name as occupation_name', 'rooms.name as room_name', 'sittings.status',
      'sittings.date', 'sittings.start_time', 'sittings.duration_min', 'sittings.opened_at', 'sittings.grace_seconds',
      'sittings.seb_json', 'sittings.component', 'sittings.venue',
      'sitting_rooms.status as room_status', 'sitting_rooms.opened_at as room_opened_at', 'sitting_rooms.closed_at as room_closed_at',
    ])
    .where('seat_assignments.id', 'in', seatAssignmentIds)
    .execute();
  return new Map(rows.map((r) => [r.seat_id, r]));
}

/** One seat as `attempt:resume` reads it. */
export type Seat = NonNullable<Awaited<ReturnType<typeof loadSeats>> extends Map<number, infer V> ? V : never>;
/** A stored attempt. */
export type AttemptRow = Selectable<AttemptTable>;
/** A stored answer as resume reads it. */
export interface SavedRow {
  item_key: string;
  seq: number;
  value_json: string;
  flagged: number;
}
/** A notice to the room or a warning to one attempt. */
export interface NoticeRow {
  kind: string;
  description: string;
  at: string;
  attempt_id: number | null;
}

/** Key of an attempt by its sitting and candidate. */
export const attemptKey = (sittingId: number, candidateId: number) => `${sittingId}:${candidateId}`;

/** The batched reads of one server. */
export class ResumeLoaders {
  readonly seats: BatchLoader<number, Seat>;
  readonly attempts: BatchLoader<string, AttemptRow>;
  readonly answers: BatchLoader<number, SavedRow[]>;
  readonly notices: BatchLoader<string, NoticeRow[]>;

  constructor(db: Kysely<Database>) {
    this.seats = new BatchLoader((ids) => loadSeats(db, ids));
    this.attempts = new BatchLoader(async (keys) => {
      const pairs = keys.map((k) => k.split(':').map(Number) as [number, number]);
      const rows = await db
        .selectFrom('attempts')
        .selectAll()
        .where('sitting_id', 'in', [...new Set(pairs.map((p) => p[0]))])
        .where('candidate_id', 'in', [...new Set(pairs.map((p) => p[1]))])
        .execute();
      return new Map(rows.map((r) => [attemptKey(r.sitting_id, r.candidate_id), r]));
    });
    this.answers = new BatchLoader(async (ids) => {
      const rows = await db.selectFrom('responses').select(['attempt_id', 'item_key', 'seq', 'value_json', 'flagged']).where('attempt_id', 'in', ids).execute();
      const out = new Map<number, SavedRow[]>();
      for (const r of rows) {
        const list = out.get(r.attempt_id) ?? [];
        list.push({ item_key: r.item_key, seq: Number(r.seq), value_json: r.value_json, flagged: Number(r.flagged) });
        out.set(r.attempt_id, list);
      }
      return out;
    });
    this.notices = new BatchLoader(async (keys) => {
      const pairs = keys.map((k) => k.split(':').map(Number) as [number, number]);
      const rows = await db
        .selectFrom('incidents')
        .select(['sitting_id', 'room_id', 'kind', 'description', 'at', 'attempt_id'])
        .where('sitting_id', 'in', [...new Set(pairs.map((p) => p[0]))])
        .where('room_id', 'in', [...new Set(pairs.map((p) => p[1]))])
        .where('kind', 'in', ['notice', 'warning'])
        .orderBy('at', 'desc')
        .execute();
      const out = new Map<string, NoticeRow[]>();
      for (const r of rows) {
        const k = `${r.sitting_id}:${r.room_id}`;
        const list = out.get(k) ?? [];
        if (list.length < 200) list.push(r);
        out.set(k, list);
      }
      return out;
    });
  }
}
