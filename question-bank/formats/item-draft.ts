import { DomainError, ImportRejected, type RowError } from '../errors';
import type { Item, ItemOption, ItemStatus, ItemType, Level } from '../types';
import { ImportEmpty } from './format-errors';
import { DEFAULT_MAX_ROWS, assertRowLimit } from './text-guards';
import { ITEM_TYPE_HELP, JUDGE_OPTIONS, OPTION_LABELS, parseItemStatus, parseItemType, parseJudgeAnswer } from './vocabulary';

/**
 * An item as an author provides it in an import file: the fields of `Item` minus what the bank assigns
 * (`id`, `version`, `statsN`, `exposure`). `occupationCode`/`level` come from the caller's `ImportContext`.
 * `externalId` keeps the file's own id (编号, Moodle idnumber, QTI identifier) for tracing back.
 */
export interface ItemDraft {
  occupationCode: string;
  level: Level;
  type: ItemType;
  stem: string;
  options: ItemOption[];
  key: string[];
  reference?: string;
  pointCode: string;
  difficulty: number;
  discrimination: number;
  enemyGroup: string | null;
  status: ItemStatus;
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

export const DEFAULT_DIFFICULTY = 0.65;
export const DEFAULT_DISCRIMINATION = 0.3;

/**
 * 鉴定点 code: letter segments (鉴定范围 A, sub-range B, …) joined by `-`, ending in a three-digit point number:
 * `A-001`, `A-B-001`, `A-B-C-001`.
 */
export const POINT_CODE_PATTERN = /^[A-Z]{1,3}(?:-[A-Z]{1,3}){0,4}-\d{3}$/;

const OCCUPATION_CODE_PATTERN = /^\d-\d{2}-\d{2}-\d{2}$/;

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
 * Validate and complete sources into drafts, all or nothing.
 * Throws `ImportRejected` listing every problem (plus `preErrors` a format found while reading),
 * `UploadRefused('UPLOAD_TOO_MANY_ROWS')` beyond `limits.maxRows`, `ImportEmpty` for no items,
 * `DomainError('IMPORT_BAD_CONTEXT')` for a malformed occupation code or level.
 *
 * Example: `buildDrafts([{ row: 2, type: '单选', stem: '…', options, key: 'B', pointCode: 'A-B-001' }], ctx, (f) => FIELD_LABELS[f])`.
 */
export function buildDrafts(
  sources: readonly DraftSource[],
  ctx: ImportContext,
  columnOf: (field: DraftField) => string,
  options: {
    preErrors?: readonly RowError[];
    limits?: ParseLimits;
    format: string;
    unit?: '行' | '条' | '题';
    /** Where this format carries the 鉴定点, appended to the “missing 鉴定点” message. */
    pointCodeHint?: string;
  },
): ParsedItems {
  assertContext(ctx);
  assertRowLimit(sources.length, options.limits?.maxRows ?? DEFAULT_MAX_ROWS);
  const errors: RowError[] = [...(options.preErrors ?? [])];
  const items: ItemDraft[] = [];
  const seenStems = new Map<string, number>();
  const seenIds = new Map<string, number>();
  const unit = options.unit ?? '行';
  for (const src of sources) {
    const report = (field: DraftField, problem: string) => errors.push({ row: src.row, column: columnOf(field), problem });
    const draft = validateSource(src, ctx, report, options.pointCodeHint);
    if (draft === undefined) continue;
    const dupKey = duplicateKey(draft);
    const firstRow = seenStems.get(dupKey);
    if (firstRow !== undefined) {
      const same = draft.type === 'single' || draft.type === 'multi' ? '（选项也相同）' : '';
      report('stem', `与第 ${firstRow} ${unit}题干重复${same}`);
    } else {
      seenStems.set(dupKey, src.row);
    }
    if (draft.externalId !== undefined) {
      const idRow = seenIds.get(draft.externalId);
      if (idRow !== undefined) report('externalId', `编号“${draft.externalId}”与第 ${idRow} ${unit}重复`);
      else seenIds.set(draft.externalId, src.row);
    }
    items.push(draft);
  }
  if (errors.length > 0) throw new ImportRejected(sortErrors(errors));
  if (items.length === 0) throw new ImportEmpty(options.format);
  return { items };
}

function assertContext(ctx: ImportContext): void {
  if (!OCCUPATION_CODE_PATTERN.test(ctx.occupationCode) || ![1, 2, 3, 4, 5].includes(ctx.level)) {
    throw new DomainError('IMPORT_BAD_CONTEXT', `导入目标无效：职业编码应形如 6-31-01-03，等级应为 1–5`, 'invalid', {
      occupationCode: ctx.occupationCode,
      level: ctx.level,
    });
  }
}

function sortErrors(errors: RowError[]): RowError[] {
  return errors.map((e, i) => ({ e, i })).sort((a, b) => a.e.row - b.e.row || a.i - b.i).map(({ e }) => e);
}

/**
 * Generic stems such as “下列说法正确的是（ ）” recur with different options in real banks, so a choice item is a
 * duplicate only when its options match too. Whitespace is ignored.
 */
function duplicateKey(d: ItemDraft): string {
  const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  const opts = d.type === 'single' || d.type === 'multi' ? d.options.map((o) => squash(o.text)).join('\u0001') : '';
  return `${squash(d.stem)}\u0000${opts}`;
}

type Report = (field: DraftField, problem: string) => void;

function validateSource(src: DraftSource, ctx: ImportContext, report: Report, pointCodeHint = ''): ItemDraft | undefined {
  let ok = true;
  const fail = (field: DraftField, problem: string) => {
    ok = false;
    report(field, problem);
  };

  if (src.occupationCode !== undefined && src.occupationCode.trim() !== '' && src.occupationCode.trim() !== ctx.occupationCode) {
    fail('occupationCode', `职业编码“${src.occupationCode}”与本次导入的职业 ${ctx.occupationCode} 不一致`);
  }
  if (src.level !== undefined && src.level !== ctx.level) {
    fail('level', `等级 ${src.level} 与本次导入的等级 ${ctx.level} 不一致`);
  }

  const typeText = (src.type ?? '').trim();
  const type = typeText === '' ? undefined : parseItemType(typeText);
  if (typeText === '') fail('type', `题型不能为空，可填 ${ITEM_TYPE_HELP}`);
  else if (type === undefined) fail('type', `无法识别的题型“${typeText}”，可填 ${ITEM_TYPE_HELP}`);

  const stem = normalizeText(src.stem ?? '');
  if (stem === '') fail('stem', '题干不能为空');

  const pointCode = (src.pointCode ?? '').normalize('NFKC').trim().toUpperCase();
  if (pointCode === '') fail('pointCode', `鉴定点不能为空，格式如 A-B-001${pointCodeHint === '' ? '' : `；${pointCodeHint}`}`);
  else if (!POINT_CODE_PATTERN.test(pointCode)) {
    fail('pointCode', `鉴定点“${src.pointCode}”格式不对：应为以“-”相连的大写字母段加三位数字，如 A-B-001`);
  }

  const difficulty = numberField(src.difficulty, ctx.defaultDifficulty ?? DEFAULT_DIFFICULTY);
  if (difficulty === undefined || !(difficulty > 0 && difficulty <= 1)) {
    fail('difficulty', `难度必须是大于 0、不超过 1 的数（如 0.65），当前为“${String(src.difficulty)}”`);
  }
  const discrimination = numberField(src.discrimination, ctx.defaultDiscrimination ?? DEFAULT_DISCRIMINATION);
  if (discrimination === undefined || !(discrimination >= -1 && discrimination <= 1)) {
    fail('discrimination', `区分度必须是 -1 到 1 之间的数（如 0.3），当前为“${String(src.discrimination)}”`);
  }

  const statusText = (src.status ?? '').trim();
  const status: ItemStatus | undefined = statusText === '' ? 'active' : parseItemStatus(statusText);
  if (status === undefined) fail('status', `无法识别的状态“${statusText}”，可填 启用、草稿、停用（或 active、draft、retired）`);

  const enemyGroup = (src.enemyGroup ?? '').trim();
  if (enemyGroup.length > 64) fail('enemyGroup', '互斥组名称不能超过 64 个字符');
  const externalId = (src.externalId ?? '').trim();

  const body = type === undefined ? undefined : validateBody(type, src, fail);

  if (!ok || type === undefined || body === undefined || status === undefined || difficulty === undefined || discrimination === undefined) {
    return undefined;
  }
  const draft: ItemDraft = {
    occupationCode: ctx.occupationCode,
    level: ctx.level,
    type,
    stem,
    options: body.options,
    key: body.key,
    pointCode,
    difficulty,
    discrimination,
    enemyGroup: enemyGroup === '' ? null : enemyGroup,
    status,
  };
  if (body.reference !== undefined) draft.reference = body.reference;
  if (externalId !== '') draft.externalId = externalId;
  return draft;
}

function numberField(raw: string | number | undefined, fallback: number): number | undefined {
  if (raw === undefined) return fallback;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  const t = raw.normalize('NFKC').trim();
  if (t === '') return fallback;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

interface Body {
  options: ItemOption[];
  key: string[];
  reference?: string;
}

function validateBody(type: ItemType, src: DraftSource, fail: Report): Body | undefined {
  switch (type) {
    case 'judge':
      return judgeBody(src, fail);
    case 'single':
    case 'multi':
      return choiceBody(type, src, fail);
    case 'subjective':
      return subjectiveBody(src, fail);
    default: {
      const never: never = type;
      return never;
    }
  }
}

function judgeBody(src: DraftSource, fail: Report): Body | undefined {
  const given = (src.options ?? []).map((o) => normalizeText(o.text)).filter((t) => t !== '');
  // Some offices type 正确/错误 into the option columns of a 判断题; anything else means a wrong 题型.
  const harmless = given.length === 0 || (given.length === 2 && given.every((t) => parseJudgeAnswer(t) !== undefined));
  if (!harmless) fail('options', '判断题不填选项（固定为“正确/错误”），请检查题型是否应为单选或多选');
  const raw = src.key;
  const text = typeof raw === 'string' ? raw.trim() : raw?.length === 1 ? raw[0]! : '';
  if (text === '') {
    fail('key', '判断题答案不能为空，可填 对/错、正确/错误、T/F 或 √/×');
    return undefined;
  }
  const answer = parseJudgeAnswer(text);
  if (answer === undefined) {
    fail('key', `判断题答案只能是 对/错、正确/错误、T/F 或 √/×，当前为“${text}”`);
    return undefined;
  }
  return harmless ? { options: JUDGE_OPTIONS.map((o) => ({ ...o })), key: [answer] } : undefined;
}

function subjectiveBody(src: DraftSource, fail: Report): Body | undefined {
  if ((src.options ?? []).some((o) => o.text.trim() !== '')) {
    fail('options', '主观题（简答/计算/论述）不填选项，请检查题型');
    return undefined;
  }
  // Tabular formats have one 答案 column; for a 主观题 it holds the 参考答案.
  const fromKey = typeof src.key === 'string' ? src.key : undefined;
  const reference = normalizeText(src.reference ?? fromKey ?? '');
  if (reference === '') {
    fail(src.reference !== undefined || fromKey === undefined ? 'reference' : 'key', '主观题必须填写参考答案（评分依据）');
    return undefined;
  }
  return { options: [], key: [], reference };
}

function choiceBody(type: 'single' | 'multi', src: DraftSource, fail: Report): Body | undefined {
  const name = type === 'single' ? '单选题' : '多选题';
  const options = (src.options ?? []).map((o) => {
    const opt: ItemOption = { label: o.label.normalize('NFKC').trim().toUpperCase(), text: normalizeText(o.text) };
    if (o.fraction !== undefined) opt.fraction = o.fraction;
    return opt;
  });
  let ok = true;
  const bad = (field: DraftField, problem: string) => {
    ok = false;
    fail(field, problem);
  };
  if (options.length < 2) bad('options', `${name}至少需要 2 个选项，当前 ${options.length} 个`);
  if (options.length > OPTION_LABELS.length) bad('options', `选项最多 ${OPTION_LABELS.length} 个（A–H），当前 ${options.length} 个`);
  const labels = options.map((o) => o.label);
  options.forEach((o, i) => {
    if (o.text === '') bad('options', `选项 ${o.label} 内容为空`);
    if (!/^[A-Z]$/.test(o.label)) bad('options', `选项标号“${o.label}”应为 A–H 中的一个字母`);
    const first = options.findIndex((p) => p.label === o.label);
    if (first !== i) bad('options', `选项标号 ${o.label} 重复`);
    const same = options.findIndex((p) => p.text !== '' && p.text === o.text);
    if (same !== i && same >= 0 && o.text !== '') bad('options', `选项 ${o.label} 与选项 ${options[same]!.label} 内容相同`);
  });

  const keyLabels = parseKeyLabels(src.key);
  const keyText = typeof src.key === 'string' ? src.key.trim() : (src.key ?? []).join('');
  const example = type === 'single' ? '（如 B）' : '（如 ABD）';
  if (keyLabels === undefined || keyLabels.length === 0) {
    if (keyText === '') bad('key', `${name}答案不能为空，请填写选项字母${example}`);
    else bad('key', `${name}答案只能由选项字母组成${example}，当前为“${keyText}”`);
    return undefined;
  }
  const distinct = [...new Set(keyLabels)];
  if (distinct.length !== keyLabels.length) bad('key', `答案“${keyText}”中有重复的选项字母`);
  if (type === 'single' && distinct.length !== 1) bad('key', `单选题答案必须是一个选项字母${example}，当前为“${keyText}”`);
  if (type === 'multi' && distinct.length < 2) bad('key', `多选题答案至少包含两个选项字母${example}，当前为“${keyText}”`);
  const missing = distinct.filter((l) => !labels.includes(l));
  if (missing.length > 0 && labels.length > 0) {
    bad('key', `答案中的 ${missing.join('、')} 不在已填写的选项 ${labels.join('、')} 中`);
  }
  if (!ok) return undefined;
  const key = labels.filter((l) => distinct.includes(l));
  const withFractions = checkFractions(type, options, key, bad);
  if (!ok || withFractions === undefined) return undefined;
  return { options: withFractions, key };
}

/** Key labels from “A,B,D” / “ABD” / “a、b” / ['A','D']; undefined when something is not a letter. */
function parseKeyLabels(raw: string | readonly string[] | undefined): string[] | undefined {
  if (raw === undefined) return [];
  if (typeof raw !== 'string') {
    const labels = raw.map((l) => l.normalize('NFKC').trim().toUpperCase());
    return labels.every((l) => /^[A-Z]$/.test(l)) ? labels : undefined;
  }
  const compact = raw.normalize('NFKC').toUpperCase().replace(/[\s,，、;；/|]+/g, '');
  if (compact === '') return [];
  return /^[A-Z]+$/.test(compact) ? [...compact] : undefined;
}

/**
 * Partial-credit weights (Moodle/GIFT/QTI mapping, xlsx 选项分值). Kept only where they differ from the
 * all-or-nothing default (1 for a key option, 0 otherwise), so plain items carry no `fraction` at all.
 */
function checkFractions(
  type: 'single' | 'multi',
  options: ItemOption[],
  key: string[],
  bad: (field: DraftField, problem: string) => void,
): ItemOption[] | undefined {
  const given = options.filter((o) => o.fraction !== undefined);
  if (given.length === 0) return options;
  let ok = true;
  const fail = (p: string) => {
    ok = false;
    bad('fractions', p);
  };
  for (const o of given) {
    if (!Number.isFinite(o.fraction) || o.fraction! < -1 || o.fraction! > 1) fail(`选项 ${o.label} 的分值必须在 -100% 到 100% 之间`);
  }
  if (!ok) return undefined;
  const fractionOf = (o: ItemOption) => o.fraction ?? (key.includes(o.label) ? 1 : 0);
  if (type === 'single') {
    const keyOpt = options.find((o) => o.label === key[0])!;
    if (Math.abs(fractionOf(keyOpt) - 1) > 1e-6) fail(`单选题正确选项 ${keyOpt.label} 的分值必须是 100%`);
    for (const o of options) if (o.label !== keyOpt.label && fractionOf(o) >= 1) fail(`单选题只有正确选项可得 100%，选项 ${o.label} 不可`);
  } else {
    for (const o of options) {
      const f = fractionOf(o);
      if (key.includes(o.label) && f <= 0) fail(`多选题正确选项 ${o.label} 的分值必须大于 0`);
      if (!key.includes(o.label) && f > 0) fail(`选项 ${o.label} 不是答案，分值不能大于 0`);
    }
    const sum = options.reduce((s, o) => s + Math.max(0, fractionOf(o)), 0);
    if (ok && Math.abs(sum - 1) > 0.01) fail(`多选题各正确选项的分值之和应为 100%，当前为 ${roundFraction(sum * 100)}%`);
  }
  if (!ok) return undefined;
  // Moodle and GIFT cannot say “all or nothing” for a multi: their plain encoding is an equal split over the
  // key with 0 elsewhere. That carries nothing beyond the key (the blueprint decides partial credit), so it is
  // stored as no fractions, and the exporters write it back the same way.
  const equalSplit =
    type === 'multi' && options.every((o) => Math.abs(fractionOf(o) - (key.includes(o.label) ? 1 / key.length : 0)) < 1e-6);
  if (equalSplit) return options.map((o) => ({ label: o.label, text: o.text }));
  return options.map((o) => {
    const f = roundFraction(fractionOf(o));
    const implied = key.includes(o.label) ? 1 : 0;
    return Math.abs(f - implied) < 1e-9 ? { label: o.label, text: o.text } : { label: o.label, text: o.text, fraction: f };
  });
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
