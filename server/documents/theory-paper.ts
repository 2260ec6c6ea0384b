import { DocumentInputInvalid } from './errors';
import { levelName } from '../../scoring';
import { chineseOrdinal, formatMarks, formName, itemTypeName, occupationWithWorkType } from './labels';
import { mm, renderPdf, type Pdf } from './pdf-document';
import { centredText, contentBox, drawTable, paragraph, style } from './pdf-layout';
import type { ItemType, PrintItem, PrintMeta, PrintSection, TheoryPaperPrint } from './types';

/** How each item type is answered, as national papers word it; overridable per section. */
function defaultInstructions(type: ItemType): string {
  switch (type) {
    case 'judge':
      return '将判断结果填入括号中。正确的填“√”，错误的填“×”。';
    case 'single':
      return '选择一个正确的答案，将相应的字母填入题内的括号中。';
    case 'multi':
      return '选择两个或两个以上正确的答案，将相应的字母填入题内的括号中。';
    case 'subjective':
      return '按题目要求在题下空白处作答。';
    default: {
      const never: never = type;
      throw new Error(`unknown item type ${String(never)}`);
    }
  }
}

/** Default 注意事项 of the paper header. */
export function defaultPaperNotes(durationMin: number): string[] {
  return [
    `考试时间：${durationMin}分钟。`,
    '请首先按要求在试卷的标封处填写您的姓名、准考证号和所在单位的名称。',
    '请仔细阅读各种题目的回答要求，在规定的位置填写您的答案。',
    '不要在试卷上乱写乱画，不要在标封区填写无关的内容。',
  ];
}

interface NumberedSection {
  section: PrintSection;
  ordinal: string;
  first: number;
  last: number;
  marks: number;
}

/** Continuous numbering across sections and the marks each section adds up to. */
function numberSections(paper: TheoryPaperPrint): NumberedSection[] {
  let next = 1;
  return paper.sections.map((section, i) => {
    const first = next;
    next += section.items.length;
    return {
      section,
      ordinal: chineseOrdinal(i),
      first,
      last: next - 1,
      marks: section.items.reduce((s, it) => s + it.marks, 0),
    };
  });
}

/** `（第1题～第40题。…每题0.5分，满分20分。）` — or `共20分` when the items' marks differ. */
function sectionHeading(n: NumberedSection, withInstructions: boolean): string {
  const { section } = n;
  const title = section.title ?? itemTypeName(section.type);
  const marks = section.items.map((it) => it.marks);
  const uniform = marks.every((m) => m === marks[0]);
  const each = uniform && marks[0] !== undefined ? `每题${formatMarks(marks[0])}分，` : '';
  const instr = withInstructions ? (section.instructions ?? defaultInstructions(section.type)) : '';
  return `${n.ordinal}、${title}（第${n.first}题～第${n.last}题。${instr}${each}满分${formatMarks(n.marks)}分。）`;
}

const JUDGE_KEY: Record<string, string> = { T: '√', F: '×' };

/** Refuse keys that would print a wrong answer key: judge must be T/F, choice keys must name options. */
function validate(paper: TheoryPaperPrint): void {
  if (paper.sections.length === 0 || paper.sections.every((s) => s.items.length === 0)) {
    throw new DocumentInputInvalid('paper.sections', '没有试题');
  }
  paper.sections.forEach((s, si) =>
    s.items.forEach((it, ii) => {
      const field = `paper.sections[${si}].items[${ii}].key`;
      switch (s.type) {
        case 'judge':
          if (it.key.length !== 1 || !(it.key[0]! in JUDGE_KEY)) throw new DocumentInputInvalid(field, '判断题答案须为 T 或 F');
          break;
        case 'single':
        case 'multi': {
          const labels = new Set(it.options.map((o) => o.label));
          const min = s.type === 'single' ? 1 : 2;
          if (it.key.length < min || (s.type === 'single' && it.key.length !== 1) || !it.key.every((k) => labels.has(k))) {
            throw new DocumentInputInvalid(field, `答案 ${it.key.join('') || '（空）'} 与选项不符`);
          }
          break;
        }
        case 'subjective':
          break;
        default: {
          const never: never = s.type;
          throw new Error(`unknown item type ${String(never)}`);
        }
      }
    }),
  );
}

function paperTitleLine(paper: TheoryPaperPrint): string {
  return `${occupationWithWorkType(paper.occupationName, paper.workType)}　${levelName(paper.level)}`;
}

function footerPrefix(paper: TheoryPaperPrint, what: string): string {
  return [paper.occupationName, levelName(paper.level), what, formName(paper.form), paper.paperCode].filter(Boolean).join(' ');
}

