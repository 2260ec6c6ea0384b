import ExcelJS from 'exceljs';
import { ImportRejected, type RowError } from '../../question-bank/errors';
import { UploadRefused, assertSafeHeaders } from '../../question-bank/formats';
import { readZipSafely } from './safe-zip';
import { resolveLimits, type UploadLimits } from './limits';

/** One data row of a sheet: its Excel row number and its cells by header text (all text, trimmed). */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

/** A sheet read as a table. `header` keeps the file's order (blank header cells dropped). */
export interface SheetRows {
  sheet: string;
  header: string[];
  rows: SheetRow[];
}

export interface ReadXlsxOptions {
  /** Sheet name, or 1-based position; default: the named sheet in `preferSheets` if present, else the first. */
  sheet?: string | number;
  /** Names tried in order when `sheet` is absent (e.g. `['试题']` so an instructions sheet placed first is skipped). */
  preferSheets?: readonly string[];
  /** Row holding the header; default 1. */
  headerRow?: number;
}

/**
 * Read one sheet of an uploaded xlsx as `{ sheet, header, rows }`, safely and generically (items, candidates …):
 * size and `PK\x03\x04` signature, zip-bomb checks before and during inflation (`readZipSafely`), no macros,
 * no formulas anywhere in the workbook (each cell refused by sheet and address), no prototype keys in the
 * header, at most `maxRows` data rows. Cell values become text: numbers as written by `String`, dates as
 * `YYYY-MM-DD` (with ` HH:mm:ss` when there is a time), booleans `TRUE`/`FALSE`, rich text and hyperlinks as
 * their text. Fully empty rows are skipped; `row` is the number Excel shows.
 *
 * Throws `UploadRefused` (UPLOAD_TOO_LARGE, UPLOAD_BAD_SIGNATURE, UPLOAD_MALFORMED, UPLOAD_ZIP_BOMB,
 * UPLOAD_FORMULA, UPLOAD_PROTOTYPE_KEY, UPLOAD_TOO_MANY_ROWS) or `ImportRejected` for duplicate/empty headers.
 *
 * Example: `const { header, rows } = await readXlsxRows(buf, { maxRows: 5000 }, { preferSheets: ['考生'] })`.
 */
export async function readXlsxRows(buf: Uint8Array, limits?: Partial<UploadLimits>, options: ReadXlsxOptions = {}): Promise<SheetRows> {
  const lim = resolveLimits(limits);
  const { entries } = await readZipSafely(buf, lim, { what: 'Excel（xlsx）' });
  const names = new Set(entries.map((e) => e.path));
  if (!names.has('xl/workbook.xml')) {
    throw new UploadRefused('UPLOAD_BAD_SIGNATURE', '文件不是 Excel 工作簿（.xlsx）：压缩包中没有 xl/workbook.xml', {});
  }
  if (names.has('xl/vbaProject.bin')) {
    throw new UploadRefused('UPLOAD_BAD_SIGNATURE', '工作簿含宏（VBA），出于安全原因不接受，请另存为不含宏的 .xlsx 后上传', {});
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new UploadRefused('UPLOAD_MALFORMED', `Excel 文件无法读取：${(e as Error).message}`, {});
  }
  refuseFormulas(wb);
  const ws = pickSheet(wb, options);
  const headerRow = options.headerRow ?? 1;

  const header: string[] = [];
  const columns: Array<{ col: number; name: string }> = [];
  const errors: RowError[] = [];
  ws.getRow(headerRow).eachCell({ includeEmpty: false }, (cell, col) => {
    const name = cellText(cell).trim();
    if (name === '') return;
    header.push(name);
    if (columns.some((c) => c.name === name)) errors.push({ row: headerRow, column: name, problem: `列名“${name}”重复` });
    else columns.push({ col, name });
  });
  assertSafeHeaders(header, `工作表“${ws.name}”的表头`);
  if (header.length === 0) errors.push({ row: headerRow, column: '表头', problem: `工作表“${ws.name}”第 ${headerRow} 行没有表头` });
  if (errors.length > 0) throw new ImportRejected(errors);

  // Count before building anything: a 1,000,000-row sheet is refused without materialising its rows.
  const dataRows = Math.max(0, ws.actualRowCount - (ws.getRow(headerRow).hasValues ? 1 : 0));
  if (dataRows > lim.maxRows) {
    throw new UploadRefused('UPLOAD_TOO_MANY_ROWS', `工作表“${ws.name}”有 ${dataRows} 行数据，超过单次导入上限 ${lim.maxRows} 行，请拆分后分批导入`, {
      sheet: ws.name,
      count: dataRows,
      max: lim.maxRows,
    });
  }
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber <= headerRow) return;
    const cells: Record<string, string> = Object.create(null);
    let any = false;
    for (const { col, name } of columns) {
      const text = cellText(r.getCell(col)).trim();
      if (text !== '') any = true;
      cells[name] = text;
    }
    if (any) rows.push({ row: rowNumber, cells });
  });
  return { sheet: ws.name, header, rows };
}

function pickSheet(wb: ExcelJS.Workbook, options: ReadXlsxOptions): ExcelJS.Worksheet {
  const { sheet } = options;
  if (sheet !== undefined) {
    const ws = typeof sheet === 'number' ? wb.worksheets[sheet - 1] : wb.getWorksheet(sheet);
    if (ws === undefined) {
      throw new UploadRefused('UPLOAD_MALFORMED', `工作簿中没有工作表“${sheet}”（现有：${wb.worksheets.map((w) => w.name).join('、')}）`, { sheet });
    }
    return ws;
  }
  for (const name of options.preferSheets ?? []) {
    const ws = wb.getWorksheet(name);
    if (ws !== undefined) return ws;
  }
  const first = wb.worksheets[0];
  if (first === undefined) throw new UploadRefused('UPLOAD_MALFORMED', '工作簿中没有工作表', {});
  return first;
}

/**
 * Any formula is refused, not evaluated or flattened: its cached result may be stale or forged, and a
 * formula (HYPERLINK, WEBSERVICE, DDE) in a file that flows back to staff is an attack vector.
 */
function refuseFormulas(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined) {
          throw new UploadRefused(
            'UPLOAD_FORMULA',
            `工作表“${ws.name}”的 ${cell.address} 单元格含公式，不接受含公式的文件：请复制后“选择性粘贴 → 数值”，再上传`,
            { sheet: ws.name, cell: cell.address },
          );
        }
      });
    });
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell's value as text (see `readXlsxRows`). */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    // exceljs reads Excel serial dates as UTC instants.
    const date = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const h = v.getUTCHours();
    const m = v.getUTCMinutes();
    const s = v.getUTCSeconds();
    return h === 0 && m === 0 && s === 0 ? date : `${date} ${pad(h)}:${pad(m)}:${pad(s)}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink
    if ('error' in v) return '';
  }
  return String(cell.text ?? '');
}
