/**
 * The assembly benchmark's reference: the same instance as a mixed-integer program solved by HiGHS
 * (the `highs` npm package, WebAssembly). Binary x[i,f] = item i in form f; per form and cell × type
 * the count equals the quota; each item in at most one form (zero overlap); per enemy group and form
 * at most one item; equal X and Y counts across forms (Z follows), so the matched statistics are the
 * same ones our assembly balances; minimise z ≥ (S_f − S_h)/scale for every ordered pair of forms and
 * both difficulty and discrimination sums (z = largest relative deviation). Written in CPLEX LP format.
 */
import loadHighs from 'highs';
import { blueprintPoints, cellCounts } from '../question-bank/blueprint';
import { checkParallelPapers, eligibleItems, formStats, parallelDeviation } from '../question-bank/assembly';
import type { FormLabel, Item, Paper } from '../question-bank/types';
import type { SyntheticCase } from './synthetic-bank';

const FORMS = 3;

function terms(parts: string[]): string {
  // Short lines: the LP reader copes with long ones, but humans reading a dump do not.
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(' '));
  return lines.join('\n   ');
}

function signed(coef: number, name: string, first: boolean): string {
  const c = coef.toPrecision(15);
  return coef < 0 ? `- ${c.slice(1)} ${name}` : `${first ? '' : '+ '}${c} ${name}`;
}

/** The CPLEX LP text and the eligible items (column i ↔ items[i]). */
export function assemblyLp(c: SyntheticCase): { lp: string; items: Item[] } {
  const items = eligibleItems(c.bank, c.blueprint, c.spec, c.maxExposure);
  const points = blueprintPoints(c.blueprint);
  const quotas = cellCounts(c.blueprint, c.spec).filter((q) => q.count > 0);
  const x = (i: number, f: number) => `x${i}_${f}`;
  const n = quotas.reduce((s, q) => s + q.count, 0);
  const meanP = items.reduce((s, it) => s + it.difficulty, 0) / items.length;
  const meanD = items.reduce((s, it) => s + it.discrimination, 0) / items.length;
  const scaleP = n * meanP;
  const scaleD = n * Math.max(Math.abs(meanD), 0.01);
  const rows: string[] = [];
  const byCell = new Map<string, number[]>();
  const byEnemy = new Map<string, number[]>();
  items.forEach((it, i) => {
    const key = `${points.get(it.pointCode)!.cell}/${it.type}`;
    byCell.set(key, [...(byCell.get(key) ?? []), i]);
    if (it.enemyGroup) byEnemy.set(it.enemyGroup, [...(byEnemy.get(it.enemyGroup) ?? []), i]);
  });
  let r = 0;
  for (const q of quotas) {
    const members = byCell.get(`${q.cell}/${q.type}`) ?? [];
    for (let f = 0; f < FORMS; f++) rows.push(` r${r++}: ${terms(members.map((i, j) => `${j ? '+ ' : ''}${x(i, f)}`))} = ${q.count}`);
  }
  items.forEach((_, i) => rows.push(` r${r++}: ${x(i, 0)} + ${x(i, 1)} + ${x(i, 2)} <= 1`));
  for (const members of byEnemy.values()) {
    if (members.length < 2) continue;
    for (let f = 0; f < FORMS; f++) rows.push(` r${r++}: ${terms(members.map((i, j) => `${j ? '+ ' : ''}${x(i, f)}`))} <= 1`);
  }
  for (const imp of ['X', 'Y']) {
    const members = items.map((it, i) => (points.get(it.pointCode)!.importance === imp ? i : -1)).filter((i) => i >= 0);
    for (let f = 1; f < FORMS; f++) {
      const parts = members.flatMap((i, j) => [`${j ? '+ ' : ''}${x(i, f)}`, `- ${x(i, 0)}`]);
      rows.push(` r${r++}: ${terms(parts)} = 0`);
    }
  }
  for (const [stat, scale] of [['difficulty', scaleP], ['discrimination', scaleD]] as const) {
    for (let f = 0; f < FORMS; f++) {
      for (let h = 0; h < FORMS; h++) {
        if (f === h) continue;
        const parts: string[] = [];
        items.forEach((it, i) => {
          const coef = it[stat] / scale;
          if (coef === 0) return;
          parts.push(signed(coef, x(i, f), parts.length === 0), signed(-coef, x(i, h), false));
        });
        rows.push(` r${r++}: ${terms(parts)} - z <= 0`);
      }
    }
  }
  const binaries = items.flatMap((_, i) => Array.from({ length: FORMS }, (_, f) => x(i, f)));
  const lp = ['Minimize', ' obj: z', 'Subject To', ...rows, 'Bounds', ' z >= 0', 'Binary', ...terms(binaries).split('\n'), 'End'].join('\n');
  return { lp, items };
}

/** Solve with a time limit; report the time, HiGHS's status and our own deviation of its solution. */
export async function solveWithHighs(c: SyntheticCase, timeLimitS: number): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const { lp, items } = assemblyLp(c);
  const highs = await loadHighs();
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  const sol = highs.solve(lp, { time_limit: timeLimitS, mip_rel_gap: 0, random_seed: 1 });
  const ms = performance.now() - t1;
  const base = { timeLimitS, ms: Math.round(ms), lpBuildMs: Math.round(buildMs), status: sol.Status, lpMB: Math.round(lp.length / 2 ** 20) };
  const labels: FormLabel[] = ['A', 'B', 'C'];
  const columns = sol.Columns as Record<string, { Primal?: number }>;
  const papers: Paper[] = labels.map((form, f) => ({
    form,
    spec: c.spec,
    items: items
      .filter((_, i) => (columns[`x${i}_${f}`]?.Primal ?? 0) > 0.5)
      .map((it) => ({
        itemId: it.id,
        version: it.version,
        type: it.type,
        pointCode: it.pointCode,
        marks: c.spec.sections.find((s) => s.type === it.type)!.marksPerItem,
        key: it.key,
        optionLabels: it.options.map((o) => o.label),
      })),
  }));
  const violations = checkParallelPapers({ papers, bank: c.bank, blueprint: c.blueprint, spec: c.spec, forms: 3, maxOverlap: 0, maxExposure: c.maxExposure });
  // A time-limited MIP may stop before any integer-feasible incumbent: its columns then mean nothing.
  if (violations.length > 0) return { ...base, deviation: null, note: `no feasible integer solution within the limit (${violations.length} rule violations in the returned columns, e.g. ${violations[0]!.rule}: ${violations[0]!.message})` };
  const stats = formStats(papers, new Map(items.map((it) => [it.id, it])), c.blueprint);
  const means = stats.map((s) => s.meanDifficulty);
  return {
    ...base,
    objective: sol.ObjectiveValue,
    deviation: parallelDeviation(stats).largest,
    meanPSpread: Math.max(...means) - Math.min(...means),
    violations: 0,
  };
}
