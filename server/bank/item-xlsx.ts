import ExcelJS from 'exceljs';
import {
  ITEM_COLUMNS,
  buildDrafts,
  itemHeader,
  itemRow,
  tableToSources,
  type ExportableItem,
  type ImportContext,
  type ParsedItems,
} from '../../question-bank/formats';
import { readXlsxRows, resolveLimits, type UploadLimits } from '../uploads';

/** Sheet names of the item workbook: items first, so any reader that takes the first sheet gets the items. */
export const ITEM_SHEET = '试题';
export const INSTRUCTIONS_SHEET = '填写说明';

/** Rows covered by the drop-down lists of the template (the import row limit). */
const VALIDATED_ROWS = 20_000;

/** exceljs has range validations at runtime (`worksheet.dataValidations.add`) but not in its typings. */
interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  // exceljs stamps `new Date()`; leave dates out so the same items give the same file.
  wb.created = undefined as unknown as Date;
  wb.modified = undefined as unknown as Date;
  return wb;
}

const WIDTHS: Record<string, number> = { 题型: 8, 鉴定点: 12, 题干: 48, 答案: 14, 难度: 7, 区分度: 7, 互斥组: 10, 状态: 8, 选项分值: 20, 编号: 14 };

function addItemSheet(wb: ExcelJS.Workbook, rows: ReadonlyArray<ReadonlyArray<string | number>>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(ITEM_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = itemHeader();
  ws.columns = header.map((h) => ({ header: h, key: h, width: WIDTHS[h] ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  for (const r of rows) ws.addRow([...r]).alignment = { wrapText: true, vertical: 'top' };
  // 编号 and 鉴定点 are identifiers: text format keeps “001” from becoming 1.
  for (const name of ['编号', '鉴定点', '答案']) ws.getColumn(header.indexOf(name) + 1).numFmt = '@';
  const list = (name: string, values: string[]) => {
    const col = columnLetter(header.indexOf(name) + 1);
    (ws as unknown as RangeValidations).dataValidations.add(`${col}2:${col}${VALIDATED_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      // A warning, not a stop: the importer also accepts other words (计算题, active …).
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: name,
      error: `${name}只能选择：${values.join('、')}`,
    });
  };
  list('题型', ['判断', '单选', '多选', '简答']);
  list('状态', ['启用', '草稿', '停用']);
  return ws;
}

function addInstructionsSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET);
  ws.columns = [
    { header: '列名', key: 'name', width: 12 },
    { header: '必填', key: 'required', width: 6 },
    { header: '填写说明', key: 'help', width: 90 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const c of ITEM_COLUMNS) {
    if (c.help === '') continue;
    const name = c.field === 'option:A' ? '选项A…选项H' : c.header;
    ws.addRow([name, c.required ? '是' : '否', c.help]).alignment = { wrapText: true, vertical: 'top' };
  }
  ws.addRow([]);
  const notes = [
    `每行一道题，从“${ITEM_SHEET}”工作表第 2 行开始填写。第 1 行是表头，请勿修改列名；列的顺序可以调整，用不到的非必填列可以删除。`,
    '示例行可直接删除或覆盖；导入时空行会被跳过。',
    '不要使用公式：含公式的文件会被拒绝，可“选择性粘贴 → 数值”后再上传。',
    `单次最多导入 ${VALIDATED_ROWS} 道题，文件不超过 10 MB。`,
    '任何一行有错误时整个文件都不会导入，系统会列出每一处错误（第几行、哪一列、什么问题），改正后重新上传即可。',
    '同一文件中题干和选项完全相同的题会被视为重复。',
  ];
  ws.addRow(['注意事项']).font = { bold: true };
  for (const n of notes) ws.addRow(['', '', n]).alignment = { wrapText: true, vertical: 'top' };
}

/** Example rows of the template, one per item type; they import cleanly (the template test proves it). */
const EXAMPLES: ExportableItem[] = [
  { type: 'judge', pointCode: 'A-A-001', stem: '电气设备的金属外壳接地，可以防止人员间接接触触电。', options: [], key: ['T'], difficulty: 0.85, discrimination: 0.3, enemyGroup: null, status: 'active' },
  {
    type: 'single',
    pointCode: 'A-B-001',
    stem: '在一般环境条件下，我国规定的安全电压额定值上限为（　）V。',
    options: [
      { label: 'A', text: '12' },
      { label: 'B', text: '24' },
      { label: 'C', text: '36' },
      { label: 'D', text: '42' },
    ],
    key: ['C'],
    difficulty: 0.7,
    discrimination: 0.35,
    enemyGroup: null,
    status: 'active',
  },
  {
    type: 'multi',
    pointCode: 'A-B-002',
    stem: '下列材料中，属于绝缘材料的有（　）。',
    options: [
      { label: 'A', text: '橡胶' },
      { label: 'B', text: '铜' },
      { label: 'C', text: '云母' },
      { label: 'D', text: '陶瓷' },
      { label: 'E', text: '铝' },
    ],
    key: ['A', 'C', 'D'],
    difficulty: 0.6,
    discrimination: 0.4,
    enemyGroup: 'G-绝缘',
    status: 'active',
  },
  {
    type: 'subjective',
    pointCode: 'B-A-001',
    stem: '简述发现有人触电后现场急救的主要步骤。',
    options: [],
    key: [],
    reference: '1. 立即切断电源或用绝缘物使触电者脱离电源；\n2. 判断意识、呼吸和心跳；\n3. 呼叫急救，必要时进行心肺复苏。',
    difficulty: 0.55,
    discrimination: 0.3,
    enemyGroup: null,
    status: 'draft',
  },
];

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The item import template (试题导入模板.xlsx): sheet “试题” with the Chinese header row, one example row per
 * type, drop-down lists for 题型/状态; sheet “填写说明” explaining every column. Never fails.
 */
export async function itemTemplateXlsx(): Promise<Buffer> {
  const wb = newWorkbook();
  addItemSheet(wb, EXAMPLES.map(itemRow));
  addInstructionsSheet(wb);
  return toBuffer(wb);
}

/**
 * Import items from an xlsx in the template layout (sheet “试题”, else the first sheet). Safe reading (size,
 * signature, zip bomb, formulas, prototype keys, row limit) by `readXlsxRows`; then the same validation as
 * every format. Throws `UploadRefused`, `ImportRejected` (rows as Excel numbers them) or `ImportEmpty`.
 *
 * Example: `const { items } = await importItemsXlsx(buf, { occupationCode: '6-31-01-03', level: 4 })`.
 */
export async function importItemsXlsx(buf: Uint8Array, ctx: ImportContext, limits?: Partial<UploadLimits>): Promise<ParsedItems> {
  const lim = resolveLimits(limits);
  const { header, rows } = await readXlsxRows(buf, lim, { preferSheets: [ITEM_SHEET] });
  const table = tableToSources(header, rows);
  return buildDrafts(table.sources, ctx, table.columnOf, { preErrors: table.errors, limits: { maxRows: lim.maxRows }, format: 'xlsx' });
}

/**
 * Export items as xlsx in the template layout (plus the instructions sheet), so the office can edit and
 * re-import: `importItemsXlsx(await exportItemsXlsx(items))` gives the same items.
 */
export async function exportItemsXlsx(items: readonly ExportableItem[]): Promise<Buffer> {
  const wb = newWorkbook();
  addItemSheet(wb, items.map(itemRow));
  addInstructionsSheet(wb);
  return toBuffer(wb);
}
