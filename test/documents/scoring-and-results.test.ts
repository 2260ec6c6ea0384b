import { describe, expect, it } from 'vitest';
import { resultsSummaryPdf, scoringSheetsPdf } from '../../server/documents';
import { meta, resultsSummary, scoringSheet } from './fixtures';
import { pdfText } from './pdf-text';

describe('考核评分记录表 scoringSheetsPdf', () => {
  it('prints rows of content, marks, criteria, deduction and score, the total and the examiner, one page per sheet', async () => {
    const sheets = [scoringSheet(), scoringSheet({ candidateCode: 'K-0318', examinerName: '林海' })];
    const { pageCount, pages } = await pdfText(await scoringSheetsPdf(sheets, meta));
    expect(pageCount).toBe(2);
    const first = pages[0]!.replace(/\s+/g, '');
    for (const text of [
      '电工四级/中级工',
      '技能操作考核评分记录表',
      '试题名称：三相异步电动机正反转控制线路安装与调试',
      '考生编号：K-0317',
      '工位号：工位05',
      '考核日期：2024-06-16',
      '序号考核内容配分评分标准扣分得分',
      '1安全文明生产10未穿戴劳保用品扣5分；工具摆放混乱扣3分37',
      '3线路连接40接线错误每处扣5分；导线损伤每处扣2分1030',
      '5★带电操作0',
      '合计10083',
      '注：标★者为否决项',
      '考评员：陈建国',
      '签名：',
    ]) {
      expect(first).toContain(text);
    }
    expect(pages[1]).toContain('K-0318');
    expect(pages[1]).toContain('林海');
  });

  it('prints the veto note when a ★ item failed', async () => {
    const { flat } = await pdfText(await scoringSheetsPdf([scoringSheet({ total: 0, vetoNote: '未经允许带电操作，技能操作考核不合格' })], meta));
    expect(flat).toContain('否决项：未经允许带电操作，技能操作考核不合格');
    expect(flat).toContain('合计1000');
  });

  it('leaves deduction, score and total blank on a form for handwriting', async () => {
    const blank = scoringSheet({ total: null, rows: scoringSheet().rows.map((r) => ({ ...r, deduction: null, score: null })) });
    const { flat } = await pdfText(await scoringSheetsPdf([blank], meta));
    expect(flat).toContain('1安全文明生产10未穿戴劳保用品扣5分；工具摆放混乱扣3分2');
    expect(flat).toContain('合计100注：');
  });
});

describe('认定结果汇总表 resultsSummaryPdf', () => {
  it('prints passed counts per occupation (工种) and level with 小计 and 合计, and the filing data', async () => {
    const { pageCount, flat } = await pdfText(await resultsSummaryPdf(resultsSummary(), meta));
    expect(pageCount).toBe(1);
    for (const text of [
      '职业技能等级认定结果汇总表',
      '评价机构：某某职业技术学院',
      '认定批次：2024年第二批职业技能等级认定',
      '备案号：赣人社认备〔2024〕0123号',
      '填报日期：2024-08-01',
      '序号职业编码职业（工种）五级四级三级二级一级小计',
      '16-31-01-03电工123080050',
      '26-18-02-04焊工（电焊工）01552022',
      '34-10-01-05养老护理员20000020',
      '合计3245132092',
      '填表人：刘芳',
      '机构负责人',
      '评价机构（盖章）',
    ]) {
      expect(flat).toContain(text);
    }
  });

  it('refuses a count that is not a whole number', async () => {
    const bad = resultsSummary({ rows: [{ occupationName: '电工', workType: null, passed: { 4: 2.5 } }] });
    await expect(resultsSummaryPdf(bad, meta)).rejects.toThrow(/rows\[0\]\.passed\[4\]/);
  });
});
