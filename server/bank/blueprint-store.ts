/**
 * 鉴定要素细目表 (blueprints) and 试卷结构 (paper specs) in the database: one of each per occupation × level ×
 * component. The tree and the spec are stored as JSON (`tree_json`, `spec_json`) and always validated with
 * the domain's own rules before they are written, so a stored blueprint is one the assembly accepts.
 */
import type { Kysely, Selectable } from 'kysely';
import {
  validateBlueprint,
  validateSections,
  PaperSpecInvalid,
  type Blueprint,
  type BlueprintNode,
  type CellCountTable,
  type Component,
  type Level,
  type PaperSpec,
} from '../../question-bank';
import type { BlueprintTable, Database, PaperSpecTable } from '../db/schema';
import { NotFound } from '../errors';

/** What `tree_json` holds. */
export interface StoredTree {
  ranges: BlueprintNode[];
  explicitCounts?: CellCountTable;
}

/** The API view of a blueprint row. */
export interface PublicBlueprint {
  id: number;
  occupationId: number;
  occupationCode: string;
  level: number;
  component: Component;
  name: string;
  ranges: BlueprintNode[];
  explicitCounts: CellCountTable | null;
  updatedAt: string;
}

/** The API view of a spec row (the domain `PaperSpec` plus ids). */
export interface PublicSpec extends PaperSpec {
  id: number;
  occupationId: number;
  updatedAt: string;
}

/** The domain blueprint of a row. */
export function toBlueprint(row: Selectable<BlueprintTable>, occupationCode: string): Blueprint {
  const tree = JSON.parse(row.tree_json) as StoredTree;
  const bp: Blueprint = { occupationCode, level: row.level as Level, component: row.component as Component, ranges: tree.ranges };
  if (tree.explicitCounts && Object.keys(tree.explicitCounts).length > 0) bp.explicitCounts = tree.explicitCounts;
  return bp;
}

export function publicBlueprint(row: Selectable<BlueprintTable>, occupationCode: string): PublicBlueprint {
  const bp = toBlueprint(row, occupationCode);
  return {
    id: row.id,
    occupationId: row.occupation_id,
    occupationCode,
    level: row.level,
    component: row.component as Component,
    name: row.name,
    ranges: bp.ranges,
    explicitCounts: bp.explicitCounts ?? null,
    updatedAt: row.updated_at,
  };
}

export function publicSpec(row: Selectable<PaperSpecTable>): PublicSpec {
  return { ...(JSON.parse(row.spec_json) as PaperSpec), id: row.id, occupationId: row.occupation_id, updatedAt: row.updated_at };
}

/**
 * Throws `BlueprintInvalid` (every problem, by node code) unless the tree is well formed, then returns the
 * JSON to store. Example: `blueprintJson(bp)` → `'{"ranges":[…]}'`.
 */
export function blueprintJson(bp: Blueprint): string {
  validateBlueprint(bp);
  const tree: StoredTree = { ranges: bp.ranges };
  if (bp.explicitCounts && Object.keys(bp.explicitCounts).length > 0) tree.explicitCounts = bp.explicitCounts;
  return JSON.stringify(tree);
}

/** Total marks of a spec: Σ count × marks per item. */
export function specMaxMark(spec: PaperSpec): number {
  return Math.round(spec.sections.reduce((s, x) => s + x.count * x.marksPerItem, 0) * 1000) / 1000;
}

/**
 * Throws `PaperSpecInvalid` unless the spec is usable: sections valid for assembly, at least one item, a
 * duration, a pass mark within the total, a partial-credit rule with a positive credit per option.
 */
export function validateSpec(spec: PaperSpec): void {
  validateSections(spec);
  const max = specMaxMark(spec);
  const items = spec.sections.reduce((s, x) => s + x.count, 0);
  if (items === 0) throw new PaperSpecInvalid('试卷至少要有一道题', {});
  if (!(spec.durationMin > 0)) throw new PaperSpecInvalid(`考试时长 ${spec.durationMin} 分钟应大于 0`, { durationMin: spec.durationMin });
  if (!(spec.passMark > 0 && spec.passMark <= max)) {
    throw new PaperSpecInvalid(`合格分 ${spec.passMark} 应大于 0 且不超过总分 ${max}`, { passMark: spec.passMark, maxMark: max });
  }
  if (spec.multiRule.kind === 'partial' && !(spec.multiRule.perOption > 0)) {
    throw new PaperSpecInvalid('多选题部分得分规则的每个正确选项得分应大于 0', { multiRule: spec.multiRule });
  }
}

/** The blueprint of an occupation × level × component, or undefined. */
export async function findBlueprint(db: Kysely<Database>, occupationId: number, level: number, component: Component) {
  return db
    .selectFrom('blueprints')
    .selectAll()
    .where('occupation_id', '=', occupationId)
    .where('level', '=', level)
    .where('component', '=', component)
    .executeTakeFirst();
}

/** The paper spec of an occupation × level × component, or undefined. */
export async function findSpec(db: Kysely<Database>, occupationId: number, level: number, component: Component) {
  return db
    .selectFrom('paper_specs')
    .selectAll()
    .where('occupation_id', '=', occupationId)
    .where('level', '=', level)
    .where('component', '=', component)
    .executeTakeFirst();
}

/** Both, or `NotFound` naming the one that is missing (a build needs both). */
export async function requireBlueprintAndSpec(
  db: Kysely<Database>,
  occupation: { id: number; code: string },
  level: number,
  component: Component,
): Promise<{ blueprint: Blueprint; spec: PaperSpec; blueprintRow: Selectable<BlueprintTable> }> {
  const bpRow = await findBlueprint(db, occupation.id, level, component);
  if (!bpRow) throw new NotFound('鉴定要素细目表');
  const specRow = await findSpec(db, occupation.id, level, component);
  if (!specRow) throw new NotFound('试卷结构');
  return { blueprint: toBlueprint(bpRow, occupation.code), spec: JSON.parse(specRow.spec_json) as PaperSpec, blueprintRow: bpRow };
}
