import { ImportRejected } from '../errors';
import { neutraliseCell, restoreNeutralisedCell } from './cell-safety';
import { parseCsv, writeCsv } from './csv';
import { ITEM_COLUMNS, itemHeader, itemRow, tableToSources, type TableRow } from './item-columns';
import { buildDrafts } from './build-drafts';
import { type ExportableItem, type ImportContext, type ParseLimits, type ParsedItems } from './item-draft';
import { DEFAULT_MAX_ROWS, assertRowLimit, assertSafeHeaders, decodeUtf8Text } from './text-guards';

/**
 * Import items from a CSV file with the Chinese header of `ITEM_COLUMNS` (题型, 鉴定点, 题干, 选项A…选项H, 答案, …).
 * UTF-8 only, BOM optional. Throws `UploadRefused` (encoding, binary, prototype key, too many rows) or
 * `ImportRejected` with every row error (row = the row number Excel shows; the header is row 1).
 *
 * Example: `parseItemsCsv(bytes, { occupationCode: '6-31-01-03', level: 4 }).items[0].key` → `['B']`.
 */
export function parseItemsCsv(input: Uint8Array | string, ctx: ImportContext, limits?: ParseLimits): ParsedItems {
  const text = decodeUtf8Text(input, ITEM_COLUMNS.filter((c) => c.required).map((c) => c.header));
  const { records, errors } = parseCsv(text);
  const [head, ...body] = records;
  if (head === undefined) throw new ImportRejected([{ row: 1, column: '表头', problem: '文件是空的：第一行应为表头（题型、鉴定点、题干…）' }]);
  const header = head.fields.map((h) => h.trim());
  assertSafeHeaders(header);
  assertRowLimit(body.length, limits?.maxRows ?? DEFAULT_MAX_ROWS);
  if (header.length === 1 && /[\t;]/.test(header[0]!)) {
    throw new ImportRejected([{ row: head.row, column: '表头', problem: '没有找到逗号分隔的列：文件似乎用制表符或分号分隔，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”' }]);
  }
  const rows: TableRow[] = body
    .filter((r) => r.fields.some((f) => f.trim() !== ''))
    .map((r) => {
      const cells: Record<string, string> = Object.create(null);
      header.forEach((h, i) => {
        if (h !== '') cells[h] = restoreNeutralisedCell(r.fields[i] ?? '');
      });
      return { row: r.row, cells };
    });
  const table = tableToSources(header, rows, head.row);
  return buildDrafts(table.sources, ctx, table.columnOf, { preErrors: [...errors, ...table.errors], limits, format: 'csv' });
}

/**
 * Export items as CSV (UTF-8 with BOM so Excel opens it), in the import column layout; re-importable as is.
 * Text that Excel would run as a formula (“=…”, “-5℃”) is written with a leading apostrophe, removed on import.
 */
export function exportItemsCsv(items: readonly ExportableItem[]): string {
  return writeCsv([itemHeader(), ...items.map((i) => itemRow(i).map((v) => (typeof v === 'number' ? String(v) : neutraliseCell(v))))]);
}
