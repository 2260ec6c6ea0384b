/**
 * Independent checker of a built set of parallel papers: re-derives every hard rule from the bank,
 * blueprint and spec without using the assembly's own data structures, so a bug in the search cannot
 * hide itself. Used by the tests and the benchmark; the server may run it before releasing papers.
 */
import { blueprintPoints, type Blueprint, type CellCountTable } from '../blueprint-tree';
import { cellCounts } from '../blueprint-counts';
import type { FormLabel, Item, Paper, PaperSpec } from '../types';

/** What the checker needs: the papers, the bank they came from, and the rules they were built under. */
export interface CheckInput {
  papers: Paper[];
  bank: readonly Item[];
  blueprint: Blueprint;
  spec: PaperSpec;
  forms: number;
  maxOverlap: number;
  maxExposure?: number;
  explicitCounts?: CellCountTable;
}

/** One broken rule, e.g. `{ rule: 'enemy', form: 'B', message: '互斥组 G7 在 B 卷出现 2 题' }`. */
export interface Violation {
  rule: 'forms' | 'pin' | 'eligibility' | 'duplicate' | 'count' | 'enemy' | 'overlap';
  form?: FormLabel;
  message: string;
}

/**
 * Every hard-rule violation of `papers` (empty when all hold): form count, pinned version/key/options
 * matching the bank's latest active version, eligibility (status, occupation, level, exposure, point),
 * marks per section, no item twice in a form, exact count per cell × type, no two enemy items in a
 * form, and at most `maxOverlap` items shared by any two forms.
 */
export function checkParallelPapers(input: CheckInput): Violation[] {
  const { papers, bank, blueprint, spec } = input;
  const out: Violation[] = [];
  if (papers.length !== input.forms) out.push({ rule: 'forms', message: `应有 ${input.forms} 套，实有 ${papers.length} 套` });
  const points = blueprintPoints(blueprint);
  const quotas = cellCounts(blueprint, spec, input.explicitCounts);
  const marks = new Map(spec.sections.map((s) => [s.type, s.marksPerItem]));
  const latestActive = new Map<string, Item>();
  for (const it of bank) {
    if (it.status !== 'active') continue;
    const seen = latestActive.get(it.id);
    if (!seen || seen.version < it.version) latestActive.set(it.id, it);
  }
  const idsOf: Set<string>[] = [];
  papers.forEach((paper, f) => {
    const form = paper.form;
    if (paper.form !== 'ABC'[f]) out.push({ rule: 'forms', form, message: `第 ${f + 1} 套应为 ${'ABC'[f]} 卷` });
    const ids = new Set<string>();
    const enemies = new Map<string, number>();
    const counts = new Map<string, number>();
    for (const pi of paper.items) {
      if (ids.has(pi.itemId)) out.push({ rule: 'duplicate', form, message: `${pi.itemId} 在同一卷中出现两次` });
      ids.add(pi.itemId);
      const it = latestActive.get(pi.itemId);
      if (!it || it.version !== pi.version) {
        out.push({ rule: 'pin', form, message: `${pi.itemId} v${pi.version} 不是题库中最新的启用版本` });
        continue;
      }
      const point = points.get(it.pointCode);
      if (it.occupationCode !== spec.occupationCode || it.level !== spec.level || !point) {
        out.push({ rule: 'eligibility', form, message: `${it.id} 不属于本职业等级或细目表` });
        continue;
      }
      if (input.maxExposure !== undefined && it.exposure >= input.maxExposure) {
        out.push({ rule: 'eligibility', form, message: `${it.id} 曝光 ${it.exposure} 已达上限` });
      }
      const pinned =
        pi.type === it.type &&
        pi.pointCode === it.pointCode &&
        pi.marks === marks.get(it.type) &&
        pi.key.join('|') === it.key.join('|') &&
        pi.optionLabels.join('|') === it.options.map((o) => o.label).join('|');
      if (!pinned) out.push({ rule: 'pin', form, message: `${it.id} 的题型、鉴定点、分值、答案或选项与题库不符` });
      const cellKey = `${point.cell}\u0000${it.type}`;
      counts.set(cellKey, (counts.get(cellKey) ?? 0) + 1);
      if (it.enemyGroup) enemies.set(it.enemyGroup, (enemies.get(it.enemyGroup) ?? 0) + 1);
    }
    for (const q of quotas) {
      const got = counts.get(`${q.cell}\u0000${q.type}`) ?? 0;
      if (got !== q.count) out.push({ rule: 'count', form, message: `${q.cell}/${q.type} 应 ${q.count} 题，实 ${got} 题` });
      counts.delete(`${q.cell}\u0000${q.type}`);
    }
    for (const [key, got] of counts) {
      out.push({ rule: 'count', form, message: `${key.replace('\u0000', '/')} 不在试卷结构中却有 ${got} 题` });
    }
    for (const [group, n] of enemies) {
      if (n > 1) out.push({ rule: 'enemy', form, message: `互斥组 ${group} 在 ${form} 卷出现 ${n} 题` });
    }
    idsOf.push(ids);
  });
  for (let f = 0; f < idsOf.length; f++) {
    for (let h = f + 1; h < idsOf.length; h++) {
      let shared = 0;
      for (const id of idsOf[f]!) if (idsOf[h]!.has(id)) shared++;
      if (shared > input.maxOverlap) {
        out.push({ rule: 'overlap', message: `${'ABC'[f]}、${'ABC'[h]} 卷共用 ${shared} 题，超过允许的 ${input.maxOverlap} 题` });
      }
    }
  }
  return out;
}
