import { LEVEL_NAMES as LEVEL_NAMES_SHARED } from '../../../../question-bank/vocabulary';
/**
 * Shapes of the bank API as the pages use them (types only, imported from the server), Chinese names of the
 * domain's closed unions, and the small helpers every bank page shares.
 */
import { createResource } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { http } from '../../lib/http';
import { me } from '../../lib/session';
import type { PublicItem } from '../../../../server/bank/item-store';
import type { PublicBlueprint, PublicSpec } from '../../../../server/bank/blueprint-store';
import type { Coverage } from '../../../../server/bank/coverage';
import type { ImportPreview } from '../../../../server/bank/item-import';
import type { PublicPaperSet } from '../../../../server/bank/paper-store';
import type { BuildJob } from '../../../../server/bank/build-jobs';
import type { LedgerRow } from '../../../../server/bank/routes/paper-routes';
import type { BankOverviewRow } from '../../../../server/bank/routes/overview-routes';
import type { ItemType, ItemStatus, BlueprintNode, PaperSection, MultiChoiceRule, SittingAnalysis, ShortCell } from '../../../../question-bank';

export type { PublicItem, PublicBlueprint, PublicSpec, Coverage, ImportPreview, PublicPaperSet, BuildJob, LedgerRow, BankOverviewRow };
export type { ItemType, ItemStatus, BlueprintNode, PaperSection, MultiChoiceRule, SittingAnalysis, ShortCell };

/** An occupation as `/api/occupations` lists it. */
export interface Occupation {
  id: number;
  code: string;
  name: string;
  workType: string | null;
  levels: number[];
}

/** One item of a paper as `GET /api/bank/papers/:id` shows it. */
export interface PaperItemView {
  no: number;
  itemId: string;
  version: number;
  /** Null when the bank does not hold the pinned version (a paper stored from outside the bank). */
  rowId: number | null;
  type: ItemType;
  pointCode: string;
  marks: number;
  key: string[];
  stem: string;
  options: { label: string; text: string }[];
  reference: string | null;
  difficulty: number | null;
  discrimination: number | null;
}

export interface PaperView {
  paper: {
    id: number;
    setId: number;
    form: string;
    status: string;
    approvedBy: number | null;
    approvedAt: string | null;
    occupationId: number;
    occupationCode: string;
    occupationName: string;
    level: number;
    component: string;
    builtBy: number;
    createdAt: string;
  };
  spec: PublicSpec;
  items: PaperItemView[];
  ledger: LedgerRow[];
}

export interface SittingOption {
  id: number;
  date: string;
  startTime: string;
  durationMin: number;
  venue: string;
  status: string;
  batchCode: string;
  batchName: string;
  paper: { id: number; form: string; paperSetId: number | null } | null;
}

export const TYPE_NAMES: Record<ItemType, string> = { judge: '判断题', single: '单选题', multi: '多选题', subjective: '主观题' };
export const STATUS_NAMES: Record<ItemStatus, string> = { active: '启用', draft: '草稿', retired: '停用' };
export const LEVEL_NAMES: Record<number, string> = LEVEL_NAMES_SHARED;
export const PAPER_STATUS: Record<string, { label: string; cls: string }> = {
  built: { label: '待审核', cls: 'warn' },
  approved: { label: '已审核', cls: 'ok' },
  released: { label: '已发放', cls: 'ok' },
  used: { label: '已使用', cls: 'muted' },
  archived: { label: '已归档', cls: 'muted' },
};
export const LEDGER_EVENTS: Record<string, string> = {
  built: '组卷',
  approved: '审核通过',
  released: '发放',
  used: '使用',
  archived: '归档',
  printed: '打印',
  analysed: '试题分析',
};
export const SITTING_STATUS: Record<string, string> = { scheduled: '未开考', open: '考试中', closed: '已结束' };

/** The signed-in user may change the bank (the supervisor only reads). */
export const canEdit = () => me()?.role === 'admin';

/** The occupation catalogue, loaded once per page. */
export function useOccupations() {
  const [occupations] = createResource(async () => (await http.get<{ occupations: Occupation[] }>('/api/occupations')).occupations);
  return occupations;
}

/**
 * The occupation × level a page works on, kept in the URL (`?occupationId=1&level=4`) so links and reloads keep
 * it. Without one in the URL: the first occupation × level that has paper sets, else items, else a blueprint.
 */
export function useScope(occupations: () => Occupation[] | undefined) {
  const [params, setParams] = useSearchParams();
  const [overview] = createResource(
    () => (params.occupationId ? null : true),
    async () => (await http.get<{ rows: BankOverviewRow[] }>('/api/bank/overview')).rows,
  );
  const fallback = () => {
    const rows = overview() ?? [];
    const row = rows.find((r) => r.paperSets > 0) ?? rows.find((r) => r.items.active > 0) ?? rows.find((r) => r.blueprintId !== null);
    return row ? { occupationId: row.occupationId, level: row.level } : null;
  };
  const occupationId = () => {
    const v = Number(params.occupationId);
    if (Number.isInteger(v) && v > 0) return v;
    if (!params.occupationId && overview.loading) return 0;
    return fallback()?.occupationId ?? occupations()?.[0]?.id ?? 0;
  };
  const occupation = () => occupations()?.find((o) => o.id === occupationId());
  const level = () => {
    const v = Number(params.level ?? fallback()?.level);
    const levels = occupation()?.levels ?? [];
    if (levels.includes(v)) return v;
    return levels.includes(4) ? 4 : (levels[0] ?? 4);
  };
  return {
    occupationId,
    occupation,
    level,
    set: (o: number, l: number) => setParams({ occupationId: String(o), level: String(l) }),
    query: () => `occupationId=${occupationId()}&level=${level()}`,
  };
}

export { useAction } from '../../lib/use-action';

/** `0.653` → `0.653`; null → `—`. */
/**
 * A build deviation for people: values below 1e-9 are floating-point noise and read 0 (toExponential printed
 * 6.0e-16 / 0.0e+0), others show 4 significant digits. Non-numbers give '—'. Example: deviation(6e-16) === '0'.
 */
export function deviation(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return Math.abs(n) < 1e-9 ? '0' : String(Number(n.toPrecision(4)));
}

/** Paper sets newest first (createdAt, then id), whatever order they arrived in. */
export function newestFirst<T extends { id: number; createdAt: string }>(sets: readonly T[]): T[] {
  return [...sets].sort((a, b) => (a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1));
}

/**
 * An item's key as people read it: judge items √/× (stored as T/F), others the option labels joined.
 * Example: keyText('judge', ['T']) === '√'; keyText('multi', ['A', 'C']) === 'AC'.
 */
export function keyText(type: string, key: readonly string[]): string {
  return type === 'judge' ? (key[0] === 'T' ? '√' : '×') : key.join('');
}

export function fixed(n: number | null | undefined, digits = 3): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits);
}

/** ISO time → `2026-11-23 09:00`. */
export function when(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}
