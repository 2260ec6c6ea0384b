/**
 * 平行卷组卷: build parallel forms A/B/C from the bank so that each meets the blueprint exactly and
 * they are as alike as the bank allows.
 */
import { bankHash } from '../bank-hash';
import { validateBlueprint, type Blueprint } from '../blueprint-tree';
import { DomainError } from '../errors';
import { createRng } from '../random';
import type { FormLabel, Item, Paper, PaperItem, PaperSpec } from '../types';
import { balanceImportance } from './balance';
import { checkSupply, construct } from './construct';
import { MEAN_FLOOR, stateDeviation } from './deviation';
import { formStats, parallelDeviation } from './form-stats';
import { polishForm } from './polish';
import { buildPool, eligibleItems } from './pool';
import { DEVIATION_FLOOR, refine, type SearchBudget } from './refine';
import { createState, pairOverlap, resum, type FormState } from './state';
import type { AssemblyOptions, AssemblyPhase, ParallelPapers } from './types';

/** Changes whenever the same inputs could give a different result. */
export const ALGORITHM_VERSION = 'snake-swap-pair/2';

const LABELS: readonly FormLabel[] = ['A', 'B', 'C'];
const POLISH_ROUNDS = 4;

/** Options that do not fit the assembly (forms outside 1..3, negative overlap …). */
export class AssemblyOptionsInvalid extends DomainError {
  constructor(problem: string, details: Record<string, unknown>) {
    super('ASSEMBLY_OPTIONS_INVALID', `组卷参数有误：${problem}`, 'invalid', details);
  }
}

/** The spec is for another occupation, level or component than the blueprint. */
export class BlueprintSpecMismatch extends DomainError {
  constructor(details: Record<string, unknown>) {
    super('BLUEPRINT_SPEC_MISMATCH', '试卷结构与鉴定要素细目表的职业、等级或考核方式不一致', 'invalid', details);
  }
}

function checkOptions(blueprint: Blueprint, spec: PaperSpec, o: AssemblyOptions) {
  const forms = o.forms ?? 3;
  const maxOverlap = o.maxOverlap ?? 0;
  const maxIterations = o.maxIterations ?? 20_000;
  if (!Number.isInteger(forms) || forms < 1 || forms > LABELS.length) {
    throw new AssemblyOptionsInvalid(`平行卷套数 ${forms} 应为 1～${LABELS.length}`, { forms });
  }
  if (!Number.isInteger(maxOverlap) || maxOverlap < 0) {
    throw new AssemblyOptionsInvalid(`允许共用题数 ${maxOverlap} 应为非负整数`, { maxOverlap });
  }
  if (o.maxExposure !== undefined && !(o.maxExposure > 0)) {
    throw new AssemblyOptionsInvalid(`曝光上限 ${o.maxExposure} 应为正数`, { maxExposure: o.maxExposure });
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new AssemblyOptionsInvalid(`迭代上限 ${maxIterations} 应为非负整数`, { maxIterations });
  }
  if (typeof o.seed !== 'string') throw new AssemblyOptionsInvalid('缺少随机种子', {});
  if (
    spec.occupationCode !== blueprint.occupationCode ||
    spec.level !== blueprint.level ||
    spec.component !== blueprint.component
  ) {
    throw new BlueprintSpecMismatch({
      blueprint: { occupationCode: blueprint.occupationCode, level: blueprint.level, component: blueprint.component },
      spec: { occupationCode: spec.occupationCode, level: spec.level, component: spec.component },
    });
  }
  return { forms, maxOverlap, maxIterations };
}

function toPaper(st: FormState, f: number, spec: PaperSpec): Paper {
  const { pool, n } = st;
  const items: PaperItem[] = [];
  for (let g = 0; g < pool.groups.length; g++) {
    const group = pool.groups[g]!;
    const members: Item[] = [];
    for (let s = st.groupStart[g]!; s < st.groupStart[g + 1]!; s++) members.push(pool.items[st.slots[f * n + s]!]!);
    // Canonical order inside a cell: by 鉴定点, then id — independent of how the search got there.
    members.sort((a, b) => (a.pointCode < b.pointCode ? -1 : a.pointCode > b.pointCode ? 1 : a.id < b.id ? -1 : 1));
    for (const it of members) {
      items.push({
        itemId: it.id,
        version: it.version,
        type: it.type,
        pointCode: it.pointCode,
        marks: group.marks,
        key: it.key.slice(),
        optionLabels: it.options.map((o) => o.label),
      });
    }
  }
  return { form: LABELS[f]!, spec, items };
}

