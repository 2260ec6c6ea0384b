/**
 * Item analysis after a sitting (试题分析): classical test theory statistics per item and the
 * paper's reliability, and merging them back into the bank so the next assembly uses measured
 * rather than estimated difficulty and discrimination.
 */
import { DomainError } from './errors';
import type { Item, Paper } from './types';

/** One candidate's responses, aligned with `paper.items`. */
export interface CandidateResponses {
  /** Per item: score as a fraction of its marks (0/1 for right/wrong), or null when not answered (counts 0). */
  scores: (number | null)[];
  /** Per item: option labels chosen; null or [] when none. Optional (no option counts without it). */
  chosen?: (readonly string[] | null)[];
}

/** Statistics of one item over one sitting. */
export interface ItemAnalysis {
  itemId: string;
  version: number;
  /** Candidates behind the figures. */
  n: number;
  /** p-value: mean score fraction (share correct for 0/1 items). */
  p: number;
  /** Corrected point-biserial: correlation of the item with the total of the OTHER items; null without variance. */
  pointBiserial: number | null;
  /** Upper minus lower 27 % group mean on this item (D index); null with fewer than 2 candidates. */
  upperLower: number | null;
  /** How many candidates chose each option label (key and distractors alike). */
  optionCounts: Record<string, number>;
  /** Candidates who gave no answer. */
  omitted: number;
}

/** Analysis of one sitting of one paper. */
export interface SittingAnalysis {
  candidates: number;
  items: ItemAnalysis[];
  /** KR-20 (coefficient alpha for fractional scores); null with < 2 items or no total-score variance. */
  kr20: number | null;
  /** Mean and population standard deviation of the total (sum of fractions). */
  meanTotal: number;
  sdTotal: number;
}

/** Responses that do not fit the paper (wrong length, score outside 0..1, unknown option label). */
export class ResponsesInvalid extends DomainError {
  constructor(candidate: number, item: number, problem: string) {
    super('RESPONSES_INVALID', `第 ${candidate + 1} 名考生第 ${item + 1} 题的作答数据有误：${problem}`, 'invalid', {
      candidate,
      item,
      problem,
    });
  }
}

/** Statistics cannot be merged: the analysis is of another item or version, or n is not a positive integer. */
export class AnalysisMismatch extends DomainError {
  constructor(problem: string, details: Record<string, unknown>) {
    super('ANALYSIS_MISMATCH', `试题统计无法合并：${problem}`, 'invalid', details);
  }
}

const UPPER_LOWER_SHARE = 0.27;

function validate(paper: Paper, responses: CandidateResponses[]): void {
  responses.forEach((r, c) => {
    if (r.scores.length !== paper.items.length) {
      throw new ResponsesInvalid(c, Math.min(r.scores.length, paper.items.length), `应有 ${paper.items.length} 题，实有 ${r.scores.length} 题`);
    }
    if (r.chosen && r.chosen.length !== paper.items.length) {
      throw new ResponsesInvalid(c, 0, `选项作答应有 ${paper.items.length} 题，实有 ${r.chosen.length} 题`);
    }
    r.scores.forEach((s, j) => {
      if (s !== null && !(Number.isFinite(s) && s >= 0 && s <= 1)) throw new ResponsesInvalid(c, j, `得分比例 ${s} 不在 0～1 之间`);
      for (const label of r.chosen?.[j] ?? []) {
        if (!paper.items[j]!.optionLabels.includes(label)) throw new ResponsesInvalid(c, j, `选项 ${label} 不存在`);
      }
    });
  });
}

