/**
 * View models for the printed documents of a batch (server/documents takes plain data): admission
 * tickets, room door lists, candidate and staff sign-in sheets, and the 认定计划 rows.
 */
import type {
  AdmissionTicket,
  CandidateSignInSheet,
  PlanRow,
  RoomDoorList,
  RoomSitting,
  SeatEntry,
  StaffEntry,
  StaffSignInSheet,
  TicketSitting,
} from '../documents';
import type { Level } from '../../question-bank/types';
import { endTime, parseJson, type BatchRow, type ComponentName, type Db } from './common';
import { batchRooms } from './seating-data';
import { batchStaff, groupShares } from './staff-data';
import { sittingCandidates } from './seating-data';
import { ID_TYPES, type IdTypeCode } from './rules';
import { batchEntries, batchSittings } from './batch-view';

type SittingRow = Awaited<ReturnType<typeof loadSittings>>[number];

function loadSittings(db: Db, batchId: number, sittingId?: number) {
  let q = db.selectFrom('sittings').selectAll().where('batch_id', '=', batchId);
  if (sittingId) q = q.where('id', '=', sittingId);
  return q.orderBy('date').orderBy('start_time').orderBy('id').execute();
}

function roomSitting(batch: BatchRow, s: SittingRow, room: string): RoomSitting {
  return { batchName: batch.name, component: s.component as ComponentName, date: s.date, start: s.start_time, end: endTime(s.start_time, s.duration_min), venue: s.venue, room };
}

/** Room label on tickets and lists: name, and the room's own location when it says more than the venue. */
function roomLabel(room: { name: string; venue: string }, sittingVenue: string): string {
  return room.venue && room.venue !== sittingVenue ? `${room.name}（${room.venue}）` : room.name;
}

/**
 * Seats of the batch's theory sittings with everything a list prints, per sitting and room in
 * 考场号/seat order.
 */
async function seatedRooms(db: Db, batch: BatchRow, sittingId?: number) {
  const sittings = (await loadSittings(db, batch.id, sittingId)).filter((s) => s.component === 'theory');
  const rooms = await batchRooms(db, batch.id);
  const out: { sitting: SittingRow; room: (typeof rooms)[number]; seats: SeatEntry[] }[] = [];
  for (const s of sittings) {
    const rows = await db
      .selectFrom('seat_assignments')
      .innerJoin('candidates', 'candidates.id', 'seat_assignments.candidate_id')
      .innerJoin('occupations', 'occupations.id', 'candidates.occupation_id')
      .select(['seat_assignments.room_id', 'seat_assignments.seat_no', 'seat_assignments.ticket_no', 'candidates.name', 'candidates.id_number', 'candidates.level', 'occupations.name as occupation', 'occupations.work_type'])
      .where('seat_assignments.sitting_id', '=', s.id)
      .orderBy('seat_assignments.seat_no')
      .execute();
    for (const room of rooms) {
      const mine = rows.filter((r) => r.room_id === room.id);
      if (mine.length === 0) continue;
      out.push({
        sitting: s,
        room,
        seats: mine.map((r) => ({ seat: r.seat_no, ticketNumber: r.ticket_no, name: r.name, occupationName: r.occupation, workType: r.work_type || null, level: r.level as Level, idNumber: r.id_number })),
      });
    }
  }
  return out;
}

/** 考场门贴 of every seated room (optionally one sitting). */
export async function doorLists(db: Db, batch: BatchRow, sittingId?: number): Promise<RoomDoorList[]> {
  return (await seatedRooms(db, batch, sittingId)).map((r) => ({ sitting: roomSitting(batch, r.sitting, roomLabel(r.room, r.sitting.venue)), seats: r.seats }));
}

