/**
 * Candidate rows as the API shows them, and the validation context (occupations, planned entries, today)
 * the pure rules need to check a registration.
 */
import type { Selectable } from 'kysely';
import { NotFound } from '../errors';
import type { CandidateTable } from '../db/schema';
import type { Level } from '../../question-bank/types';
import { chinaDate, parseJson, ruleOccupations, type ComponentName, type Db, type OccupationRow } from './common';
import type { EligibilityRecord } from './candidate-eligibility';
import { ID_TYPES, LEVEL_LABELS, validateIdNumber, type BatchEntry, type CandidateContext, type IdTypeCode } from './rules';

export type CandidateRow = Selectable<CandidateTable>;

/** Columns read for lists (everything except the photo bytes). */
export const CANDIDATE_COLUMNS_NO_PHOTO = [
  'candidates.id', 'candidates.batch_id', 'candidates.occupation_id', 'candidates.level', 'candidates.name', 'candidates.gender',
  'candidates.id_type', 'candidates.id_number', 'candidates.birth_date', 'candidates.education', 'candidates.work_unit',
  'candidates.work_years', 'candidates.photo_type', 'candidates.eligibility_basis', 'candidates.components_json',
  'candidates.status', 'candidates.created_at', 'candidates.eligibility_json',
] as const;

export type CandidateListRow = Omit<CandidateRow, 'photo'>;

export interface SeatInfo {
  sittingId: number;
  roomId: number;
  roomName: string;
  seat: number;
  ticketNo: string;
  ticketIssued: boolean;
}

/**
 * Problems with a stored ID number, re-checked on every read: records imported before a rule existed, or
 * written by other tools, are flagged rather than trusted.
 */
export function idProblemsOf(c: Pick<CandidateRow, 'id_type' | 'id_number' | 'birth_date' | 'gender'>, today: string): string[] {
  if (!(c.id_type in ID_TYPES)) return [`证件类型代码“${c.id_type}”不在代码表中`];
  const gender = c.gender === '男' || c.gender === '女' ? c.gender : null;
  const r = validateIdNumber(c.id_type as IdTypeCode, c.id_number, { birthDate: c.birth_date, gender, today });
  return r.ok ? [] : r.problems;
}

/** A candidate as the API shows it. */
export function publicCandidate(c: CandidateListRow, occ: Pick<OccupationRow, 'code' | 'name' | 'work_type'> | undefined, today: string, seat: SeatInfo | null = null) {
  const eligibility = parseJson<Partial<EligibilityRecord>>(c.eligibility_json, {});
  return {
    id: c.id,
    name: c.name,
    gender: c.gender,
    idType: c.id_type,
    idTypeName: ID_TYPES[c.id_type as IdTypeCode]?.name ?? c.id_type,
    idNumber: c.id_number,
    birthDate: c.birth_date,
    education: c.education,
    workUnit: c.work_unit,
    workYears: c.work_years,
    occupationId: c.occupation_id,
    occupationCode: occ?.code ?? '',
    occupationName: occ?.name ?? '',
    workType: occ?.work_type || null,
    level: c.level as Level,
    levelLabel: LEVEL_LABELS[c.level as Level],
    components: parseJson<ComponentName[]>(c.components_json, []),
    status: c.status,
    eligible: c.status !== 'ineligible',
    eligibilityBasis: c.eligibility_basis,
    eligibility: { declared: eligibility.declared ?? '', explicit: eligibility.explicit ?? {}, facts: eligibility.facts ?? {}, problems: eligibility.problems ?? [], asOf: eligibility.asOf ?? null },
    /** The rules' own verdict (what a withdrawn manual decision falls back to). */
    rulesEligible: eligibility.eligible ?? c.status !== 'ineligible',
    rulesBasis: eligibility.basis ?? '',
    /** 人工认定, when the office decided itself. */
    manualDecision: eligibility.manual ?? null,
    idProblems: idProblemsOf(c, today),
    hasPhoto: c.photo_type !== null,
    seat,
    createdAt: c.created_at,
  };
}

export type PublicCandidate = ReturnType<typeof publicCandidate>;

/** The batch's planned entries as the rules see them. */
export async function ruleEntries(db: Db, batchId: number, occupations: readonly OccupationRow[]): Promise<BatchEntry[]> {
  const rows = await db.selectFrom('batch_entries').selectAll().where('batch_id', '=', batchId).execute();
  return rows.flatMap((r) => {
    const o = occupations.find((x) => x.id === r.occupation_id);
    return o ? [{ occupationCode: o.code, workType: o.work_type || null, level: r.level as Level, components: parseJson<ComponentName[]>(r.components_json, []) }] : [];
  });
}

/** Everything `validateCandidate` needs for one batch, plus the occupation rows to map codes back to ids. */
export async function candidateContext(db: Db, batchId: number, now: Date): Promise<{ ctx: CandidateContext; occupations: OccupationRow[]; entries: BatchEntry[] }> {
  const occupations = await db.selectFrom('occupations').selectAll().execute();
  const entries = await ruleEntries(db, batchId, occupations);
  return { ctx: { today: chinaDate(now), occupations: ruleOccupations(occupations), entries }, occupations, entries };
}

/** The occupation row of a checked record (code + 工种). */
export function occupationRowOf(occupations: readonly OccupationRow[], code: string, workType: string | null): OccupationRow | undefined {
  return occupations.find((o) => o.code === code && (o.work_type || null) === workType);
}

/** Seats of candidates (their theory seat, the one the ticket number belongs to). */
export async function seatsOf(db: Db, batchId: number): Promise<Map<number, SeatInfo>> {
  const rows = await db
    .selectFrom('seat_assignments')
    .innerJoin('sittings', 'sittings.id', 'seat_assignments.sitting_id')
    .innerJoin('rooms', 'rooms.id', 'seat_assignments.room_id')
    .select(['seat_assignments.candidate_id', 'seat_assignments.sitting_id', 'seat_assignments.room_id', 'rooms.name', 'seat_assignments.seat_no', 'seat_assignments.ticket_no', 'seat_assignments.ticket_issued'])
    .where('sittings.batch_id', '=', batchId)
    .orderBy('sittings.date')
    .execute();
  const out = new Map<number, SeatInfo>();
  for (const r of rows) {
    if (!out.has(r.candidate_id)) {
      out.set(r.candidate_id, { sittingId: r.sitting_id, roomId: r.room_id, roomName: r.name, seat: r.seat_no, ticketNo: r.ticket_no, ticketIssued: !!r.ticket_issued });
    }
  }
  return out;
}

/** One candidate of the batch as the API shows it (with seat); `NotFound` when not in this batch. */
export async function showCandidate(db: Db, batchId: number, id: number, now: Date): Promise<PublicCandidate> {
  const row = await db.selectFrom('candidates').select(CANDIDATE_COLUMNS_NO_PHOTO).where('candidates.id', '=', id).where('candidates.batch_id', '=', batchId).executeTakeFirst();
  if (!row) throw new NotFound('考生', id);
  const occ = await db.selectFrom('occupations').selectAll().where('id', '=', row.occupation_id).executeTakeFirst();
  const seat = (await seatsOf(db, batchId)).get(id) ?? null;
  return publicCandidate(row as CandidateListRow, occ, chinaDate(now), seat);
}
