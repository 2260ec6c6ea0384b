import ExcelJS from 'exceljs';
import { DocumentInputInvalid } from './errors';
import { neutraliseCell } from './neutralise';
import type { PrintMeta, XlsxCell, XlsxSheet } from './types';

const INVALID_SHEET_NAME = /[\\/?*[\]:]/;

/** Display width of text in Excel column units: CJK and full-width characters count double. */
function textWidth(v: XlsxCell): number {
  if (v === null) return 0;
  return Math.max(
    ...String(v)
      .split('\n')
      .map((line) => [...line].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0)),
  );
}

function checkSheetNames(sheets: readonly XlsxSheet[]): void {
  const seen = new Set<string>();
  sheets.forEach((s, i) => {
    const field = `sheets[${i}].name`;
    if (!s.name || s.name.length > 31 || INVALID_SHEET_NAME.test(s.name)) {
      throw new DocumentInputInvalid(field, '工作表名须为1～31个字符，且不含 \\ / ? * [ ] :');
    }
    if (seen.has(s.name.toLowerCase())) throw new DocumentInputInvalid(field, `重复的工作表名“${s.name}”`);
    seen.add(s.name.toLowerCase());
  });
}

/** A workbook with creator and dates from `meta`; without `meta` no date is written (no clock read). */
export function newWorkbook(meta?: PrintMeta): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  if (meta) {
    wb.creator = meta.organization;
    wb.lastModifiedBy = meta.organization;
    wb.created = meta.createdAt;
    wb.modified = meta.createdAt;
  } else {
    // exceljs stamps `new Date()` in its constructor; an absent date is omitted from docProps.
    wb.created = undefined as unknown as Date;
    wb.modified = undefined as unknown as Date;
  }
  return wb;
}

/**
 * Add one sheet: optional merged title row, a bold frozen header row, the data rows, column widths
 * fitted to the content, wrapped text where a cell has line breaks. Every text cell (title and header
 * included) goes through `neutraliseCell`. Returns the worksheet and the header's row number so a
 * caller can add validations or totals styling.
 */
export function addSheet(wb: ExcelJS.Workbook, sheet: XlsxSheet): { ws: ExcelJS.Worksheet; headerRow: number } {
  const ws = wb.addWorksheet(sheet.name);
  const cols = Math.max(sheet.header.length, ...sheet.rows.map((r) => r.length), 1);
  let headerRow = 1;
  if (sheet.title !== undefined) {
    const r = ws.addRow([neutraliseCell(sheet.title)]);
    ws.mergeCells(1, 1, 1, cols);
    r.font = { bold: true, size: 14 };
    r.alignment = { horizontal: 'center', vertical: 'middle' };
    r.height = 26;
    headerRow = 2;
  }
  const header = ws.addRow(sheet.header.map((h) => neutraliseCell(h)));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  for (const row of sheet.rows) {
    const r = ws.addRow(row.map((v) => neutraliseCell(v)));
    if (row.some((v) => typeof v === 'string' && v.includes('\n'))) r.alignment = { wrapText: true, vertical: 'top' };
  }
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  for (let c = 0; c < cols; c++) {
    const widest = Math.max(textWidth(sheet.header[c] ?? null), ...sheet.rows.map((r) => textWidth(r[c] ?? null)));
    ws.getColumn(c + 1).width = Math.min(60, Math.max(8, widest + 2));
  }
  return { ws, headerRow };
}

/** Serialise a workbook to bytes. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Generic xlsx export: one worksheet per entry, each a header row then data rows (optional title row
 * above). Text cells starting with `= + - @`, tab or CR get a leading apostrophe so no cell can run
 * as a formula (`neutraliseCell`). Numbers stay numbers; `null` is an empty cell.
 *
 * Fails with `DocumentInputInvalid` for no sheets, or a sheet name Excel refuses (empty, > 31
 * characters, `\ / ? * [ ] :`, duplicate).
 *
 * @example
 * await writeXlsx([{ name: '考生', header: ['姓名', '分数'], rows: [['张三', 86]] }], meta);
 */
export async function writeXlsx(sheets: readonly XlsxSheet[], meta?: PrintMeta): Promise<Buffer> {
  if (sheets.length === 0) throw new DocumentInputInvalid('sheets', '为空，至少需要一个工作表');
  checkSheetNames(sheets);
  const wb = newWorkbook(meta);
  for (const sheet of sheets) addSheet(wb, sheet);
  return workbookBytes(wb);
}
