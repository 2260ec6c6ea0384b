import { drawGroupedBarChart } from './bar-chart';
import { DocumentInputInvalid } from './errors';
import { componentName, levelName } from '../../scoring';
import { formName, occupationWithWorkType } from './labels';
import { mm, renderPdf } from './pdf-document';
import { centredText, contentBox, drawTable, fitColumns, paragraph } from './pdf-layout';
import type { FormLabel, PaperQualityReportPrint, PrintMeta } from './types';

const FORM_COLOURS: Record<FormLabel, string> = { A: '#3b6ea5', B: '#e08e2b', C: '#5a9e4b' };
const p3 = (n: number): string => n.toFixed(3);
const num = (n: number): string => String(Math.round(n * 100) / 100);

/**
 * 组卷质量报告: the parallel forms side by side — a table of item count, total marks, mean difficulty
 * and discrimination, X/Y/Z item counts and marks per 鉴定范围 (with the blueprint's target where
 * given), then bar charts drawn as vector graphics: marks per range (target as a dashed line), mean
 * difficulty and discrimination, and X/Y/Z counts; shared items between forms when given.
 *
 * Fails with `DocumentInputInvalid` when there is no form to report.
 */
export async function paperQualityReportPdf(report: PaperQualityReportPrint, meta: PrintMeta): Promise<Buffer> {
  if (report.forms.length === 0) throw new DocumentInputInvalid('report.forms', '为空，没有可比较的试卷');
  const forms = report.forms;
  const colour = (f: FormLabel): string => FORM_COLOURS[f];
  return renderPdf(meta, { title: '组卷质量报告', subject: '平行试卷组卷质量报告', margin: mm(15), pageFooter: {} }, (doc) => {
    const box = contentBox(doc);
    let y = centredText(doc, '组卷质量报告', box.left, box.top, box.width, { font: 'bold', size: 18 });
    y = centredText(
      doc,
      `${occupationWithWorkType(report.occupationName, report.workType)}　${levelName(report.level)}　${componentName(report.component)}　平行试卷${forms.map((f) => f.form).join('/')}卷`,
      box.left,
      y + 2,
      box.width,
      { size: 11 },
    );
    y = centredText(doc, meta.organization, box.left, y + 2, box.width, { size: 9.5, color: '#444' }) + 10;

    const hasTarget = report.targetDifficulty !== undefined || report.ranges.some((r) => r.targetMarks !== undefined);
    const columns = fitColumns(
      [
        { header: '指标', width: 150 },
        ...forms.map((f) => ({ header: formName(f.form), width: 70, align: 'center' as const })),
        ...(hasTarget ? [{ header: '要求', width: 70, align: 'center' as const }] : []),
      ],
      box.width,
    );
    const row = (label: string, values: string[], target = ''): string[] => [label, ...values, ...(hasTarget ? [target] : [])];
    const rows = [
      row('题量', forms.map((f) => String(f.itemCount))),
      row('总分', forms.map((f) => num(f.totalMarks))),
      row('平均难度（通过率）', forms.map((f) => p3(f.meanDifficulty)), report.targetDifficulty === undefined ? '' : `≈ ${p3(report.targetDifficulty)}`),
      row('平均区分度', forms.map((f) => p3(f.meanDiscrimination))),
      row('X（核心）要素题量', forms.map((f) => String(f.importanceCounts.X))),
      row('Y（一般）要素题量', forms.map((f) => String(f.importanceCounts.Y))),
      row('Z（辅助）要素题量', forms.map((f) => String(f.importanceCounts.Z))),
      ...report.ranges.map((r) =>
        row(`${r.code} ${r.name} 分值`, forms.map((f) => num(f.marksByRange[r.code] ?? 0)), r.targetMarks === undefined ? '' : num(r.targetMarks)),
      ),
    ];
    y = drawTable(doc, { x: box.left, y, columns, rows, fontSize: 9.5, minRowHeight: 17 }) + 10;

    if (report.overlaps?.length) {
      const text = report.overlaps.map((o) => `${formName(o.a)}与${formName(o.b)}共用试题 ${o.shared} 道`).join('；');
      y = paragraph(doc, `试卷重叠：${text}。`, box.left, y, box.width, { size: 9.5 }) + 8;
    }
    for (const note of report.notes ?? []) y = paragraph(doc, `说明：${note}`, box.left, y, box.width, { size: 9.5 }) + 8;

    const series = (values: (f: (typeof forms)[number]) => number[]) => forms.map((f) => ({ name: formName(f.form), color: colour(f.form), values: values(f) }));
    const chartH = 170;
    const place = (): number => {
      if (y + chartH > contentBox(doc).bottom) {
        doc.addPage();
        y = contentBox(doc).top;
      }
      return y;
    };
    y =
      drawGroupedBarChart(doc, {
        x: box.left,
        y: place(),
        width: box.width,
        height: chartH,
        title: '各鉴定范围分值分布',
        categories: report.ranges.map((r) => `${r.code} ${r.name}`),
        series: series((f) => report.ranges.map((r) => f.marksByRange[r.code] ?? 0)),
        ...(report.ranges.some((r) => r.targetMarks !== undefined) ? { reference: { label: '蓝图要求', values: report.ranges.map((r) => r.targetMarks ?? null) } } : {}),
      }) + 14;
    y =
      drawGroupedBarChart(doc, {
        x: box.left,
        y: place(),
        width: box.width / 2 - 8,
        height: chartH,
        title: '平均难度与区分度',
        categories: ['平均难度', '平均区分度'],
        series: series((f) => [f.meanDifficulty, f.meanDiscrimination]),
        format: (n) => n.toFixed(2),
        ...(report.targetDifficulty === undefined ? {} : { reference: { label: '目标难度', values: [report.targetDifficulty, null] } }),
      }) - chartH;
    y =
      drawGroupedBarChart(doc, {
        x: box.left + box.width / 2 + 8,
        y,
        width: box.width / 2 - 8,
        height: chartH,
        title: '鉴定要素重要程度题量',
        categories: ['X 核心', 'Y 一般', 'Z 辅助'],
        series: series((f) => [f.importanceCounts.X, f.importanceCounts.Y, f.importanceCounts.Z]),
        format: (n) => String(Math.round(n)),
      }) + 10;
  });
}