/**
 * 理论知识考试试卷 of one form: header (occupation, 工种, level, form A/B/C, duration, 注意事项,
 * name/ticket fields, score table), then each section with its heading (item range, how to answer,
 * marks) and the items numbered 1…N with their options; 判断题 get a leading `（　　）`. Footer on
 * every page: occupation, level, form, paper code, 第 n 页 共 m 页. No answers are printed.
 *
 * Fails with `DocumentInputInvalid` for a paper without items or a key that does not match its
 * options (the same check as the answer key, so the two documents never disagree).
 */
export async function theoryPaperPdf(paper: TheoryPaperPrint, meta: PrintMeta): Promise<Buffer> {
  validate(paper);
  const sections = numberSections(paper);
  const title = `理论知识考试试卷（${formName(paper.form)}）`;
  return renderPdf(
    meta,
    { title: `${paper.occupationName} ${levelName(paper.level)} ${title}`, subject: '职业技能等级认定理论知识考试试卷', margin: mm(18), pageFooter: { prefix: footerPrefix(paper, '理论知识考试试卷') } },
    (doc) => {
      const box = contentBox(doc);
      let y = drawPaperHeader(doc, paper, title);
      y = paragraph(doc, (paper.notes ?? defaultPaperNotes(paper.durationMin)).map((n, i) => `${i + 1}．${n}`).join('\n'), box.left, y, box.width, { size: 9.5, lineGap: 2 }) + 8;
      style(doc, { size: 10 }).text('姓名：________________　准考证号：________________________　单位：________________________', box.left, y, { width: box.width });
      y += 22;
      y = drawScoreTable(doc, sections, y) + 14;
      for (const n of sections) {
        // Keep a section heading together with its first item.
        const heading = sectionHeading(n, true);
        style(doc, { font: 'bold', size: 10.5 });
        const first = n.section.items[0];
        const needed = doc.heightOfString(heading, { width: box.width, lineGap: 2 }) + 6 + (first ? itemHeight(doc, n.section.type, first, n.first, box.width) : 0);
        y = ensureSpace(doc, y, needed);
        y = paragraph(doc, heading, box.left, y, box.width, { font: 'bold', size: 10.5, lineGap: 2 }) + 6;
        n.section.items.forEach((item, k) => {
          y = drawItem(doc, n.section.type, item, n.first + k, y) + 5;
        });
        y += 8;
      }
    },
  );
}

function drawPaperHeader(doc: Pdf, paper: TheoryPaperPrint, title: string): number {
  const box = contentBox(doc);
  let y = centredText(doc, '职业技能等级认定', box.left, box.top, box.width, { font: 'bold', size: 16 });
  y = centredText(doc, paperTitleLine(paper), box.left, y + 2, box.width, { font: 'bold', size: 14 });
  y = centredText(doc, title, box.left, y + 2, box.width, { font: 'bold', size: 14 });
  return y + 10;
}

function drawScoreTable(doc: Pdf, sections: NumberedSection[], y: number): number {
  const box = contentBox(doc);
  const heads = ['', ...sections.map((n) => n.ordinal), '总分'];
  const w = Math.min(60, box.width / heads.length);
  const x = box.left + (box.width - w * heads.length) / 2;
  return drawTable(doc, {
    x,
    y,
    columns: heads.map((h) => ({ header: h, width: w, align: 'center' as const })),
    fontSize: 10,
    minRowHeight: 22,
    rows: [
      ['得分', ...heads.slice(1).map(() => '')],
      ['评分人', ...heads.slice(1).map(() => '')],
    ],
  });
}

function ensureSpace(doc: Pdf, y: number, needed: number): number {
  if (y + needed <= contentBox(doc).bottom) return y;
  doc.addPage();
  return contentBox(doc).top;
}

const ITEM_SIZE = 10;
const OPTION_INDENT = 16;

function stemText(type: ItemType, item: PrintItem, number: number): string {
  if (type === 'judge') return `${number}. （　　）${item.stem}`;
  // Choice stems carry their own answer bracket in most banks; add one where the author left it out.
  if ((type === 'single' || type === 'multi') && !/（\s*）|\(\s*\)/.test(item.stem)) return `${number}. ${item.stem}（　　）`;
  return `${number}. ${item.stem}`;
}

/** Options packed four or two to a line when they are short, one per line otherwise. */
function optionLines(doc: Pdf, item: PrintItem, width: number): { perLine: number; texts: string[] } {
  style(doc, { size: ITEM_SIZE });
  const texts = item.options.map((o) => `${o.label}. ${o.text}`);
  const widest = Math.max(0, ...texts.map((t) => doc.widthOfString(t)));
  const perLine = widest <= width / 4 - 10 ? 4 : widest <= width / 2 - 10 ? 2 : 1;
  return { perLine, texts };
}