/** 考生签到表: theory rooms, then practical/review groups (their candidates numbered in group order). */
export async function candidateSignIn(db: Db, batch: BatchRow, sittingId?: number): Promise<CandidateSignInSheet[]> {
  const sheets: CandidateSignInSheet[] = (await seatedRooms(db, batch, sittingId)).map((r) => ({ sitting: roomSitting(batch, r.sitting, roomLabel(r.room, r.sitting.venue)), seats: r.seats }));
  const staff = await batchStaff(db, batch.id);
  const tickets = await ticketNumbers(db, batch.id);
  for (const s of (await loadSittings(db, batch.id, sittingId)).filter((x) => x.component !== 'theory')) {
    const names = staff.filter((x) => x.sittingId === s.id && (x.duty === 'examiner' || x.duty === 'leader')).map((x) => x.groupName ?? '');
    const candidates = await sittingCandidates(db, s);
    const shares = names.length ? groupShares(candidates, names) : new Map([['--', candidates]]);
    for (const [name, share] of shares) {
      if (share.length === 0) continue;
      sheets.push({
        sitting: roomSitting(batch, s, name === '--' ? '技能考核场地' : `考评组 ${name}`),
        seats: share.map((c, i) => ({ seat: i + 1, ticketNumber: tickets.get(c.candidateId) ?? '--', name: c.name, occupationName: c.occupationName, workType: c.workType, level: c.level, idNumber: c.idNumber })),
      });
    }
  }
  return sheets;
}