function correlation(x: Float64Array, y: Float64Array): number | null {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/**
 * Classical item analysis of one sitting: per item p, corrected point-biserial, upper/lower-27 % D
 * (groups by total score, ties broken by response order) and option counts; KR-20 of the paper
 * (population variances). Unanswered items score 0. Throws `ResponsesInvalid`.
 * Example: `analyseSitting(paper, responses).items[0].p` → `0.62`.
 */
export function analyseSitting(paper: Paper, responses: CandidateResponses[]): SittingAnalysis {
  validate(paper, responses);
  const n = responses.length;
  const k = paper.items.length;
  const totals = new Float64Array(n);
  const columns = paper.items.map((_, j) => {
    const col = new Float64Array(n);
    responses.forEach((r, c) => {
      col[c] = r.scores[j] ?? 0;
      totals[c]! += col[c]!;
    });
    return col;
  });
  const meanTotal = n > 0 ? totals.reduce((a, b) => a + b, 0) / n : 0;
  const varTotal = n > 0 ? totals.reduce((a, t) => a + (t - meanTotal) ** 2, 0) / n : 0;
  const byTotal = Array.from({ length: n }, (_, c) => c).sort((a, b) => totals[b]! - totals[a]! || a - b);
  const g = n >= 2 ? Math.max(1, Math.round(UPPER_LOWER_SHARE * n)) : 0;
  let itemVariance = 0;
  const items = paper.items.map((it, j): ItemAnalysis => {
    const col = columns[j]!;
    const p = n > 0 ? col.reduce((a, b) => a + b, 0) / n : 0;
    itemVariance += n > 0 ? col.reduce((a, x) => a + (x - p) ** 2, 0) / n : 0;
    const rest = totals.map((t, c) => t - col[c]!);
    let upperLower: number | null = null;
    if (g > 0) {
      let up = 0;
      let low = 0;
      for (let i = 0; i < g; i++) {
        up += col[byTotal[i]!]!;
        low += col[byTotal[n - 1 - i]!]!;
      }
      upperLower = (up - low) / g;
    }
    const optionCounts: Record<string, number> = {};
    for (const label of it.optionLabels) optionCounts[label] = 0;
    let omitted = 0;
    responses.forEach((r) => {
      const chosen = r.chosen?.[j] ?? null;
      const none = r.chosen ? chosen === null || chosen.length === 0 : r.scores[j] === null;
      if (none) omitted++;
      for (const label of chosen ?? []) optionCounts[label] = optionCounts[label]! + 1;
    });
    return {
      itemId: it.itemId,
      version: it.version,
      n,
      p,
      pointBiserial: n > 1 ? correlation(col, rest) : null,
      upperLower,
      optionCounts,
      omitted,
    };
  });
  const kr20 = k >= 2 && varTotal > 0 ? (k / (k - 1)) * (1 - itemVariance / varTotal) : null;
  return { candidates: n, items, kr20, meanTotal, sdTotal: Math.sqrt(varTotal) };
}

/**
 * Merge a sitting's statistics into the bank item, weighting by the responses behind each:
 * new = (old × statsN + sitting × n) / (statsN + n). An author estimate (statsN = 0) is simply
 * replaced. A discrimination that could not be computed (no variance) leaves the old one as is.
 * Throws `AnalysisMismatch` for another item or version, or n not a positive integer.
 * Example: item p 0.70 over 100, sitting p 0.60 over 50 → `{ difficulty: 0.6667, statsN: 150 }`.
 */
export function updateItemStatistics(item: Item, analysis: ItemAnalysis, n: number): Item {
  if (analysis.itemId !== item.id || analysis.version !== item.version) {
    throw new AnalysisMismatch(`统计属于 ${analysis.itemId} 第 ${analysis.version} 版，不是 ${item.id} 第 ${item.version} 版`, {
      item: { id: item.id, version: item.version },
      analysis: { id: analysis.itemId, version: analysis.version },
    });
  }
  if (!Number.isInteger(n) || n <= 0) throw new AnalysisMismatch(`作答人数 ${n} 不是正整数`, { n });
  const old = item.statsN > 0 ? item.statsN : 0;
  const merge = (before: number, now: number) => (old === 0 ? now : (before * old + now * n) / (old + n));
  return {
    ...item,
    difficulty: merge(item.difficulty, analysis.p),
    discrimination: analysis.pointBiserial === null ? item.discrimination : merge(item.discrimination, analysis.pointBiserial),
    statsN: old + n,
  };
}