function itemHeight(doc: Pdf, type: ItemType, item: PrintItem, number: number, width: number): number {
  style(doc, { size: ITEM_SIZE });
  let h = doc.heightOfString(stemText(type, item, number), { width, lineGap: 2 });
  if (type === 'single' || type === 'multi') {
    const { perLine, texts } = optionLines(doc, item, width - OPTION_INDENT);
    const colW = (width - OPTION_INDENT) / perLine;
    for (let i = 0; i < texts.length; i += perLine) {
      h += Math.max(...texts.slice(i, i + perLine).map((t) => doc.heightOfString(t, { width: colW - 6, lineGap: 2 }))) + 1;
    }
  }
  if (type === 'subjective') h += (item.answerLines ?? 6) * 20;
  return h;
}

function drawItem(doc: Pdf, type: ItemType, item: PrintItem, number: number, y0: number): number {
  const box = contentBox(doc);
  let y = ensureSpace(doc, y0, itemHeight(doc, type, item, number, box.width));
  y = paragraph(doc, stemText(type, item, number), box.left, y, box.width, { size: ITEM_SIZE, lineGap: 2 });
  if (type === 'single' || type === 'multi') {
    const { perLine, texts } = optionLines(doc, item, box.width - OPTION_INDENT);
    const colW = (box.width - OPTION_INDENT) / perLine;
    for (let i = 0; i < texts.length; i += perLine) {
      const row = texts.slice(i, i + perLine);
      let h = 0;
      row.forEach((t, c) => {
        style(doc, { size: ITEM_SIZE });
        h = Math.max(h, doc.heightOfString(t, { width: colW - 6, lineGap: 2 }));
        doc.text(t, box.left + OPTION_INDENT + c * colW, y, { width: colW - 6, lineGap: 2 });
      });
      y += h + 1;
    }
  }
  if (type === 'subjective') {
    // Ruled answer space, so a paper sitting can be marked where the candidate wrote.
    doc.lineWidth(0.3).strokeColor('#999');
    for (let l = 1; l <= (item.answerLines ?? 6); l++) doc.moveTo(box.left, y + l * 20).lineTo(box.right, y + l * 20).stroke();
    doc.strokeColor('black');
    y += (item.answerLines ?? 6) * 20;
  }
  return y;
}

/** The key as printed: √/× for judge items, option letters for choice items. */
function keyText(type: ItemType, item: PrintItem): string {
  if (type === 'judge') return JUDGE_KEY[item.key[0] ?? ''] ?? '';
  return item.key.join('');
}

const KEY_COLUMNS = 10;

/**
 * 标准答案 (answer key) of one form: same header as the paper, then per section its heading (item
 * range and marks) and the key of every objective item in a 10-column grid (`1. √`, `41. B`,
 * `201. ACD`); subjective items with their marks and reference answer. Footer with paper code and
 * page numbers.
 *
 * Fails with `DocumentInputInvalid` for a paper without items or a key that does not match its options.
 */
export async function theoryAnswerKeyPdf(paper: TheoryPaperPrint, meta: PrintMeta): Promise<Buffer> {
  validate(paper);
  const sections = numberSections(paper);
  const title = `理论知识考试标准答案（${formName(paper.form)}）`;
  return renderPdf(
    meta,
    { title: `${paper.occupationName} ${levelName(paper.level)} ${title}`, subject: '职业技能等级认定理论知识考试标准答案', margin: mm(18), pageFooter: { prefix: footerPrefix(paper, '标准答案') } },
    (doc) => {
      const box = contentBox(doc);
      let y = drawPaperHeader(doc, paper, title);
      for (const n of sections) {
        y = ensureSpace(doc, y, 60);
        y = paragraph(doc, sectionHeading(n, false), box.left, y, box.width, { font: 'bold', size: 10.5 }) + 4;
        if (n.section.type === 'subjective') {
          n.section.items.forEach((item, k) => {
            y = ensureSpace(doc, y, 40);
            y = paragraph(doc, `${n.first + k}. （${formatMarks(item.marks)}分）${item.stem}`, box.left, y, box.width, { size: 10, lineGap: 2 }) + 2;
            y = paragraph(doc, `参考答案：${item.reference ?? '（未提供）'}`, box.left + 12, y, box.width - 12, { size: 10, lineGap: 2 }) + 8;
          });
          continue;
        }
        const cells = n.section.items.map((item, k) => `${n.first + k}. ${keyText(n.section.type, item)}`);
        const rows: string[][] = [];
        for (let i = 0; i < cells.length; i += KEY_COLUMNS) rows.push(cells.slice(i, i + KEY_COLUMNS));
        const w = box.width / KEY_COLUMNS;
        y =
          drawTable(doc, {
            x: box.left,
            y,
            columns: Array.from({ length: KEY_COLUMNS }, () => ({ header: '', width: w })),
            noHeader: true,
            fontSize: 9.5,
            rows,
          }) + 12;
      }
    },
  );
}
