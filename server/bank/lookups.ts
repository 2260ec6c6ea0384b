/**
 * Small lookups the bank routes share: the occupation an item or paper belongs to, and the name of the
 * organization printed on documents.
 */
import type { Kysely } from 'kysely';
import type { Level } from '../../question-bank';
import type { Database } from '../db/schema';
import { NotFound, ValidationFailed } from '../errors';

/** An occupation as the bank needs it: id for foreign keys, code for the domain, name for print. */
export interface OccupationRef {
  id: number;
  code: string;
  name: string;
  workType: string | null;
  levels: Level[];
}

/**
 * The occupation by id; throws `NotFound` when it does not exist and `ValidationFailed` when the level is
 * not one the occupation has (e.g. 五级 of an occupation that starts at 四级).
 */
export async function occupationFor(db: Kysely<Database>, occupationId: number, level?: number): Promise<OccupationRef> {
  const row = await db.selectFrom('occupations').selectAll().where('id', '=', occupationId).executeTakeFirst();
  if (!row) throw new NotFound('职业', occupationId);
  const levels = JSON.parse(row.levels_json) as Level[];
  if (level !== undefined && !levels.includes(level as Level)) {
    throw new ValidationFailed([{ field: 'level', problem: `职业“${row.name}”没有 ${level} 级` }]);
  }
  return { id: row.id, code: row.code, name: row.name, workType: row.work_type || null, levels };
}

/** Name of the actor's organization (评价机构) for document headers; the first one when the actor has none. */
export async function organizationName(db: Kysely<Database>, organizationId: number | null): Promise<string> {
  let q = db.selectFrom('organizations').select('name').orderBy('id').limit(1);
  if (organizationId !== null) q = q.where('id', '=', organizationId);
  const row = await q.executeTakeFirst();
  return row?.name ?? '';
}

/** 五级 … 一级 as written on papers and in the UI. */
export const LEVEL_NAMES: Record<Level, string> = {
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
};
