import { DocumentInputInvalid } from './errors';
import { levelName } from '../../scoring';
import { formatMarks, occupationWithWorkType } from './labels';
import { mm, renderPdf, type Pdf } from './pdf-document';
import { centredText, contentBox, drawTable, fitColumns, paragraph, signatureLine, style } from './pdf-layout';
import type { PrintMeta, ScoringSheetPrint } from './types';

const blankOr = (n: number | null): string => (n === null ? '' : formatMarks(n));

/**
 * 考核评分记录表 print: one page per examiner sheet (a very long sheet continues on the next page):
 * occupation, level, task, candidate code (identity hidden), date and station, then rows of 考核内容,
 * 配分, 评分标准, 扣分, 得分 with ★ before veto rows, the total, an optional veto note, and the
 * examiner's name with a signature line. Blank `deduction`/`score`/`total` print empty boxes for
 * handwriting; nothing is recomputed.
 *
 * Fails with `DocumentInputInvalid` for an empty list or a sheet without rows.
 */
export async function scoringSheetsPdf(sheets: readonly ScoringSheetPrint[], meta: PrintMeta): Promise<Buffer> {
  if (sheets.length === 0) throw new DocumentInputInvalid('sheets', '为空，没有可打印的评分记录表');
  sheets.forEach((s, i) => {
    if (s.rows.length === 0) throw new DocumentInputInvalid(`sheets[${i}].rows`, '为空，评分记录表须有考核内容');
  });
  return renderPdf(meta, { title: '考核评分记录表', subject: '技能操作考核评分记录表', margin: mm(15) }, (doc) => {
    sheets.forEach((sheet, i) => {
      if (i > 0) doc.addPage();
      drawSheet(doc, meta, sheet);
    });
  });
}

function drawSheet(doc: Pdf, meta: PrintMeta, s: ScoringSheetPrint): void {
  const box = contentBox(doc);
  let y = centredText(doc, meta.organization, box.left, box.top, box.width, { size: 10 });
  y = centredText(doc, `${occupationWithWorkType(s.occupationName, s.workType)}　${levelName(s.level)}`, box.left, y + 2, box.width, { font: 'bold', size: 14 });
  y = centredText(doc, '技能操作考核评分记录表', box.left, y + 2, box.width, { font: 'bold', size: 16 }) + 8;
  y = paragraph(doc, `试题名称：${s.taskTitle}`, box.left, y, box.width, { size: 10.5 }) + 3;
  const info = [`考生编号：${s.candidateCode}`, s.station ? `工位号：${s.station}` : '', `考核日期：${s.date}`].filter(Boolean).join('　　');
  y = paragraph(doc, info, box.left, y, box.width, { size: 10.5 }) + 6;

  const columns = fitColumns(
    [
      { header: '序号', width: 30, align: 'center' as const },
      { header: '考核内容', width: 130 },
      { header: '配分', width: 36, align: 'center' as const },
      { header: '评分标准', width: 210 },
      { header: '扣分', width: 40, align: 'center' as const },
      { header: '得分', width: 40, align: 'center' as const },
    ],
    box.width,
  );
  const rows = s.rows.map((r, i) => [String(i + 1), `${r.veto ? '★' : ''}${r.content}`, formatMarks(r.marks), r.criteria, blankOr(r.deduction), blankOr(r.score)]);
  const maxMarks = s.rows.reduce((sum, r) => sum + r.marks, 0);
  rows.push(['', '合计', formatMarks(maxMarks), '', '', blankOr(s.total)]);
  y = drawTable(doc, { x: box.left, y, columns, rows, fontSize: 9.5, minRowHeight: 22, boldRows: new Set([rows.length - 1]) }) + 6;

  if (s.rows.some((r) => r.veto)) y = paragraph(doc, '注：标★者为否决项，未达到要求的，技能操作考核成绩记为不合格。', box.left, y, box.width, { size: 9, color: '#333' }) + 4;
  if (s.vetoNote) y = paragraph(doc, `否决项：${s.vetoNote}`, box.left, y, box.width, { font: 'bold', size: 10.5, color: '#b00000' }) + 4;

  y += 16;
  if (y + 30 > contentBox(doc).bottom) {
    doc.addPage();
    y = contentBox(doc).top;
  }
  const third = (box.width - 40) / 3;
  signatureLine(doc, '考评员', box.left, y, third, s.examinerName);
  signatureLine(doc, '签名', box.left + third + 20, y, third);
  signatureLine(doc, '日期', box.left + 2 * (third + 20), y, third, s.date);
  style(doc, {});
}
