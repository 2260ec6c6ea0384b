/**
 * Item counts per cell (lowest 鉴定范围 × item type) of one paper, derived from the 鉴定比重 by the
 * largest remainder method, or taken from explicit counts.
 */
import {
  BlueprintInvalid,
  blueprintCells,
  countTableProblems,
  validateBlueprint,
  type Blueprint,
  type CellCountTable,
} from './blueprint-tree';
import { DomainError } from './errors';
import type { ItemType, PaperSpec } from './types';

/** How many items of `type` one paper takes from cell `cell` (a lowest range code, e.g. `A-B`). */
export interface CellQuota {
  cell: string;
  type: ItemType;
  count: number;
}

/** The paper spec's sections are unusable for assembly (duplicate type, bad count or marks). */
export class PaperSpecInvalid extends DomainError {
  constructor(problem: string, details: Record<string, unknown>) {
    super('PAPER_SPEC_INVALID', `试卷结构有误：${problem}`, 'invalid', details);
  }
}

/** Explicit counts of a type do not add up to the section's count in the spec. */
export class CellCountsMismatch extends DomainError {
  constructor(type: ItemType, given: number, expected: number) {
    super('CELL_COUNTS_MISMATCH', `指定的 ${type} 题量合计 ${given} 题，与试卷结构要求的 ${expected} 题不符`, 'invalid', {
      type,
      given,
      expected,
    });
  }
}

/** Throws `PaperSpecInvalid` unless each section has a distinct type, an integer count ≥ 0 and marks > 0. */
export function validateSections(spec: PaperSpec): void {
  const seen = new Set<ItemType>();
  for (const s of spec.sections) {
    if (seen.has(s.type)) throw new PaperSpecInvalid(`题型 ${s.type} 出现在多个部分`, { type: s.type });
    seen.add(s.type);
    if (!Number.isInteger(s.count) || s.count < 0) {
      throw new PaperSpecInvalid(`题型 ${s.type} 的题量 ${s.count} 不是非负整数`, { type: s.type, count: s.count });
    }
    if (!(Number.isFinite(s.marksPerItem) && s.marksPerItem > 0)) {
      throw new PaperSpecInvalid(`题型 ${s.type} 的每题分值 ${s.marksPerItem} 不是正数`, { type: s.type });
    }
  }
}

/**
 * Split `total` items over weights so that the parts add up exactly: floor of each exact share, then
 * one more to the largest remainders. Ties go to the larger weight, then to the earlier position, so
 * the split is deterministic. Example: `largestRemainder(10, [50, 30, 20])` → `[5, 3, 2]`.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (total === 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map((e) => Math.floor(e + 1e-9));
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = weights
    .map((w, i) => ({ i, w, rem: exact[i]! - parts[i]! }))
    .sort((a, b) => (Math.abs(a.rem - b.rem) > 1e-9 ? b.rem - a.rem : b.w !== a.w ? b.w - a.w : a.i - b.i));
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) parts[order[j]!.i]! += 1;
  return parts;
}

/**
 * Item counts for every cell × section type, in section order then blueprint order.
 * Per type, counts come from `explicitCounts` (argument, else `blueprint.explicitCounts`) when that
 * table names the type, otherwise from the cells' weights by the largest remainder method, so each
 * type's counts add up exactly to its section count.
 *
 * Throws `BlueprintInvalid`, `PaperSpecInvalid`, or `CellCountsMismatch` when an explicit table does
 * not add up to a section's count or names a type the spec does not have.
 * Example: weights A-A 60 / A-B 40, 5 single → `[{ cell: 'A-A', type: 'single', count: 3 }, { cell: 'A-B', …, count: 2 }]`.
 */
export function cellCounts(blueprint: Blueprint, spec: PaperSpec, explicitCounts?: CellCountTable): CellQuota[] {
  validateBlueprint(blueprint);
  validateSections(spec);
  const table = explicitCounts ?? blueprint.explicitCounts;
  if (explicitCounts) {
    const problems = countTableProblems(blueprint, explicitCounts);
    if (problems.length > 0) throw new BlueprintInvalid(problems);
  }
  const cells = blueprintCells(blueprint);
  const explicitTypes = new Set<string>();
  for (const byType of Object.values(table ?? {})) for (const t of Object.keys(byType ?? {})) explicitTypes.add(t);
  for (const t of explicitTypes) {
    if (!spec.sections.some((s) => s.type === t)) {
      throw new PaperSpecInvalid(`指定题量中的题型 ${t} 不在试卷结构中`, { type: t });
    }
  }
  const quotas: CellQuota[] = [];
  for (const section of spec.sections) {
    let counts: number[];
    if (explicitTypes.has(section.type)) {
      counts = cells.map((c) => table?.[c.key]?.[section.type] ?? 0);
      const given = counts.reduce((s, n) => s + n, 0);
      if (given !== section.count) throw new CellCountsMismatch(section.type, given, section.count);
    } else {
      counts = largestRemainder(
        section.count,
        cells.map((c) => c.weight),
      );
    }
    cells.forEach((c, i) => quotas.push({ cell: c.key, type: section.type, count: counts[i]! }));
  }
  return quotas;
}
