/**
 * 认定结果汇总表: per occupation (and 工种), the number of candidates certified at each level 五级…一级,
 * a subtotal per line and a total line. Pure; `server/reports/summary-xlsx.ts` writes it.
 */
import type { Level } from '../question-bank/types';
import { LEVELS_LOW_TO_HIGH, isLevel } from '../question-bank/vocabulary';
import { ScoringInputInvalid } from './errors';
import { NO_WORK_TYPE, workTypeText } from './roster';

/** One certified candidate (or, with `count`, several) for the summary. */
export interface SummaryInput {
  occupationCode: string;
  occupationName: string;
  workTypeName?: string | null;
  level: Level;
  count?: number;
}

/** One line: occupation × 工种 (`--` when none), counts per level and subtotal. */
export interface SummaryLine {
  occupationCode: string;
  occupationName: string;
  workTypeName: string;
  byLevel: Record<Level, number>;
  subtotal: number;
}

/** The table body and its total line. */
export interface ResultSummary {
  lines: SummaryLine[];
  totals: { byLevel: Record<Level, number>; total: number };
}

/** Header data printed above the table: organization, report date, 备案号 (filing number). */
export interface SummaryHeader {
  organization: string;
  reportDate: string;
  filingNumber: string;
}

const zero = (): Record<Level, number> => ({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });

/**
 * Count certified candidates per occupation × 工种 × level. Lines are ordered by occupation code, then
 * 工种 name (`--` first). Throws `ScoringInputInvalid` for a bad level or count, or when one occupation
 * code carries two different names (a data error the report must not hide).
 * Example: two 电工 四级 and one 电工 三级 → one line `{ byLevel: { 4: 2, 3: 1, … }, subtotal: 3 }`.
 */
export function buildResultSummary(passed: Iterable<SummaryInput>): ResultSummary {
  const lines = new Map<string, SummaryLine>();
  const names = new Map<string, string>();
  for (const p of passed) {
    if (!isLevel(p.level)) throw new ScoringInputInvalid('level', `等级 ${String(p.level)} 应为 1–5`);
    const count = p.count ?? 1;
    if (!(Number.isInteger(count) && count >= 0)) throw new ScoringInputInvalid('count', `人数 ${count} 应为非负整数`);
    const known = names.get(p.occupationCode);
    if (known !== undefined && known !== p.occupationName) {
      throw new ScoringInputInvalid('occupationName', `职业编码 ${p.occupationCode} 对应两个名称：${known}、${p.occupationName}`);
    }
    names.set(p.occupationCode, p.occupationName);
    const workType = workTypeText(p.workTypeName);
    const key = `${p.occupationCode}\u0000${workType}`;
    let line = lines.get(key);
    if (!line) {
      line = { occupationCode: p.occupationCode, occupationName: p.occupationName, workTypeName: workType, byLevel: zero(), subtotal: 0 };
      lines.set(key, line);
    }
    line.byLevel[p.level] += count;
    line.subtotal += count;
  }
  const sorted = [...lines.values()].sort((a, b) =>
    a.occupationCode !== b.occupationCode
      ? a.occupationCode < b.occupationCode ? -1 : 1
      : a.workTypeName === b.workTypeName ? 0 : a.workTypeName === NO_WORK_TYPE ? -1 : b.workTypeName === NO_WORK_TYPE ? 1 : a.workTypeName.localeCompare(b.workTypeName, 'zh-CN'),
  );
  const totals = { byLevel: zero(), total: 0 };
  for (const line of sorted) {
    for (const l of LEVELS_LOW_TO_HIGH) totals.byLevel[l] += line.byLevel[l];
    totals.total += line.subtotal;
  }
  return { lines: sorted, totals };
}
