import { describe, expect, it } from 'vitest';
import { paperQualityReportPdf } from '../../server/documents';
import { meta, qualityReport } from './fixtures';
import { fillColours, pdfText } from './pdf-text';

describe('组卷质量报告 paperQualityReportPdf', () => {
  it('compares the three forms side by side in a table', async () => {
    const { pageCount, flat } = await pdfText(await paperQualityReportPdf(qualityReport(), meta));
    expect(pageCount).toBe(1);
    for (const text of [
      '组卷质量报告',
      '电工四级/中级工理论知识考试平行试卷A/B/C卷',
      '指标A卷B卷C卷要求',
      '题量200200200',
      '平均难度（通过率）0.6520.6470.655≈0.650',
      '平均区分度0.3100.2900.330',
      'X（核心）要素题量120122118',
      'Y（一般）要素题量605862',
      'Z（辅助）要素题量202020',
      'A基本要求分值20211920',
      'B电工基础知识分值50495150',
      'A卷与B卷共用试题12道',
    ]) {
      expect(flat).toContain(text);
    }
  });

  it('prints the remarks under the table, and none when there are none', async () => {
    const noted = await pdfText(await paperQualityReportPdf(qualityReport({ notes: ['各卷 X/Y/Z 要素题量最多相差 4 题。请补充试题。'] }), meta));
    expect(noted.flat).toContain('说明：各卷X/Y/Z要素题量最多相差4题。请补充试题。');
    expect((await pdfText(await paperQualityReportPdf(qualityReport(), meta))).flat).not.toContain('说明：');
  });

  it('draws the bar charts with one bar per form and category, labelled', async () => {
    const pdf = await paperQualityReportPdf(qualityReport(), meta);
    const { flat } = await pdfText(pdf);
    for (const text of ['各鉴定范围分值分布', '平均难度与区分度', '鉴定要素重要程度题量', '蓝图要求', '目标难度', 'X核心', 'C安全生产知识']) {
      expect(flat).toContain(text);
    }
    // Each form colour fills: 3 range bars + 2 difficulty bars + 3 X/Y/Z bars, plus a legend swatch per chart.
    const fills = await fillColours(pdf, 1);
    for (const colour of ['#3b6ea5', '#e08e2b', '#5a9e4b']) expect(fills[colour]).toBe(3 + 2 + 3 + 3);
  });

  it('works for a single form without targets', async () => {
    const one = qualityReport({ forms: qualityReport().forms.slice(0, 1), targetDifficulty: undefined, ranges: qualityReport().ranges.map(({ code, name }) => ({ code, name })), overlaps: [] });
    const pdf = await paperQualityReportPdf(one, meta);
    const { flat } = await pdfText(pdf);
    expect(flat).toContain('指标A卷题量200');
    expect(flat).not.toContain('蓝图要求');
    const fills = await fillColours(pdf, 1);
    expect(fills['#3b6ea5']).toBe(11);
    expect(fills['#e08e2b']).toBeUndefined();
  });
});
