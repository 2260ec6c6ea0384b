/**
 * A seeded synthetic question bank for benchmarks and realism tests: an 电工 四级 theory blueprint
 * with 4 鉴定范围 × 10 sub-ranges (40 cells' rows) and 3–8 鉴定点 each, a 100-item spec (80 single
 * choice + 20 true/false, 1 mark each), and `size` items spread over the points by weight, with
 * realistic statistics: difficulty ≈ 0.65 ± 0.15, discrimination ≈ 0.30 ± 0.10, some author
 * estimates (two decimals, statsN 0), exposure 0–7 against a cap of 5, ~5 % inactive, ~1 % in enemy
 * groups of 2–3 within a 鉴定范围, and some items with a retired older version.
 */
import type { Blueprint, BlueprintNode } from '../question-bank/blueprint';
import { createRng, type Rng } from '../question-bank/random';
import type { Importance, Item, PaperSpec } from '../question-bank/types';

/** One generated benchmark instance. */
export interface SyntheticCase {
  bank: Item[];
  blueprint: Blueprint;
  spec: PaperSpec;
  maxExposure: number;
}

const OCCUPATION = '6-31-01-03';
const LETTERS = 'ABCDEFGHIJ';

function normal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Split integer `total` into `parts` positive integers at random. */
function splitInt(total: number, parts: number, rng: Rng): number[] {
  const out = Array.from({ length: parts }, () => 1);
  for (let left = total - parts; left > 0; left--) out[rng.int(parts)]!++;
  return out;
}

/** The 40-row blueprint: top weights 20/30/30/20, sub-range weights random integers ≥ 1. */
export function syntheticBlueprint(seed = 'blueprint'): Blueprint {
  const rng = createRng(seed);
  const ranges: BlueprintNode[] = [20, 30, 30, 20].map((weight, r) => {
    const subWeights = splitInt(weight, 10, rng);
    return {
      code: LETTERS[r]!,
      name: ['基础知识', '电工基础', '电气设备', '安全与规范'][r]!,
      weight,
      children: subWeights.map((w, s) => {
        const points = 3 + rng.int(6);
        // Point weights in hundredths so that they add up to the sub-range's weight exactly.
        const hundredths = splitInt(w * 100, points, rng);
        return {
          code: LETTERS[s]!,
          name: `范围 ${LETTERS[r]}${LETTERS[s]}`,
          weight: w,
          children: hundredths.map((h, p) => {
            const x = rng.next();
            const importance: Importance = x < 0.4 ? 'X' : x < 0.8 ? 'Y' : 'Z';
            return { code: String(p + 1).padStart(3, '0'), name: `鉴定点 ${p + 1}`, weight: h / 100, importance };
          }),
        };
      }),
    };
  });
  return { occupationCode: OCCUPATION, level: 4, component: 'theory', ranges };
}

/** 100 items: 80 单项选择题 + 20 判断题 at 1 mark each. */
export function syntheticSpec(): PaperSpec {
  return {
    occupationCode: OCCUPATION,
    level: 4,
    component: 'theory',
    sections: [
      { type: 'judge', count: 20, marksPerItem: 1 },
      { type: 'single', count: 80, marksPerItem: 1 },
    ],
    durationMin: 90,
    passMark: 60,
    multiRule: { kind: 'allOrNothing' },
  };
}

/** A bank of about `size` item rows (older versions included) for the synthetic blueprint. */
export function syntheticBank(size: number, seed = 'bank'): SyntheticCase {
  const blueprint = syntheticBlueprint();
  const rng = createRng(`${seed}:${size}`);
  const points: { code: string; weight: number; top: string }[] = [];
  for (const top of blueprint.ranges) {
    for (const sub of top.children ?? []) {
      for (const p of sub.children ?? []) points.push({ code: `${top.code}-${sub.code}-${p.code}`, weight: p.weight, top: top.code });
    }
  }
  // Cumulative weights to draw a point proportional to its weight.
  const cumulative: number[] = [];
  points.reduce((acc, p) => (cumulative.push(acc + p.weight), acc + p.weight), 0);
  const pick = (): (typeof points)[number] => {
    const x = rng.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return points[lo]!;
  };
  const bank: Item[] = [];
  const byTop = new Map<string, Item[]>();
  let n = 0;
  while (bank.length < size) {
    const point = pick();
    const judge = rng.next() < 0.25;
    const measured = rng.next() < 0.6;
    const statsN = measured ? 30 + rng.int(400) : 0;
    let difficulty = clamp(0.65 + 0.15 * normal(rng), 0.08, 0.97);
    let discrimination = clamp(0.3 + 0.1 * normal(rng), -0.1, 0.8);
    if (measured) difficulty = Math.round(difficulty * statsN) / statsN;
    else [difficulty, discrimination] = [Math.round(difficulty * 100) / 100, Math.round(discrimination * 100) / 100];
    const labels = judge ? ['T', 'F'] : ['A', 'B', 'C', 'D'];
    const status = rng.next();
    const id = `Q${String(++n).padStart(6, '0')}`;
    const item: Item = {
      id,
      version: 1,
      occupationCode: OCCUPATION,
      level: 4,
      type: judge ? 'judge' : 'single',
      stem: `${point.code} 第 ${n} 题题干`,
      options: labels.map((label) => ({ label, text: `选项 ${label}` })),
      key: [labels[rng.int(labels.length)]!],
      pointCode: point.code,
      difficulty,
      discrimination,
      statsN,
      exposure: Math.floor(-Math.log(Math.max(rng.next(), 1e-9)) * 1.6),
      enemyGroup: null,
      status: status < 0.03 ? 'draft' : status < 0.05 ? 'retired' : 'active',
    };
    if (rng.next() < 0.04 && bank.length + 2 <= size) {
      bank.push({ ...item, status: 'retired', difficulty: clamp(difficulty + 0.05, 0, 1) });
      item.version = 2;
    }
    bank.push(item);
    const list = byTop.get(point.top) ?? [];
    list.push(item);
    byTop.set(point.top, list);
  }
  // ~1 % of items in enemy groups of 2–3 drawn from the same 鉴定范围 (they may span cells).
  let groups = 0;
  for (let marked = 0; marked < size * 0.01; ) {
    const list = byTop.get(blueprint.ranges[rng.int(blueprint.ranges.length)]!.code)!;
    const members = 2 + rng.int(2);
    const g = `E${++groups}`;
    for (let j = 0; j < members; j++) {
      const it = list[rng.int(list.length)]!;
      if (it.enemyGroup === null) {
        it.enemyGroup = g;
        marked++;
      }
    }
  }
  return { bank, blueprint, spec: syntheticSpec(), maxExposure: 5 };
}