/**
 * Build `forms` parallel papers (default 3: A, B, C) from `bank` for `blueprint` × `spec`.
 *
 * Every cell (lowest 鉴定范围 × item type) gets exactly its count in every form; enemy items never
 * share a form; only 'active' items with exposure below `maxExposure` are used (highest active
 * version per id); two forms share at most `maxOverlap` items, and only where the bank is short.
 * Within that, the forms' mean difficulty, mean discrimination and X/Y/Z counts are made as equal as
 * the search can (per-range marks are equal by construction). Same inputs and seed ⇒ byte-identical
 * result, whatever the order of `bank`.
 *
 * Throws `BlueprintUnsatisfiable` listing every short cell, `BlueprintInvalid`, `PaperSpecInvalid`,
 * `CellCountsMismatch`, `BlueprintSpecMismatch`, `AssemblyOptionsInvalid`, `DuplicateItemVersion`.
 * Example: `buildParallelPapers(items, bp, spec, { seed: '2024-电工-四级' }).papers.map(p => p.form)` → `['A','B','C']`.
 */
export function buildParallelPapers(
  bank: readonly Item[],
  blueprint: Blueprint,
  spec: PaperSpec,
  options: AssemblyOptions,
): ParallelPapers {
  validateBlueprint(blueprint);
  const { forms, maxOverlap, maxIterations } = checkOptions(blueprint, spec, options);
  const eligible = eligibleItems(bank, blueprint, spec, options.maxExposure);
  const pool = buildPool(eligible, blueprint, spec, options.explicitCounts);
  checkSupply(pool, forms, maxOverlap);
  const st = createState(pool, forms);
  construct(st, createRng(options.seed), maxOverlap);

  const budget: SearchBudget = { iterations: 0, max: maxIterations };
  const report = (phase: AssemblyPhase) => {
    if (!options.onProgress) return;
    const dev = stateDeviation(st);
    options.onProgress({ phase, iteration: budget.iterations, deviation: dev.largest, meanDifficultySpread: dev.meanDifficultySpread });
  };
  report('feasible');
  search(st, budget, report);
  resum(st);
  report('done');

  const papers = Array.from({ length: forms }, (_, f) => toPaper(st, f, spec));
  const used = new Map<string, Item>();
  for (let i = 0; i < st.slots.length; i++) {
    const it = pool.items[st.slots[i]!]!;
    used.set(it.id, it);
  }
  const stats = formStats(papers, used, blueprint);
  const overlap: Record<string, number> = {};
  for (let f = 0; f < forms; f++) for (let h = f + 1; h < forms; h++) overlap[`${LABELS[f]}-${LABELS[h]}`] = pairOverlap(st, f, h);
  return {
    papers,
    stats,
    deviation: parallelDeviation(stats),
    overlap,
    seed: options.seed,
    algorithmVersion: ALGORITHM_VERSION,
    bankHash: bankHash(eligible),
    options: { forms, maxOverlap, maxExposure: options.maxExposure ?? null, maxIterations },
  };
}

/** Importance balancing, then single-move search alternating with pair polishing until no gain. */
function search(st: FormState, budget: SearchBudget, report: (phase: AssemblyPhase) => void): void {
  const { k, n } = st;
  if (k < 2 || n === 0) return;
  const scale = (sums: Float64Array) => Math.max(Math.abs(sums.reduce((a, b) => a + b, 0) / k), MEAN_FLOOR * n);
  const sP = scale(st.sumP);
  const sD = scale(st.sumD);
  budget.iterations += balanceImportance(st, sP, sD, Math.min(k * n, budget.max));
  report('importance');
  refine(st, sP, sD, budget, () => report('refine'));
  for (let round = 0; round < POLISH_ROUNDS && budget.iterations < budget.max; round++) {
    const dev = stateDeviation(st);
    if (Math.max(dev.meanDifficulty, dev.meanDiscrimination) <= DEVIATION_FLOOR) break;
    const tP = st.sumP.reduce((a, b) => a + b, 0) / k;
    const tD = st.sumD.reduce((a, b) => a + b, 0) / k;
    let improved = false;
    for (let f = 0; f < k && budget.iterations < budget.max; f++) {
      if (polishForm(st, f, tP, tD, sP, sD)) {
        improved = true;
        budget.iterations++;
        report('polish');
      }
    }
    refine(st, sP, sD, budget, () => report('refine'));
    if (!improved) break;
  }
}
