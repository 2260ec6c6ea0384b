/**
 * The demo banks: for each occupation × level a 细目表, a 试卷结构 and generated items, enough for three
 * parallel papers with room to spare. Used by `server/demo/bank-demo.ts` (and by tests that need a bank).
 */
import type { Blueprint, Level, PaperSpec } from '../../../question-bank';
import type { DemoRange } from './content';
import { ELDER_CARE } from './elder-care';
import { ELECTRICIAN } from './electrician';
import { demoBlueprint, demoItems, type DemoItem } from './generate';
import { TURNER } from './turner';

export { demoBlueprint, demoItems, type DemoItem } from './generate';

/** One demo bank. */
export interface DemoBank {
  occupationCode: string;
  level: Level;
  name: string;
  blueprint: Blueprint;
  spec: PaperSpec;
  items: DemoItem[];
}

const fourth = (occupationCode: string, durationMin: number): PaperSpec => ({
  occupationCode,
  level: 4,
  component: 'theory',
  // A common 四级 theory paper: 20 判断 + 80 单选, one mark each, 100 marks.
  sections: [
    { type: 'judge', count: 20, marksPerItem: 1 },
    { type: 'single', count: 80, marksPerItem: 1 },
  ],
  durationMin,
  passMark: 60,
  multiRule: { kind: 'allOrNothing' },
});

const DEFS: { occupationCode: string; level: Level; name: string; ranges: DemoRange[]; spec: PaperSpec }[] = [
  { occupationCode: '6-31-01-03', level: 4, name: '电工四级理论知识鉴定要素细目表', ranges: ELECTRICIAN, spec: fourth('6-31-01-03', 90) },
  {
    occupationCode: '6-31-01-03',
    level: 3,
    name: '电工三级理论知识鉴定要素细目表',
    ranges: ELECTRICIAN,
    spec: {
      occupationCode: '6-31-01-03',
      level: 3,
      component: 'theory',
      // 三级 adds 多选题 with partial credit: 20 判断 + 60 单选 + 10 多选 × 2 marks = 100.
      sections: [
        { type: 'judge', count: 20, marksPerItem: 1 },
        { type: 'single', count: 60, marksPerItem: 1 },
        { type: 'multi', count: 10, marksPerItem: 2 },
      ],
      durationMin: 120,
      passMark: 60,
      multiRule: { kind: 'partial', perOption: 0.5 },
    },
  },
  { occupationCode: '6-18-01-01', level: 4, name: '车工四级理论知识鉴定要素细目表', ranges: TURNER, spec: fourth('6-18-01-01', 90) },
  { occupationCode: '4-10-01-05', level: 4, name: '养老护理员四级理论知识鉴定要素细目表', ranges: ELDER_CARE, spec: fourth('4-10-01-05', 90) },
];

/** Every demo bank, generated deterministically (same items on every call). */
export function demoBanks(): DemoBank[] {
  return DEFS.map((d) => {
    const blueprint = demoBlueprint(d.occupationCode, d.level, d.ranges);
    const items = demoItems(blueprint, d.spec, d.ranges, `demo-bank:${d.occupationCode}:${d.level}`).map((it) => ({
      ...it,
      draft: { ...it.draft, occupationCode: d.occupationCode, level: d.level },
    }));
    return { occupationCode: d.occupationCode, level: d.level, name: d.name, blueprint, spec: d.spec, items };
  });
}
