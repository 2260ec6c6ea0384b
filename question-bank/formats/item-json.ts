import { z } from 'zod';
import type { RowError } from '../errors';
import type { ItemOption } from '../types';
import { UploadRefused } from './format-errors';
import { buildDrafts } from './build-drafts';
import { type DraftField, type DraftSource, type ExportableItem, type ImportContext, type ParseLimits, type ParsedItems } from './item-draft';
import { DEFAULT_MAX_ROWS, assertNoPrototypeKeys, assertRowLimit, decodeUtf8Text } from './text-guards';
import { OPTION_LABELS } from './vocabulary';

const optionSchema = z.union([
  z.string(),
  z.strictObject({ label: z.string().optional(), text: z.string(), fraction: z.number().optional() }),
]);

/**
 * Shape of one JSON item: the English field names of `ItemDraft`. Unknown fields are errors (they are
 * usually typos, e.g. `stems`), except the bank's own `Item` fields so an exported `Item[]` re-imports.
 * Values are checked for type here; meaning (known type, ranges, key vs options) is checked by `buildDrafts`,
 * so every format reports the same problems in the same words.
 */
const itemSchema = z.strictObject({
  type: z.string(),
  stem: z.string(),
  options: z.array(optionSchema).optional(),
  key: z.union([z.array(z.string()), z.string()]).optional(),
  reference: z.string().optional(),
  pointCode: z.string(),
  difficulty: z.number().optional(),
  discrimination: z.number().optional(),
  enemyGroup: z.string().nullable().optional(),
  status: z.string().optional(),
  externalId: z.string().optional(),
  occupationCode: z.string().optional(),
  level: z.number().optional(),
  // Fields of a stored `Item`, tolerated and ignored (the bank assigns them afresh), except `id` → externalId.
  id: z.string().optional(),
  version: z.number().optional(),
  statsN: z.number().optional(),
  exposure: z.number().optional(),
});

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  array: '数组',
  object: '对象',
  boolean: '布尔值',
  null: 'null',
};

/** Chinese wording for a zod issue; keeps the JSON field name as the column so the user finds it in the file. */
function issueToRowError(issue: z.core.$ZodIssue, row: number, raw: unknown): RowError[] {
  const column = issue.path.length > 0 ? issue.path.map(String).join('.') : '(整条)';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.path.length === 1 && (raw as Record<string, unknown>)[String(issue.path[0])] === undefined) {
        return [{ row, column, problem: `缺少必填字段 ${column}` }];
      }
      if (issue.path.length === 0) return [{ row, column, problem: '每条试题应为一个对象 { ... }' }];
      return [{ row, column, problem: `应为${TYPE_NAMES[issue.expected] ?? issue.expected}` }];
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ row, column: k, problem: `未知字段 ${k}（字段名区分大小写，如 stem、pointCode）` }));
    case 'invalid_union':
      return [{ row, column, problem: column.startsWith('options') ? '选项应为文本，或 { label, text, fraction } 对象' : '格式不对：应为文本或文本数组' }];
    default:
      return [{ row, column, problem: `格式不对（${issue.code}）` }];
  }
}

/**
 * Import items from JSON: an array of objects (or `{ "items": [...] }`) with `ItemDraft`'s English field
 * names; `options` as strings (labelled A, B, … in order) or `{ label, text, fraction }`; `key` as labels or
 * text (“ABD”, “对”). Row numbers are element positions from 1. Throws `UploadRefused` (syntax, top-level
 * shape, prototype keys, too many items) or `ImportRejected`.
 *
 * Example: `parseItemsJson('[{"type":"judge","stem":"…","key":"T","pointCode":"A-B-001"}]', ctx)`.
 */
export function parseItemsJson(input: Uint8Array | string, ctx: ImportContext, limits?: ParseLimits): ParsedItems {
  const text = decodeUtf8Text(input, ['"stem"', '"type"']);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UploadRefused('UPLOAD_MALFORMED', `JSON 语法错误：${(e as Error).message}`, { format: 'json' });
  }
  assertNoPrototypeKeys(data);
  const list = Array.isArray(data) ? data : isItemsWrapper(data) ? data.items : undefined;
  if (list === undefined) {
    throw new UploadRefused('UPLOAD_MALFORMED', 'JSON 顶层应为试题数组 [ {...}, ... ]，或 { "items": [ ... ] }', { format: 'json' });
  }
  assertRowLimit(list.length, limits?.maxRows ?? DEFAULT_MAX_ROWS);
  const errors: RowError[] = [];
  const sources: DraftSource[] = [];
  list.forEach((raw, i) => {
    const row = i + 1;
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success) {
      errors.push(...parsed.error.issues.flatMap((iss) => issueToRowError(iss, row, raw)));
      return;
    }
    const v = parsed.data;
    const options: ItemOption[] = (v.options ?? []).map((o, j) => {
      const label = typeof o === 'string' ? undefined : o.label;
      const opt: ItemOption = { label: label ?? OPTION_LABELS[j] ?? `#${j + 1}`, text: typeof o === 'string' ? o : o.text };
      if (typeof o !== 'string' && o.fraction !== undefined) opt.fraction = o.fraction;
      return opt;
    });
    const src: DraftSource = { row, type: v.type, stem: v.stem, options, pointCode: v.pointCode };
    if (v.key !== undefined) src.key = v.key;
    if (v.reference !== undefined) src.reference = v.reference;
    if (v.difficulty !== undefined) src.difficulty = v.difficulty;
    if (v.discrimination !== undefined) src.discrimination = v.discrimination;
    if (v.enemyGroup !== undefined) src.enemyGroup = v.enemyGroup;
    if (v.status !== undefined) src.status = v.status;
    const externalId = v.externalId ?? v.id;
    if (externalId !== undefined) src.externalId = externalId;
    if (v.occupationCode !== undefined) src.occupationCode = v.occupationCode;
    if (v.level !== undefined) src.level = v.level;
    sources.push(src);
  });
  const columnOf = (f: DraftField) => (f === 'fractions' ? 'options' : f);
  return buildDrafts(sources, ctx, columnOf, { preErrors: errors, limits, format: 'json', unit: '条' });
}

function isItemsWrapper(v: unknown): v is { items: unknown[] } {
  return v !== null && typeof v === 'object' && Array.isArray((v as { items?: unknown }).items);
}

/** Export items as JSON (array, 2-space indent) in the shape `parseItemsJson` reads. */
export function exportItemsJson(items: readonly ExportableItem[]): string {
  return JSON.stringify(
    items.map((i) => ({
      ...(i.id ?? i.externalId ? { externalId: i.id ?? i.externalId } : {}),
      type: i.type,
      pointCode: i.pointCode,
      stem: i.stem,
      options: i.options,
      key: i.key,
      ...(i.reference !== undefined ? { reference: i.reference } : {}),
      difficulty: i.difficulty,
      discrimination: i.discrimination,
      enemyGroup: i.enemyGroup,
      status: i.status,
    })),
    null,
    2,
  );
}
