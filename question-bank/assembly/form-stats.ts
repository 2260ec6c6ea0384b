/**
 * Statistics of built forms, recomputed from the papers themselves (not from the search's running
 * sums) so that what is reported is what was built.
 */
import { blueprintCells, blueprintPoints, type Blueprint } from '../blueprint-tree';
import type { Importance, Item, Paper } from '../types';
import { MEAN_FLOOR, relativeSpread } from './deviation';
import type { FormStats, ParallelDeviation } from './types';

/**
 * Per-form statistics. `itemsById` must hold every item of the papers (statistics are read from the
 * bank, since a `PaperItem` pins only id, version, key and marks). Throws if an item is missing.
 */
export function formStats(papers: Paper[], itemsById: ReadonlyMap<string, Item>, blueprint: Blueprint): FormStats[] {
  const points = blueprintPoints(blueprint);
  const cells = blueprintCells(blueprint);
  const rangesOfCell = new Map(cells.map((c) => [c.key, c.rangePath]));
  const allRanges = [...new Set(cells.flatMap((c) => c.rangePath))];
  return papers.map((paper) => {
    let sp = 0;
    let sd = 0;
    let marks = 0;
    const importance: Record<Importance, number> = { X: 0, Y: 0, Z: 0 };
    const rangeMarks: Record<string, number> = {};
    for (const r of allRanges) rangeMarks[r] = 0;
    for (const pi of paper.items) {
      const item = itemsById.get(pi.itemId);
      if (!item) throw new Error(`formStats: item ${pi.itemId} not in the bank given`);
      sp += item.difficulty;
      sd += item.discrimination;
      marks += pi.marks;
      const point = points.get(pi.pointCode);
      if (point) {
        importance[point.importance]++;
        for (const r of rangesOfCell.get(point.cell) ?? []) rangeMarks[r] = rangeMarks[r]! + pi.marks;
      }
    }
    const count = paper.items.length;
    return {
      form: paper.form,
      items: count,
      marks,
      meanDifficulty: count > 0 ? sp / count : 0,
      meanDiscrimination: count > 0 ? sd / count : 0,
      importance,
      rangeMarks,
    };
  });
}

/** Largest relative deviations between forms, per statistic and overall (see `ParallelDeviation`). */
export function parallelDeviation(stats: FormStats[]): ParallelDeviation {
  const meanDifficulty = relativeSpread(
    stats.map((s) => s.meanDifficulty),
    MEAN_FLOOR,
  );
  const meanDiscrimination = relativeSpread(
    stats.map((s) => s.meanDiscrimination),
    MEAN_FLOOR,
  );
  let importance = 0;
  for (const i of ['X', 'Y', 'Z'] as const) {
    importance = Math.max(importance, relativeSpread(stats.map((s) => s.importance[i]), 0));
  }
  let rangeMarks = 0;
  for (const r of Object.keys(stats[0]?.rangeMarks ?? {})) {
    rangeMarks = Math.max(rangeMarks, relativeSpread(stats.map((s) => s.rangeMarks[r] ?? 0), 0));
  }
  return {
    largest: Math.max(meanDifficulty, meanDiscrimination, importance, rangeMarks),
    meanDifficulty,
    meanDiscrimination,
    importance,
    rangeMarks,
  };
}
