import { DocumentInputInvalid } from './errors';
import { LEVELS_LOW_TO_HIGH, levelShortName } from '../../scoring';
import { occupationWithWorkType } from './labels';
import { mm, renderPdf } from './pdf-document';
import { centredText, contentBox, drawTable, fitColumns, signatureLine, style } from './pdf-layout';
import type { Level, PrintMeta, ResultsSummaryPrint, ResultsSummaryRow } from './types';

const passedAt = (r: ResultsSummaryRow, level: Level): number => r.passed[level] ?? 0;
const subtotal = (r: ResultsSummaryRow): number => LEVELS_LOW_TO_HIGH.reduce((s, l) => s + passedAt(r, l), 0);

/**
 * 认定结果汇总表 as reported after publicity: organization, batch, filing number (备案号) and date,
 * then one row per occupation (工种) with the passed count per level 五级…一级 and 小计, a 合计 row,
 * and signature lines (填表人, 审核人, 机构负责人) with the seal place.
 *
 * Fails with `DocumentInputInvalid` when a count is not a non-negative integer (the field names the row).
 */
export async function resultsSummaryPdf(summary: ResultsSummaryPrint, meta: PrintMeta): Promise<Buffer> {
  summary.rows.forEach((r, i) =>
    LEVELS_LOW_TO_HIGH.forEach((l) => {
      const n = passedAt(r, l);
      if (!Number.isInteger(n) || n < 0) throw new DocumentInputInvalid(`summary.rows[${i}].passed[${l}]`, '须为非负整数');
    }),
  );
  return renderPdf(meta, { title: '职业技能等级认定结果汇总表', subject: '认定结果汇总表', margin: mm(15), pageFooter: {} }, (doc) => {
    const box = contentBox(doc);
    let y = centredText(doc, '职业技能等级认定结果汇总表', box.left, box.top, box.width, { font: 'bold', size: 18 }) + 8;
    style(doc, { size: 10.5 });
    const info = [`评价机构：${meta.organization}`, summary.batchName ? `认定批次：${summary.batchName}` : ''].filter(Boolean).join('　　');
    doc.text(info, box.left, y, { width: box.width });
    y += 18;
    doc.text(`备案号：${summary.filingNumber}　　填报日期：${summary.date}`, box.left, y, { width: box.width });
    y += 22;

    const columns = fitColumns(
      [
        { header: '序号', width: 30, align: 'center' as const },
        { header: '职业编码', width: 70, align: 'center' as const },
        { header: '职业（工种）', width: 140 },
        ...LEVELS_LOW_TO_HIGH.map((l) => ({ header: levelShortName(l), width: 42, align: 'center' as const })),
        { header: '小计', width: 46, align: 'center' as const },
      ],
      box.width,
    );
    const rows = summary.rows.map((r, i) => [
      String(i + 1),
      r.occupationCode ?? '',
      occupationWithWorkType(r.occupationName, r.workType),
      ...LEVELS_LOW_TO_HIGH.map((l) => String(passedAt(r, l))),
      String(subtotal(r)),
    ]);
    const total = ['', '', '合计', ...LEVELS_LOW_TO_HIGH.map((l) => String(summary.rows.reduce((s, r) => s + passedAt(r, l), 0))), String(summary.rows.reduce((s, r) => s + subtotal(r), 0))];
    rows.push(total);
    y = drawTable(doc, { x: box.left, y, columns, rows, fontSize: 10, minRowHeight: 20, boldRows: new Set([rows.length - 1]) }) + 28;

    if (y + 70 > contentBox(doc).bottom) {
      doc.addPage();
      y = contentBox(doc).top;
    }
    const third = (box.width - 40) / 3;
    signatureLine(doc, '填表人', box.left, y, third, summary.preparedBy ?? '');
    signatureLine(doc, '审核人', box.left + third + 20, y, third);
    signatureLine(doc, '机构负责人', box.left + 2 * (third + 20), y, third);
    style(doc, { size: 10.5 }).text('评价机构（盖章）', box.left, y + 40, { width: box.width, align: 'right' });
  });
}