/** 考务人员签到表: proctors per theory room, examiners per group; the supervisor signs on each sitting's first sheet. */
export async function staffSignIn(db: Db, batch: BatchRow, sittingId?: number): Promise<StaffSignInSheet[]> {
  const staff = await batchStaff(db, batch.id);
  const rooms = await batchRooms(db, batch.id);
  const supervisor = staff.find((s) => s.duty === 'supervisor');
  const sheets: StaffSignInSheet[] = [];
  for (const s of await loadSittings(db, batch.id, sittingId)) {
    const mine = staff.filter((x) => x.sittingId === s.id);
    const groups = new Map<string, StaffEntry[]>();
    for (const m of mine) {
      const room = rooms.find((r) => r.id === m.roomId);
      const key = m.duty === 'proctor' ? (room ? roomLabel(room, s.venue) : '考场') : `考评组 ${m.groupName ?? ''}`;
      const entry: StaffEntry = { name: m.duty === 'leader' ? `${m.name}（组长）` : m.name, role: m.duty === 'proctor' ? 'proctor' : 'examiner', unit: m.workUnit };
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    let first = true;
    for (const [room, list] of groups) {
      const withSupervisor = first && supervisor ? [...list, { name: supervisor.name, role: 'supervisor' as const, unit: supervisor.workUnit }] : list;
      sheets.push({ sitting: roomSitting(batch, s, room), staff: withSupervisor });
      first = false;
    }
  }
  return sheets;
}

/** Each seated candidate's ticket number (their theory seat). */
async function ticketNumbers(db: Db, batchId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('seat_assignments')
    .innerJoin('sittings', 'sittings.id', 'seat_assignments.sitting_id')
    .select(['seat_assignments.candidate_id', 'seat_assignments.ticket_no'])
    .where('sittings.batch_id', '=', batchId)
    .orderBy('sittings.date')
    .execute();
  const out = new Map<number, string>();
  for (const r of rows) if (!out.has(r.candidate_id)) out.set(r.candidate_id, r.ticket_no);
  return out;
}

/**
 * 准考证 of seated candidates (optionally one candidate), in ticket-number order: every component the
 * candidate takes with its sitting; the theory line carries room and seat, practical lines the group.
 */
export async function admissionTickets(db: Db, batch: BatchRow, candidateId?: number): Promise<AdmissionTicket[]> {
  const sittings = await loadSittings(db, batch.id);
  const covers = sittings.length ? await db.selectFrom('sitting_papers').select(['sitting_id', 'occupation_id', 'level']).where('sitting_id', 'in', sittings.map((s) => s.id)).execute() : [];
  const rooms = await batchRooms(db, batch.id);
  const staff = await batchStaff(db, batch.id);
  let q = db
    .selectFrom('seat_assignments')
    .innerJoin('sittings', 'sittings.id', 'seat_assignments.sitting_id')
    .innerJoin('candidates', 'candidates.id', 'seat_assignments.candidate_id')
    .innerJoin('occupations', 'occupations.id', 'candidates.occupation_id')
    .select([
      'seat_assignments.sitting_id', 'seat_assignments.room_id', 'seat_assignments.seat_no', 'seat_assignments.ticket_no',
      'candidates.id', 'candidates.name', 'candidates.id_type', 'candidates.id_number', 'candidates.photo', 'candidates.level', 'candidates.occupation_id', 'candidates.components_json',
      'occupations.name as occupation', 'occupations.work_type',
    ])
    .where('sittings.batch_id', '=', batch.id);
  if (candidateId) q = q.where('candidates.id', '=', candidateId);
  const rows = await q.orderBy('seat_assignments.ticket_no').execute();
  // Group membership per practical/review sitting, to print the group on those lines.
  const groupOf = new Map<string, string>();
  for (const s of sittings.filter((x) => x.component !== 'theory')) {
    const names = staff.filter((x) => x.sittingId === s.id && (x.duty === 'examiner' || x.duty === 'leader')).map((x) => x.groupName ?? '');
    if (names.length === 0) continue;
    for (const [name, share] of groupShares(await sittingCandidates(db, s), names)) for (const c of share) groupOf.set(`${s.id}/${c.candidateId}`, name);
  }
  const seen = new Set<number>();
  const tickets: AdmissionTicket[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const lines: TicketSitting[] = [];
    for (const comp of parseJson<ComponentName[]>(r.components_json, [])) {
      // The seat's own sitting counts for its component even if its coverage rows were never written.
      const s =
        sittings.find((x) => x.component === comp && covers.some((c) => c.sitting_id === x.id && c.occupation_id === r.occupation_id && c.level === r.level)) ??
        sittings.find((x) => x.id === r.sitting_id && x.component === comp);
      if (!s) continue;
      const room = rooms.find((x) => x.id === r.room_id);
      lines.push(
        s.id === r.sitting_id
          ? { component: comp, date: s.date, start: s.start_time, end: endTime(s.start_time, s.duration_min), venue: s.venue, room: room ? roomLabel(room, s.venue) : '--', seat: r.seat_no }
          : { component: comp, date: s.date, start: s.start_time, end: endTime(s.start_time, s.duration_min), venue: s.venue, room: groupOf.has(`${s.id}/${r.id}`) ? `考评组 ${groupOf.get(`${s.id}/${r.id}`)}` : '--', seat: null },
      );
    }
    lines.sort((a, b) => (a.date + a.start < b.date + b.start ? -1 : 1));
    tickets.push({
      ticketNumber: r.ticket_no,
      name: r.name,
      idTypeName: ID_TYPES[r.id_type as IdTypeCode]?.name ?? r.id_type,
      idNumber: r.id_number,
      photo: r.photo ? new Uint8Array(r.photo) : null,
      occupationName: r.occupation,
      workType: r.work_type || null,
      level: r.level as Level,
      sittings: lines,
      batchName: batch.name,
    });
  }
  return tickets;
}

/** 认定计划 rows: one per occupation (工种) with registered eligible counts per level, its sittings, venues and examiners. */
export async function planRows(db: Db, batch: BatchRow): Promise<PlanRow[]> {
  const entries = await batchEntries(db, batch.id);
  const sittings = await batchSittings(db, batch.id);
  const staff = await batchStaff(db, batch.id);
  const rows = new Map<number, PlanRow>();
  for (const e of entries) {
    const row = rows.get(e.occupationId) ?? { occupationName: e.name, workType: e.workType, counts: {}, sittings: [], venue: '', examiners: [] };
    row.counts[e.level] = (row.counts[e.level] ?? 0) + (e.candidates - e.ineligible);
    const mine = sittings.filter((s) => s.entries.some((x) => x.occupationId === e.occupationId && x.level === e.level));
    for (const s of mine) {
      if (!row.sittings.some((x) => x.date === s.date && x.start === s.startTime && x.component === s.component)) {
        row.sittings.push({ component: s.component, date: s.date, start: s.startTime, end: s.endTime });
      }
      if (!row.venue.split('、').includes(s.venue)) row.venue = row.venue ? `${row.venue}、${s.venue}` : s.venue;
      for (const m of staff.filter((x) => x.sittingId === s.id && (x.duty === 'examiner' || x.duty === 'leader'))) {
        if (!row.examiners.includes(m.name)) row.examiners.push(m.name);
      }
    }
    rows.set(e.occupationId, row);
  }
  for (const r of rows.values()) r.sittings.sort((a, b) => (a.date + a.start < b.date + b.start ? -1 : 1));
  return [...rows.values()];
}
