import { DomainError, ImportRejected, type RowError } from '../errors';
import { OCCUPATION_CODE_PATTERN, isLevel } from '../vocabulary';
import { validateSource } from './draft-rules';
import { ImportEmpty } from './format-errors';
import type { DraftField, DraftSource, ImportContext, ItemDraft, ParseLimits, ParsedItems } from './item-draft';
import { DEFAULT_MAX_ROWS, assertRowLimit } from './text-guards';

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
  if (!OCCUPATION_CODE_PATTERN.test(ctx.occupationCode) || !isLevel(ctx.level)) {
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
