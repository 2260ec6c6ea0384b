import type { RowError } from '../errors';
import type { Item, ItemOption, Level } from '../types';

/**
 * An item as an author provides it in an import file: the fields of `Item` minus what the bank assigns
 * (`id`, `version`, `statsN`, `exposure`). `occupationCode`/`level` come from the caller's `ImportContext`.
 * `externalId` keeps the file's own id (编号, Moodle idnumber, QTI identifier) for tracing back.
 */
export interface ItemDraft extends Omit<Item, 'id' | 'version' | 'statsN' | 'exposure'> {
  externalId?: string;
}

/** Where imported items go: one occupation (职业编码) and level; defaults for absent statistics. */
export interface ImportContext {
  occupationCode: string;
  level: Level;
  /** Author's estimate when the file gives none; default 0.65 (the bank's target mean p-value). */
  defaultDifficulty?: number;
  /** Default 0.3 (the usual "good item" threshold). */
  defaultDiscrimination?: number;
}

/** Limits a pure parser enforces itself (the server adds byte and zip limits). */
export interface ParseLimits {
  /** Most items/data rows accepted; default 20,000. */
  maxRows?: number;
}

/** The result of every parser. */
export interface ParsedItems {
  items: ItemDraft[];
}

/** What an exporter needs: an `Item` or an `ItemDraft` (id/externalId optional). */
export type ExportableItem = Pick<
  Item,
  'type' | 'stem' | 'options' | 'key' | 'pointCode' | 'difficulty' | 'discrimination' | 'enemyGroup' | 'status'
> & { reference?: string; id?: string; externalId?: string };

/** Difficulty (p-value) assumed when a file gives none: the bank's target mean. */
export const DEFAULT_DIFFICULTY = 0.65;
/** Discrimination assumed when a file gives none: the usual threshold of a good item. */
export const DEFAULT_DISCRIMINATION = 0.3;

/**
 * 鉴定点 code: letter segments (鉴定范围 A, sub-range B, …) joined by `-`, ending in a three-digit point number:
 * `A-001`, `A-B-001`, `A-B-C-001`.
 */
export const POINT_CODE_PATTERN = /^[A-Z]{1,3}(?:-[A-Z]{1,3}){0,4}-\d{3}$/;

/** The fields a format can report a problem in; each format names them in its own words. */
export type DraftField =
  | 'type'
  | 'pointCode'
  | 'stem'
  | 'options'
  | 'key'
  | 'fractions'
  | 'reference'
  | 'difficulty'
  | 'discrimination'
  | 'enemyGroup'
  | 'status'
  | 'externalId'
  | 'occupationCode'
  | 'level';

/** Chinese field names, used by the non-tabular formats (Moodle, GIFT, QTI). */
export const FIELD_LABELS: Record<DraftField, string> = {
  type: '题型',
  pointCode: '鉴定点',
  stem: '题干',
  options: '选项',
  key: '答案',
  fractions: '选项分值',
  reference: '参考答案',
  difficulty: '难度',
  discrimination: '区分度',
  enemyGroup: '互斥组',
  status: '状态',
  externalId: '编号',
  occupationCode: '职业编码',
  level: '等级',
};

/**
 * One item as read from a file, before validation. Each format fills what it has: raw text where the file
 * has text (CSV `答案` “ABD”), typed values where the format is structured (Moodle fractions, QTI key labels).
 * `row` is what the user can find in the file (sheet row, JSON element number, GIFT line, question number).
 */
export interface DraftSource {
  row: number;
  type?: string;
  stem?: string;
  options?: ItemOption[];
  key?: string | readonly string[];
  reference?: string;
  pointCode?: string;
  difficulty?: string | number;
  discrimination?: string | number;
  enemyGroup?: string | null;
  status?: string;
  externalId?: string;
  occupationCode?: string;
  level?: number;
}

/**
 * Normalise author text the same way for every format, so that round trips and duplicate checks agree:
 * CRLF → LF, NBSP → space, runs of spaces/tabs collapsed, lines trimmed, empty lines dropped.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** Fractions are kept to 7 decimals (Moodle's precision), so 1/3 written as 33.33333 % round-trips exactly. */
export function roundFraction(f: number): number {
  return Math.round(f * 1e7) / 1e7;
}

/**
 * How a format's row numbers read: `sheet` 第 3 行 “答案” 列 (xlsx, CSV), `line` 第 3 行 “答案” (GIFT),
 * `entry` 第 3 条 “key” (JSON), `question` 第 3 题 “答案” (Moodle, QTI).
 */
export type RowPlace = 'sheet' | 'line' | 'entry' | 'question';

/**
 * One row error as a Chinese sentence. Example: `formatRowError({ row: 3, column: '答案', problem: '单选题答案必须是一个选项字母' })`
 * → `第 3 行 “答案” 列：单选题答案必须是一个选项字母`.
 */
export function formatRowError(e: RowError, place: RowPlace = 'sheet'): string {
  switch (place) {
    case 'sheet':
      return `第 ${e.row} 行 “${e.column}” 列：${e.problem}`;
    case 'line':
      return `第 ${e.row} 行 “${e.column}”：${e.problem}`;
    case 'entry':
      return `第 ${e.row} 条 “${e.column}”：${e.problem}`;
    case 'question':
      return `第 ${e.row} 题 “${e.column}”：${e.problem}`;
    default: {
      const never: never = place;
      return never;
    }
  }
}

/**
 * Each option's credit as Moodle/GIFT write it (−1…1): the stored fraction, else the all-or-nothing default —
 * 1 for a single's key, an equal split of 1 over a multi's key, 0 otherwise.
 * Example: multi key A,C of A–D without fractions → `[0.5, 0, 0.5, 0]`.
 */
export function optionWeights(item: Pick<ItemDraft, 'type' | 'options' | 'key'>): number[] {
  const share = item.type === 'multi' ? 1 / item.key.length : 1;
  return item.options.map((o) => o.fraction ?? (item.key.includes(o.label) ? share : 0));
}

/** A weight as a percentage string with at most 5 decimals (“33.33333”, “-100”, “50”). */
export function percentText(weight: number): string {
  return String(Math.round(weight * 1e7) / 1e5);
}
