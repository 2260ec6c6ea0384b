import { describe, expect, it } from 'vitest';
import { DocumentInputInvalid, theoryAnswerKeyPdf, theoryPaperPdf } from '../../server/documents';
import { meta, theoryPaper } from './fixtures';
import { pdfText } from './pdf-text';

describe('理论知识考试试卷 theoryPaperPdf', () => {
  it('prints the header, section headings with item ranges and marks, and items numbered across sections', async () => {
    const { flat, pageCount, info } = await pdfText(await theoryPaperPdf(theoryPaper(), meta));
    for (const text of [
      '职业技能等级认定',
      '电工四级/中级工',
      '理论知识考试试卷（B卷）',
      '考试时间：90分钟。',
      '姓名：',
      '准考证号：',
      '一二三四总分得分评分人',
      '一、判断题（第1题～第12题。将判断结果填入括号中。正确的填“√”，错误的填“×”。每题0.5分，满分6分。）',
      '1.（）安全电压是指不致使人直接致死或致残的电压。',
      '二、单项选择题（第13题～第42题。选择一个正确的答案，将相应的字母填入题内的括号中。每题1分，满分30分。）',
      '13.我国规定的安全电压额定值等级中，最高为（）。',
      'A.42VB.36VC.24VD.12V',
      '14.单项选择题第2题：三相异步电动机的旋转方向取决于（）',
      '三、多项选择题（第43题～第46题。',
      '每题2分，满分8分。）',
      'E.绝缘垫',
      '四、简答题（第47题～第47题。按题目要求在题下空白处作答。每题6分，满分6分。）',
      '47.简述触电急救的基本步骤。',
    ]) {
      expect(flat).toContain(text);
    }
    expect(pageCount).toBeGreaterThan(1);
    expect(flat).toContain(`第1页共${pageCount}页`);
    expect(flat).toContain(`第${pageCount}页共${pageCount}页`);
    expect(flat).toContain('6-31-01-03-4-T-B-2024-02');
    expect(info).toMatchObject({ Title: '电工 四级/中级工 理论知识考试试卷（B卷）', Author: '某某职业技术学院' });
  });

  it('never prints the answers on the paper', async () => {
    const { flat } = await pdfText(await theoryPaperPdf(theoryPaper(), meta));
    expect(flat).not.toContain('参考答案');
    expect(flat).not.toContain('迅速脱离电源');
    expect(flat).not.toContain('标准答案');
  });

  it('says 共N分 instead of 每题 when the items of a section carry different marks', async () => {
    const p = theoryPaper();
    const judge = p.sections[0]!;
    const mixed = { ...p, sections: [{ ...judge, items: [{ ...judge.items[0]!, marks: 1 }, ...judge.items.slice(1)] }] };
    const { flat } = await pdfText(await theoryPaperPdf(mixed, meta));
    expect(flat).toContain('一、判断题（第1题～第12题。将判断结果填入括号中。正确的填“√”，错误的填“×”。满分6.5分。）');
  });
});

describe('标准答案 theoryAnswerKeyPdf', () => {
  it('prints the key of every item by number: √/× for judge, letters for choice, reference answers', async () => {
    const { flat, pageCount } = await pdfText(await theoryAnswerKeyPdf(theoryPaper(), meta));
    expect(pageCount).toBe(1);
    for (const text of [
      '理论知识考试标准答案（B卷）',
      '一、判断题（第1题～第12题。每题0.5分，满分6分。）',
      '1.√2.×3.√',
      '12.×',
      '13.A14.C',
      '42.C',
      '43.ABD44.ABD45.ABD46.ABD',
      '47.（6分）简述触电急救的基本步骤。',
      '参考答案：迅速脱离电源；判断意识与呼吸；立即进行心肺复苏并拨打120。',
      '第1页共1页',
    ]) {
      expect(flat).toContain(text);
    }
  });

  it('refuses a key that would print a wrong answer, for the paper and the key alike', async () => {
    const p = theoryPaper();
    const badJudge = { ...p, sections: [{ ...p.sections[0]!, items: [{ ...p.sections[0]!.items[0]!, key: ['√'] }] }] };
    const badChoice = { ...p, sections: [p.sections[0]!, { ...p.sections[1]!, items: [{ ...p.sections[1]!.items[0]!, key: ['Z'] }] }] };
    await expect(theoryAnswerKeyPdf(badJudge, meta)).rejects.toThrow(/sections\[0\]\.items\[0\]\.key/);
    await expect(theoryPaperPdf(badChoice, meta)).rejects.toThrow(/sections\[1\]\.items\[0\]\.key/);
    await expect(theoryPaperPdf({ ...p, sections: [] }, meta)).rejects.toBeInstanceOf(DocumentInputInvalid);
  });
});
