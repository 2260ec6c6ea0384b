/**
 * 认定结果汇总表 as xlsx: title, header (organization, report date, 备案号), one line per occupation ×
 * 工种 with passed counts per level 五级…一级 and subtotal, and a 合计 line. Small, so a normal
 * in-memory workbook is used (styles, merged title).
 */
import ExcelJS from 'exceljs';
import {
  LEVELS_LOW_TO_HIGH,
  levelName,
  neutraliseCell,
  parseIsoDate,
  type ResultSummary,
  type SummaryHeader,
} from '../../scoring';

/** Table header of the summary, in column order. */
export const SUMMARY_COLUMNS = ['序号', '职业编码', '职业名称', '工种名称', ...LEVELS_LOW_TO_HIGH.map(levelName), '小计'] as const;

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * Build the summary workbook. Throws `ScoringInputInvalid` when `header.reportDate` is not YYYY-MM-DD.
 * Layout: row 1 title; row 2 评价机构 / 备案号 / 填报日期; row 4 table header; lines; last row 合计.
 */
export function summaryWorkbook(summary: ResultSummary, header: SummaryHeader): ExcelJS.Workbook {
  parseIsoDate(header.reportDate, '填报日期');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('认定结果汇总表');
  const width = SUMMARY_COLUMNS.length;
  ws.columns = [6, 14, 20, 18, 12, 12, 12, 12, 14, 10].map((w) => ({ width: w }));

  ws.mergeCells(1, 1, 1, width);
  const title = ws.getCell(1, 1);
  title.value = '职业技能等级认定结果汇总表';
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };

  ws.mergeCells(2, 1, 2, 4);
  ws.getCell(2, 1).value = `评价机构：${neutraliseCell(header.organization)}`;
  ws.mergeCells(2, 5, 2, 7);
  ws.getCell(2, 5).value = `备案号：${neutraliseCell(header.filingNumber)}`;
  ws.mergeCells(2, 8, 2, width);
  ws.getCell(2, 8).value = `填报日期：${header.reportDate}`;

  const head = ws.getRow(4);
  head.values = [...SUMMARY_COLUMNS];
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };

  summary.lines.forEach((line, i) => {
    ws.addRow([
      i + 1,
      line.occupationCode,
      neutraliseCell(line.occupationName),
      line.workTypeName === '--' ? '--' : neutraliseCell(line.workTypeName),
      ...LEVELS_LOW_TO_HIGH.map((l) => line.byLevel[l]),
      line.subtotal,
    ]);
  });
  const total = ws.addRow(['合计', '', '', '', ...LEVELS_LOW_TO_HIGH.map((l) => summary.totals.byLevel[l]), summary.totals.total]);
  ws.mergeCells(total.number, 1, total.number, 4);
  total.font = { bold: true };
  total.getCell(1).alignment = { horizontal: 'center' };

  for (let r = 4; r <= total.number; r++) {
    for (let c = 1; c <= width; c++) ws.getCell(r, c).border = border;
  }
  return wb;
}

/** Write the summary workbook to `filePath`. I/O errors propagate. */
export async function writeSummaryXlsx(filePath: string, summary: ResultSummary, header: SummaryHeader): Promise<void> {
  await summaryWorkbook(summary, header).xlsx.writeFile(filePath);
}
