/**
 * How well the bank covers a blueprint: per cell (lowest 鉴定范围 × item type) the items one paper needs and
 * the active items the bank has; per 鉴定点 how many items it has (the rule of thumb is ≥ 4). Shown beside the
 * blueprint editor so the office sees short cells before it tries to build.
 */
import {
  blueprintCells,
  blueprintProblems,
  cellCounts,
  DomainError,
  type Blueprint,
  type Item,
  type ItemType,
  type PaperSpec,
} from '../../question-bank';

export interface CoverageCell {
  cell: string;
  name: string;
  type: ItemType;
  /** Items one paper takes from this cell. */
  perPaper: number;
  /** Active items of this type in this cell. */
  available: number;
  /** Whether three forms without shared items fit (available ≥ 3 × perPaper). */
  enoughForThree: boolean;
}

export interface CoveragePoint {
  code: string;
  name: string;
  importance: string;
  items: number;
}

export interface Coverage {
  cells: CoverageCell[];
  points: CoveragePoint[];
  /** Active items whose 鉴定点 is not in the blueprint (never used by assembly). */
  unmatched: { pointCode: string; items: number }[];
  /** Why counts per cell could not be derived (spec missing or not matching), else null. */
  countsProblem: string | null;
}

/** Minimum items per 鉴定点 (domain rule of thumb, M). */
export const MIN_ITEMS_PER_POINT = 4;

/** Coverage of `blueprint` by `bank` (latest versions) for `spec` (null: no spec yet, per-paper counts 0). */
export function coverage(blueprint: Blueprint, spec: PaperSpec | null, bank: readonly Item[]): Coverage {
  const active = bank.filter((it) => it.status === 'active');
  const byPoint = new Map<string, Item[]>();
  for (const it of active) {
    const list = byPoint.get(it.pointCode) ?? [];
    list.push(it);
    byPoint.set(it.pointCode, list);
  }
  if (blueprintProblems(blueprint).length > 0) {
    return { cells: [], points: [], unmatched: [], countsProblem: '细目表有误，无法计算' };
  }
  const cells = blueprintCells(blueprint);
  let quotas = new Map<string, number>();
  let countsProblem: string | null = spec === null ? '尚未设置试卷结构' : null;
  if (spec) {
    try {
      quotas = new Map(cellCounts(blueprint, spec).map((q) => [`${q.cell}|${q.type}`, q.count]));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      countsProblem = e.message;
    }
  }
  const types: ItemType[] = spec ? spec.sections.filter((s) => s.count > 0).map((s) => s.type) : ['judge', 'single', 'multi'];
  const out: CoverageCell[] = [];
  for (const cell of cells) {
    for (const type of types) {
      const available = cell.points.reduce((s, p) => s + (byPoint.get(p.code) ?? []).filter((it) => it.type === type).length, 0);
      const perPaper = quotas.get(`${cell.key}|${type}`) ?? 0;
      out.push({ cell: cell.key, name: cell.name, type, perPaper, available, enoughForThree: available >= perPaper * 3 });
    }
  }
  const known = new Set(cells.flatMap((c) => c.points.map((p) => p.code)));
  const unmatched = [...byPoint.entries()]
    .filter(([code]) => !known.has(code))
    .map(([pointCode, list]) => ({ pointCode, items: list.length }))
    .sort((a, b) => a.pointCode.localeCompare(b.pointCode));
  return {
    cells: out,
    points: cells.flatMap((c) => c.points.map((p) => ({ code: p.code, name: p.name, importance: p.importance, items: byPoint.get(p.code)?.length ?? 0 }))),
    unmatched,
    countsProblem,
  };
}
