/**
 * The little language the demo banks are written in. A *fact* is a stem that a value completes
 * (“三相异步电动机的同步转速公式为” + “n₁ = 60f/p”) with one right value and wrong ones; from it come a 单选题
 * (`stem（　　）。` with the values as options) and 判断题 (`stem + value。`, right or wrong). A *source* makes
 * facts from parameters (numeric items computed, so always correct), a *multi fact* a 多选题.
 * Everything is driven by a seeded `Rng`, so the demo bank is the same on every start.
 */
import type { Importance, Rng } from '../../../question-bank';

/** A stem completed by a value; `right` is true, every `wrong` is false. */
export interface Fact {
  stem: string;
  right: string;
  wrong: string[];
  /** Facts with the same group give each other away (a table read forwards and backwards). */
  group?: string;
}

/** A 多选题: ≥ 2 right options and ≥ 2 wrong ones. */
export interface MultiFact {
  stem: string;
  rights: string[];
  wrongs: string[];
}

/** A parametric fact: a new one per call (numbers drawn from `rng`). */
export type FactSource = (rng: Rng) => Fact;
export type MultiSource = (rng: Rng) => MultiFact;

/** One 鉴定点 with its item material. */
export interface DemoPoint {
  code: string;
  name: string;
  importance: Importance;
  weight: number;
  facts?: Fact[];
  sources?: FactSource[];
  multi?: (MultiFact | MultiSource)[];
}

/** A lowest 鉴定范围 (a cell of the blueprint). */
export interface DemoCell {
  code: string;
  name: string;
  weight: number;
  points: DemoPoint[];
}

/** A top 鉴定范围. */
export interface DemoRange {
  code: string;
  name: string;
  cells: DemoCell[];
}

/** Pick one element. */
export function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[rng.int(list.length)]!;
}

/** An integer in [lo, hi]. */
export function between(rng: Rng, lo: number, hi: number): number {
  return lo + rng.int(hi - lo + 1);
}

/** A number printed the way a paper prints it: at most `digits` decimals, no trailing zeros. */
export function num(x: number, digits = 2): string {
  return String(Math.round(x * 10 ** digits) / 10 ** digits);
}

/**
 * Three distinct wrong values near a numeric answer (×/÷ factors that are typical slips), printed with `unit`.
 * Example: `numericWrongs(2.5, 'A')` → `['5 A', '1.25 A', '0.25 A']`.
 */
export function numericWrongs(right: number, unit: string, factors: readonly number[] = [2, 0.5, 0.1, 1.732, 3, 1 / 1.732], digits = 2): string[] {
  const out: string[] = [];
  const seen = new Set([num(right, digits)]);
  for (const f of factors) {
    const v = num(right * f, digits);
    if (seen.has(v) || Number(v) === 0) continue;
    seen.add(v);
    out.push(`${v}${unit}`);
    if (out.length === 3) break;
  }
  return out;
}

/**
 * A table of subject → answer turned into facts: each row's wrong values are other rows' answers.
 * Example: `tableFacts((s) => \`电气原理图中${s}的文字符号为\`, [['熔断器', 'FU'], ['热继电器', 'FR'], …])`.
 */
export function tableFacts(stem: (subject: string) => string, rows: readonly (readonly [string, string])[], groupPrefix?: string): Fact[] {
  return rows.map(([subject, answer], i): Fact => {
    const others = rows.filter(([, a], j) => j !== i && a !== answer).map(([, a]) => a);
    const wrong = [...new Set(others)];
    // Rotate so that neighbouring rows do not all share the same three distractors.
    const start = i % Math.max(1, wrong.length);
    const fact: Fact = { stem: stem(subject), right: answer, wrong: [...wrong.slice(start), ...wrong.slice(0, start)].slice(0, 3) };
    if (groupPrefix !== undefined) fact.group = `${groupPrefix}${i}`;
    return fact;
  });
}

/**
 * A table read both ways (“熔断器的文字符号为 FU” and “文字符号 FU 表示的电器是熔断器”); the two facts of a row
 * share an enemy group. Example: `pairTable((s) => …, (a) => …, rows, 'sym')`.
 */
export function pairTable(
  forward: (subject: string) => string,
  backward: (answer: string) => string,
  rows: readonly (readonly [string, string])[],
  group: string,
): Fact[] {
  return [...tableFacts(forward, rows, group), ...tableFacts(backward, rows.map(([s, a]) => [a, s] as const), group)];
}
