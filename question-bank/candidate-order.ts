/**
 * Per-candidate presentation order (乱序): each candidate sees the paper's items shuffled within each
 * section and the options of choice items shuffled, reproducibly from a seed, so a proctor, a
 * reviewer or a rescoring run can rebuild exactly what the candidate saw.
 */
import { fnv1a64 } from './bank-hash';
import { createRng, shuffled } from './random';
import type { Paper } from './types';

/** What one candidate sees: item positions and, per paper item, its option labels in display order. */
export interface CandidateOrder {
  /** Display position → index into `paper.items`. */
  itemOrder: number[];
  /** `optionOrder[j]` = labels of `paper.items[j]` in display order (judge items keep T, F). */
  optionOrder: string[][];
}

/**
 * Shuffle a paper for one candidate. Sections stay grouped by type in the spec's section order and
 * items are shuffled only within their section; choice options are shuffled, 判断题 options never
 * (T/F stay where candidates expect them). The paper's own items are mixed into the seed, so one
 * candidate seed gives unrelated orders on different papers. Same paper + seed ⇒ same order.
 * Items of a type the spec lacks (never produced by assembly) keep their place after all sections.
 * Example: `candidateOrder(paper, 'sitting-7:ticket-0042')` → `{ itemOrder: [3, 0, 2, 1, …], optionOrder: [['C','A','D','B'], …] }`.
 */
export function candidateOrder(paper: Paper, candidateSeed: string): CandidateOrder {
  const fingerprint = fnv1a64(paper.items.map((it) => `${it.itemId}@${it.version}`).join(','));
  const rng = createRng(`${candidateSeed}\u0000${paper.form}\u0000${fingerprint}`);
  const itemOrder: number[] = [];
  const placed = new Set<number>();
  for (const section of paper.spec.sections) {
    const indexes: number[] = [];
    paper.items.forEach((it, j) => {
      if (it.type === section.type && !placed.has(j)) indexes.push(j);
    });
    for (const j of shuffled(indexes, rng)) {
      itemOrder.push(j);
      placed.add(j);
    }
  }
  paper.items.forEach((_, j) => {
    if (!placed.has(j)) itemOrder.push(j);
  });
  const optionOrder = paper.items.map((it) => {
    switch (it.type) {
      case 'judge':
      case 'subjective':
        return it.optionLabels.slice();
      case 'single':
      case 'multi':
        return shuffled(it.optionLabels, rng);
      default: {
        const never: never = it.type;
        return never;
      }
    }
  });
  return { itemOrder, optionOrder };
}
