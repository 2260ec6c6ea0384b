/**
 * The eligible bank as typed arrays, grouped by cell × type: the working set of the assembly.
 * Canonical order (`canonicalOrder`) everywhere, so the result never depends on input order.
 */
import { blueprintPoints, type Blueprint, type CellCountTable } from '../blueprint-tree';
import { cellCounts, type CellQuota } from '../blueprint-counts';
import { canonicalOrder } from '../bank-hash';
import { DomainError } from '../errors';
import type { Importance, Item, ItemType, PaperSpec } from '../types';

/** Importance codes in index order (0 X, 1 Y, 2 Z) as stored in `Pool.imp`. */
export const IMPORTANCE: readonly Importance[] = ['X', 'Y', 'Z'];

/** One cell × type with a count > 0: its members, and per importance the members sorted by difficulty. */
export interface PoolGroup {
  cell: string;
  type: ItemType;
  /** Items each form takes from this group. */
  count: number;
  marks: number;
  /** Pool indexes in canonical order. */
  members: Int32Array;
  /** Per importance (X, Y, Z): pool indexes sorted by difficulty, and those difficulties. */
  byImp: Int32Array[];
  pByImp: Float64Array[];
}

/** Eligible items (canonical order) with their statistics in parallel typed arrays. */
export interface Pool {
  items: Item[];
  p: Float64Array;
  d: Float64Array;
  /** 0 X, 1 Y, 2 Z. */
  imp: Uint8Array;
  /** Enemy group index, −1 for none. */
  enemy: Int32Array;
  enemyGroups: number;
  /** Group index, −1 when the item's cell × type has count 0. */
  group: Int32Array;
  groups: PoolGroup[];
  quotas: CellQuota[];
}

/** Two eligible rows carry the same item id and version: the bank itself is inconsistent. */
export class DuplicateItemVersion extends DomainError {
  constructor(id: string, version: number) {
    super('DUPLICATE_ITEM_VERSION', `题库中试题 ${id} 第 ${version} 版出现多次`, 'conflict', { id, version });
  }
}

/** An eligible item's difficulty or discrimination is not a finite number. */
export class ItemStatisticsInvalid extends DomainError {
  constructor(item: Item) {
    super('ITEM_STATISTICS_INVALID', `试题 ${item.id} 第 ${item.version} 版的难度或区分度不是有效数字`, 'conflict', {
      id: item.id,
      version: item.version,
      difficulty: item.difficulty,
      discrimination: item.discrimination,
    });
  }
}

/**
 * Items the assembly may use: status 'active', same occupation and level as the spec, a type the
 * spec has, a 鉴定点 of the blueprint, exposure below `maxExposure`; of several active versions of
 * one item only the highest. In `canonicalOrder`. Throws `DuplicateItemVersion`.
 */
export function eligibleItems(bank: readonly Item[], blueprint: Blueprint, spec: PaperSpec, maxExposure?: number): Item[] {
  const points = blueprintPoints(blueprint);
  const types = new Set(spec.sections.map((s) => s.type));
  const passing = bank.filter(
    (it) =>
      it.status === 'active' &&
      it.occupationCode === spec.occupationCode &&
      it.level === spec.level &&
      types.has(it.type) &&
      points.has(it.pointCode) &&
      (maxExposure === undefined || it.exposure < maxExposure),
  );
  // Canonical order puts the versions of one id side by side, lowest first: keep the last of each run.
  const sorted = canonicalOrder(passing);
  const out: Item[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const it = sorted[i]!;
    const next = sorted[i + 1];
    if (next && next.id === it.id) {
      if (next.version === it.version) throw new DuplicateItemVersion(it.id, it.version);
      continue;
    }
    out.push(it);
  }
  return out;
}

/** Build the typed working set from already eligible items in canonical order. */
export function buildPool(items: Item[], blueprint: Blueprint, spec: PaperSpec, explicitCounts?: CellCountTable): Pool {
  const quotas = cellCounts(blueprint, spec, explicitCounts);
  const marks = new Map(spec.sections.map((s) => [s.type, s.marksPerItem]));
  // One lookup per item (point code → importance and group per type), no per-item key strings:
  // this loop runs over the whole bank.
  const groupOfCell = new Map<string, Map<ItemType, number>>();
  const raw: { q: CellQuota; members: number[] }[] = [];
  for (const q of quotas) {
    if (q.count === 0) continue;
    const byType = groupOfCell.get(q.cell) ?? new Map<ItemType, number>();
    byType.set(q.type, raw.length);
    groupOfCell.set(q.cell, byType);
    raw.push({ q, members: [] });
  }
  const pointInfo = new Map<string, { imp: number; groups: Map<ItemType, number> | undefined }>();
  for (const [code, point] of blueprintPoints(blueprint)) {
    pointInfo.set(code, { imp: IMPORTANCE.indexOf(point.importance), groups: groupOfCell.get(point.cell) });
  }
  const n = items.length;
  const p = new Float64Array(n);
  const d = new Float64Array(n);
  const imp = new Uint8Array(n);
  const enemy = new Int32Array(n);
  const group = new Int32Array(n);
  const enemyIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const it = items[i]!;
    if (!Number.isFinite(it.difficulty) || !Number.isFinite(it.discrimination)) throw new ItemStatisticsInvalid(it);
    const info = pointInfo.get(it.pointCode)!;
    p[i] = it.difficulty;
    d[i] = it.discrimination;
    imp[i] = info.imp;
    if (it.enemyGroup === null || it.enemyGroup === '') {
      enemy[i] = -1;
    } else {
      let e = enemyIndex.get(it.enemyGroup);
      if (e === undefined) enemyIndex.set(it.enemyGroup, (e = enemyIndex.size));
      enemy[i] = e;
    }
    const g = info.groups?.get(it.type);
    group[i] = g ?? -1;
    if (g !== undefined) raw[g]!.members.push(i);
  }
  const groups = raw.map(({ q, members }): PoolGroup => {
    const byImp: Int32Array[] = [];
    const pByImp: Float64Array[] = [];
    for (let k = 0; k < 3; k++) {
      const list: number[] = [];
      for (let j = 0; j < members.length; j++) if (imp[members[j]!] === k) list.push(members[j]!);
      // A comparator returning −1/0/1 (small integers) rather than p[a] − p[b]: a double result is
      // boxed on every call, which on a 50 000-item bank was the largest source of garbage.
      list.sort((a, b) => (p[a]! < p[b]! ? -1 : p[a]! > p[b]! ? 1 : a - b));
      const ids = new Int32Array(list.length);
      const ps = new Float64Array(list.length);
      for (let j = 0; j < list.length; j++) {
        ids[j] = list[j]!;
        ps[j] = p[list[j]!]!;
      }
      byImp.push(ids);
      pByImp.push(ps);
    }
    return { cell: q.cell, type: q.type, count: q.count, marks: marks.get(q.type)!, members: Int32Array.from(members), byImp, pByImp };
  });
  return { items, p, d, imp, enemy, enemyGroups: enemyIndex.size, group, groups, quotas };
}
