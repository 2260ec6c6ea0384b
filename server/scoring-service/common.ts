/**
 * Shared pieces of the scoring service: the database type, the China calendar date of an instant, the
 * working-day calendar with the office's overrides, the batch an actor may touch, and small JSON helpers.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../auth/actor';
import type { BatchTable, CandidateTable, Database } from '../db/schema';
import { NotFound, StateConflict } from '../errors';
import { createWorkdayCalendar, type WorkdayCalendar } from '../exam-admin/rules';
import type { Component, Level } from '../../question-bank/types';

export type Db = Kysely<Database>;
export type BatchRow = Selectable<BatchTable>;
export type CandidateRow = Omit<Selectable<CandidateTable>, 'photo'>;

/** Components in canonical order. */
export { COMPONENTS } from '../../question-bank/vocabulary';

/** The calendar date in China of an instant (one definition, shared with exam administration). */
export { chinaDate } from '../exam-admin/common';

/** The working-day calendar: chinese-days' official data plus the office's override table (工作日调整表). */
export async function loadCalendar(db: Db): Promise<WorkdayCalendar> {
  const rows = await db.selectFrom('workday_overrides').selectAll().orderBy('date').execute();
  return createWorkdayCalendar({ overrides: rows.map((r) => ({ date: r.date, workday: !!r.workday, note: r.note })) });
}

/**
 * The batch with this id if it belongs to the actor's organization; another organization's batch is
 * reported as not found (its existence is not disclosed). Throws `NotFound`.
 */
export async function loadBatch(db: Db, actor: Actor, id: number): Promise<BatchRow> {
  const b = await db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!b || b.organization_id !== actor.organizationId) throw new NotFound('认定批次', id);
  return b;
}

/** Columns of a candidate without the photo (photos are read only where printed). */
export const CANDIDATE_COLUMNS = [
  'candidates.id', 'candidates.batch_id', 'candidates.occupation_id', 'candidates.level', 'candidates.name', 'candidates.gender',
  'candidates.id_type', 'candidates.id_number', 'candidates.birth_date', 'candidates.education', 'candidates.work_unit',
  'candidates.work_years', 'candidates.photo_type', 'candidates.eligibility_basis', 'candidates.components_json',
  'candidates.status', 'candidates.created_at', 'candidates.eligibility_json',
] as const;

/**
 * The candidate with this id if it belongs to the actor's organization (through its batch). Throws `NotFound`.
 */
export async function loadCandidate(db: Db, actor: Actor, id: number): Promise<CandidateRow & { organization_id: number }> {
  const c = await db
    .selectFrom('candidates')
    .innerJoin('batches', 'batches.id', 'candidates.batch_id')
    .select([...CANDIDATE_COLUMNS, 'batches.organization_id'])
    .where('candidates.id', '=', id)
    .executeTakeFirst();
  if (!c || c.organization_id !== actor.organizationId) throw new NotFound('考生', id);
  return c;
}

/** Parse stored JSON, or `fallback` when empty or malformed (old rows, hand edits). */
export function parseJson<T>(s: string | null | undefined, fallback: T): T {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

/** A stored level as the domain type (the column is a plain integer). */
export const asLevel = (n: number): Level => n as Level;

/** Chunk ids for `IN (…)` lists (SQLite allows at most 32,766 parameters, PostgreSQL 65,535). */
export function chunks<T>(list: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** True on PostgreSQL (row locks are taken explicitly there; SQLite transactions are serialised). */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

/** A unique-constraint violation of either driver (SQLite `SQLITE_CONSTRAINT_UNIQUE`, PostgreSQL 23505). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || (typeof err?.message === 'string' && err.message.includes('UNIQUE constraint failed'));
}

/**
 * Run `fn` in a transaction: a new one, or the caller's when `db` already is one (the demo seeder and
 * the regrade run several service steps inside one transaction).
 */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/**
 * Inside the transaction that writes a mark or record: refuse (409 `RESULTS_PUBLISHED`, with `message`) once
 * the batch's results are published. On PostgreSQL the batch row is share-locked, so a publish in progress
 * (which locks it for update, `lockBatchForPublish`) is waited for and then seen, and a publish waits for the
 * marks being written. Example: `await inTransaction(db, async (trx) => { await assertNotPublished(trx, id, '…'); … })`.
 */
export async function assertNotPublished(trx: Db, batchId: number, message: string): Promise<void> {
  if (isPostgres(trx)) await trx.selectFrom('batches').select('id').where('id', '=', batchId).forShare().execute();
  const pub = await trx.selectFrom('publicities').select('id').where('batch_id', '=', batchId).executeTakeFirst();
  if (pub) throw new StateConflict('RESULTS_PUBLISHED', message);
}

/** Inside the publishing transaction: lock the batch row on PostgreSQL so marks in flight finish first (SQLite transactions are serialised). */
export async function lockBatchForPublish(trx: Db, batchId: number): Promise<void> {
  if (isPostgres(trx)) await trx.selectFrom('batches').select('id').where('id', '=', batchId).forUpdate().execute();
}
