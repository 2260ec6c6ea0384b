/**
 * Small fixture builders for question-bank walkthroughs: a blueprint from nested literals, a spec
 * from section counts, items with sensible defaults, and a seeded bank covering every 鉴定点.
 */
import type { Blueprint, BlueprintNode } from '../../question-bank/blueprint';
import { blueprintCells } from '../../question-bank/blueprint';
import { createRng } from '../../question-bank/random';
import type { Importance, Item, ItemType, PaperSpec } from '../../question-bank/types';

export const OCCUPATION = '6-31-01-03';

/** A 鉴定点. */
export function point(code: string, weight: number, importance: Importance): BlueprintNode {
  return { code, name: `鉴定点 ${code}`, weight, importance };
}

/** A 鉴定范围 with children. */
export function range(code: string, weight: number, children: BlueprintNode[]): BlueprintNode {
  return { code, name: `范围 ${code}`, weight, children };
}

/** 电工 四级 theory blueprint over the given top-level ranges. */
export function blueprintOf(ranges: BlueprintNode[]): Blueprint {
  return { occupationCode: OCCUPATION, level: 4, component: 'theory', ranges };
}

/**
 * Two ranges A (60) and B (40), each with two lowest ranges holding two or three points:
 * cells A-A 30, A-B 30, B-A 25, B-B 15.
 */
export function smallBlueprint(): Blueprint {
  return blueprintOf([
    range('A', 60, [
      range('A', 30, [point('001', 10, 'X'), point('002', 10, 'Y'), point('003', 10, 'Z')]),
      range('B', 30, [point('001', 15, 'X'), point('002', 15, 'Y')]),
    ]),
    range('B', 40, [
      range('A', 25, [point('001', 15, 'X'), point('002', 10, 'Z')]),
      range('B', 15, [point('001', 5, 'Y'), point('002', 10, 'X')]),
    ]),
  ]);
}

/** Spec with sections in the given order, e.g. `specOf({ judge: 4, single: 6 })`, 1 mark each unless given. */
export function specOf(counts: Partial<Record<ItemType, number>>, marks: Partial<Record<ItemType, number>> = {}): PaperSpec {
  return {
    occupationCode: OCCUPATION,
    level: 4,
    component: 'theory',
    sections: Object.entries(counts).map(([type, count]) => ({
      type: type as ItemType,
      count: count!,
      marksPerItem: marks[type as ItemType] ?? 1,
    })),
    durationMin: 90,
    passMark: 60,
    multiRule: { kind: 'allOrNothing' },
  };
}

/** An active single-choice item with defaults; override anything. */
export function itemOf(overrides: Partial<Item> & { id: string; pointCode: string }): Item {
  const type = overrides.type ?? 'single';
  const labels = type === 'judge' ? ['T', 'F'] : type === 'subjective' ? [] : ['A', 'B', 'C', 'D'];
  return {
    version: 1,
    occupationCode: OCCUPATION,
    level: 4,
    type,
    stem: `题干 ${overrides.id}`,
    options: labels.map((label) => ({ label, text: `选项 ${label}` })),
    key: type === 'judge' ? ['T'] : type === 'multi' ? ['A', 'B'] : type === 'subjective' ? [] : ['A'],
    difficulty: 0.65,
    discrimination: 0.3,
    statsN: 0,
    exposure: 0,
    enemyGroup: null,
    status: 'active',
    ...overrides,
  };
}

/**
 * `perPoint[type]` items of each type at every 鉴定点, with seeded difficulty ≈ 0.65 ± 0.15 and
 * discrimination ≈ 0.3 ± 0.1. Ids are `<point>-<type>-<n>`.
 */
export function bankFor(blueprint: Blueprint, perPoint: Partial<Record<ItemType, number>>, seed = 'bank'): Item[] {
  const rng = createRng(seed);
  const items: Item[] = [];
  for (const cell of blueprintCells(blueprint)) {
    for (const p of cell.points) {
      for (const [type, count] of Object.entries(perPoint)) {
        for (let i = 1; i <= count!; i++) {
          items.push(
            itemOf({
              id: `${p.code}-${type}-${i}`,
              pointCode: p.code,
              type: type as ItemType,
              difficulty: Math.round((0.35 + 0.6 * rng.next()) * 1000) / 1000,
              discrimination: Math.round((0.15 + 0.3 * rng.next()) * 1000) / 1000,
            }),
          );
        }
      }
    }
  }
  return items;
}
