/**
 * Paper sets and papers in the database. A set stores what reproduces it (seed, algorithm version, bank
 * snapshot hash) and its quality figures; each paper stores the domain `Paper` (pinned item versions, keys,
 * marks) as `content_json`. Items a set uses are locked, so their texts never change under a paper.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Component, FormStats, Paper, ParallelDeviation, ParallelPapers, Violation } from '../../question-bank';
import type { Database, PaperSetTable, PaperStatus, PaperTable } from '../db/schema';
import { NotFound } from '../errors';
import { pinnedRows } from './item-store';
import { addLedger } from './paper-lifecycle';

/** What `paper_sets.quality_json` holds. */
export interface SetQuality {
  stats: FormStats[];
  deviation: ParallelDeviation;
  overlap: Record<string, number>;
  options: ParallelPapers['options'];
  /** Hard-rule violations found by the independent checker (always empty for a stored set). */
  violations: Violation[];
  /** Items in the bank the set was drawn from (eligible ones). */
  eligibleItems: number;
  /** Milliseconds the assembly took. */
  buildMs: number;
}

export interface PaperSummary {
  id: number;
  form: string;
  status: PaperStatus;
  approvedBy: number | null;
  approvedByName: string | null;
  approvedAt: string | null;
}

/** The API view of a paper set. */
export interface PublicPaperSet {
  id: number;
  occupationId: number;
  occupationCode: string;
  occupationName: string;
  level: number;
  component: Component;
  seed: string;
  algorithmVersion: string;
  bankHash: string;
  quality: SetQuality;
  createdBy: number;
  createdByName: string;
  createdAt: string;
  papers: PaperSummary[];
}

/**
 * Store a built set in the caller's transaction: the set, one paper per form (status `built`), a `built` ledger
 * row per paper, and lock every item version the papers use. Returns the new ids.
 */
export async function storePaperSet(
  trx: Kysely<Database>,
  input: {
    occupationId: number;
    level: number;
    component: Component;
    result: ParallelPapers;
    quality: SetQuality;
    userId: number;
    now: string;
  },
): Promise<{ setId: number; paperIds: Record<string, number> }> {
  const { result } = input;
  const set = await trx
    .insertInto('paper_sets')
    .values({
      occupation_id: input.occupationId,
      level: input.level,
      component: input.component,
      seed: result.seed,
      algorithm_version: result.algorithmVersion,
      bank_hash: result.bankHash,
      quality_json: JSON.stringify(input.quality),
      created_by: input.userId,
      created_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const paperIds: Record<string, number> = {};
  for (const paper of result.papers) {
    const row = await trx
      .insertInto('papers')
      .values({ paper_set_id: set.id, form: paper.form, status: 'built', content_json: JSON.stringify(paper), created_at: input.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    paperIds[paper.form] = row.id;
    await addLedger(trx, { paperId: row.id, event: 'built', actorId: input.userId, note: `种子 ${result.seed}`, at: input.now });
  }
  const pins = result.papers.flatMap((p) => p.items);
  const rows = await pinnedRows(trx, pins);
  const ids = [...new Set(pins.map((p) => rows.get(`${p.itemId}@${p.version}`)?.id).filter((id): id is number => id !== undefined))];
  for (let i = 0; i < ids.length; i += 500) {
    await trx.updateTable('items').set({ locked: 1 }).where('id', 'in', ids.slice(i, i + 500)).execute();
  }
  return { setId: set.id, paperIds };
}

type SetRow = Selectable<PaperSetTable>;

async function userNames(db: Kysely<Database>, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/**
 * A set's quality figures with defaults for anything missing: sets stored by other means (imported, or
 * written by older code) may carry less, and the pages still show them.
 */
export function readQuality(json: string): SetQuality {
  const q = JSON.parse(json) as Partial<SetQuality>;
  return {
    stats: q.stats ?? [],
    deviation: q.deviation ?? { largest: 0, meanDifficulty: 0, meanDiscrimination: 0, importance: 0, rangeMarks: 0 },
    overlap: q.overlap ?? {},
    options: q.options ?? { forms: 0, maxOverlap: 0, maxExposure: null, maxIterations: 0 },
    violations: q.violations ?? [],
    eligibleItems: q.eligibleItems ?? 0,
    buildMs: q.buildMs ?? 0,
  };
}

async function viewSets(db: Kysely<Database>, sets: SetRow[]): Promise<PublicPaperSet[]> {
  if (sets.length === 0) return [];
  const papers = await db
    .selectFrom('papers')
    .select(['id', 'paper_set_id', 'form', 'status', 'approved_by', 'approved_at'])
    .where('paper_set_id', 'in', sets.map((s) => s.id))
    .orderBy('form')
    .execute();
  const occs = await db.selectFrom('occupations').select(['id', 'code', 'name']).where('id', 'in', [...new Set(sets.map((s) => s.occupation_id))]).execute();
  const occ = new Map(occs.map((o) => [o.id, o]));
  const names = await userNames(db, [...sets.map((s) => s.created_by), ...papers.map((p) => p.approved_by)]);
  return sets.map((s) => ({
    id: s.id,
    occupationId: s.occupation_id,
    occupationCode: occ.get(s.occupation_id)?.code ?? '',
    occupationName: occ.get(s.occupation_id)?.name ?? '',
    level: s.level,
    component: s.component as Component,
    seed: s.seed,
    algorithmVersion: s.algorithm_version,
    bankHash: s.bank_hash,
    quality: readQuality(s.quality_json),
    createdBy: s.created_by,
    createdByName: names.get(s.created_by) ?? '',
    createdAt: s.created_at,
    papers: papers
      .filter((p) => p.paper_set_id === s.id)
      .map((p) => ({
        id: p.id,
        form: p.form,
        status: p.status,
        approvedBy: p.approved_by,
        approvedByName: p.approved_by === null ? null : (names.get(p.approved_by) ?? null),
        approvedAt: p.approved_at,
      })),
  }));
}

/** Paper sets, newest first, optionally of one occupation × level. */
export async function listPaperSets(db: Kysely<Database>, f: { occupationId?: number; level?: number; limit: number }): Promise<PublicPaperSet[]> {
  let q = db.selectFrom('paper_sets').selectAll();
  if (f.occupationId !== undefined) q = q.where('occupation_id', '=', f.occupationId);
  if (f.level !== undefined) q = q.where('level', '=', f.level);
  return viewSets(db, await q.orderBy('id', 'desc').limit(f.limit).execute());
}

/** One paper set; throws `NotFound`. */
export async function loadPaperSet(db: Kysely<Database>, id: number): Promise<PublicPaperSet> {
  const row = await db.selectFrom('paper_sets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('试卷组', id);
  return (await viewSets(db, [row]))[0]!;
}

/** One paper row with its set; throws `NotFound`. */
export async function loadPaper(db: Kysely<Database>, id: number): Promise<{ paper: Selectable<PaperTable>; set: SetRow; content: Paper }> {
  const paper = await db.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!paper) throw new NotFound('试卷', id);
  const set = await db.selectFrom('paper_sets').selectAll().where('id', '=', paper.paper_set_id).executeTakeFirstOrThrow();
  return { paper, set, content: JSON.parse(paper.content_json) as Paper };
}

/** The public summary of a paper row, e.g. for audit `before`/`after`. */
export function paperState(p: Selectable<PaperTable>) {
  return { id: p.id, setId: p.paper_set_id, form: p.form, status: p.status, approvedBy: p.approved_by, approvedAt: p.approved_at };
}
