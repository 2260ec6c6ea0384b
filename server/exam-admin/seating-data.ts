/**
 * Rooms and seats of a batch as the seating rules see them: `Room` with its 考场号, the candidates of a
 * theory sitting with the paper they sit, and the current assignments.
 */
import type { Selectable } from 'kysely';
import type { RoomTable } from '../db/schema';
import type { Level } from '../../question-bank/types';
import { parseJson, type Db } from './common';
import type { Room, SeatAssignment, SeatingCandidate } from './rules';

export type RoomRow = Selectable<RoomTable>;

/** The 考场号 of a room: stored, or its position in the batch for rooms made before it was stored. */
export function roomNoOf(room: RoomRow, all: readonly RoomRow[]): number {
  if (room.room_no != null) return room.room_no;
  const sorted = [...all].sort((a, b) => a.id - b.id);
  return sorted.findIndex((r) => r.id === room.id) + 1;
}

/** A room row as the rules see it: rows = capacity ÷ columns, rounded up. */
export function ruleRoom(room: RoomRow, all: readonly RoomRow[]): Room {
  return {
    id: String(room.id),
    roomNo: roomNoOf(room, all),
    name: room.name,
    columns: room.columns,
    rows: Math.max(1, Math.ceil(room.capacity / Math.max(1, room.columns))),
    capacity: room.capacity,
  };
}

export async function batchRooms(db: Db, batchId: number): Promise<RoomRow[]> {
  const rows = await db.selectFrom('rooms').selectAll().where('batch_id', '=', batchId).execute();
  return rows.sort((a, b) => roomNoOf(a, rows) - roomNoOf(b, rows));
}

export interface SittingCandidate extends SeatingCandidate {
  candidateId: number;
  name: string;
  occupationId: number;
  occupationName: string;
  workType: string | null;
  idNumber: string;
  workUnit: string;
}

/**
 * Candidates who sit a sitting: eligible, registered for an entry the sitting covers, and taking its
 * component. The paper key is the paper (or paper set) the entry draws from, so neighbours with equal
 * keys would see the same questions.
 */
export async function sittingCandidates(db: Db, sitting: { id: number; batch_id: number; component: string }): Promise<SittingCandidate[]> {
  const covered = await db.selectFrom('sitting_papers').selectAll().where('sitting_id', '=', sitting.id).execute();
  if (covered.length === 0) return [];
  const rows = await db
    .selectFrom('candidates')
    .innerJoin('occupations', 'occupations.id', 'candidates.occupation_id')
    .select(['candidates.id', 'candidates.name', 'candidates.occupation_id', 'candidates.level', 'candidates.components_json', 'candidates.id_number', 'candidates.work_unit', 'occupations.code', 'occupations.name as occupation_name', 'occupations.work_type'])
    .where('candidates.batch_id', '=', sitting.batch_id)
    .where('candidates.status', '!=', 'ineligible')
    .orderBy('candidates.id')
    .execute();
  return rows.flatMap((r) => {
    const cover = covered.find((p) => p.occupation_id === r.occupation_id && p.level === r.level);
    if (!cover || !parseJson<string[]>(r.components_json, []).includes(sitting.component)) return [];
    const paper = cover.paper_id != null ? `paper${cover.paper_id}` : cover.paper_set_id != null ? `set${cover.paper_set_id}` : 'unassigned';
    return [{
      id: String(r.id),
      candidateId: r.id,
      name: r.name,
      occupationId: r.occupation_id,
      occupationCode: `${r.code}${r.work_type ? `/${r.work_type}` : ''}`,
      occupationName: r.occupation_name,
      workType: r.work_type || null,
      level: r.level as Level,
      paperKey: `${r.occupation_id}/${r.level}/${sitting.component}/${paper}`,
      idNumber: r.id_number,
      workUnit: r.work_unit,
    }];
  });
}

export interface StoredSeat extends SeatAssignment {
  id: number;
  ticketNo: string;
  ticketIssued: boolean;
}

export async function sittingSeats(db: Db, sittingId: number): Promise<StoredSeat[]> {
  const rows = await db.selectFrom('seat_assignments').selectAll().where('sitting_id', '=', sittingId).orderBy('room_id').orderBy('seat_no').execute();
  return rows.map((r) => ({ id: r.id, candidateId: String(r.candidate_id), roomId: String(r.room_id), seat: r.seat_no, ticketNo: r.ticket_no, ticketIssued: !!r.ticket_issued }));
}
