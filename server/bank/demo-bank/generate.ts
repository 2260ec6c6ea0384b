/**
 * Turn a demo bank description (ranges → cells → 鉴定点 with facts) into a blueprint and enough items to build
 * three parallel papers of a spec with room to spare, deterministically from a seed.
 */
import {
  cellCounts,
  createRng,
  shuffled,
  type Blueprint,
  type ItemDraft,
  type ItemType,
  type Level,
  type PaperSpec,
  type Rng,
} from '../../../question-bank';
import type { DemoPoint, DemoRange, Fact, MultiFact } from './content';

/** The 细目表 of a demo bank; cell and range weights are the sums of their points' weights. */
export function demoBlueprint(occupationCode: string, level: Level, ranges: readonly DemoRange[]): Blueprint {
  return {
    occupationCode,
    level,
    component: 'theory',
    ranges: ranges.map((r) => {
      const cells = r.cells.map((c) => ({
        code: c.code,
        name: c.name,
        weight: c.points.reduce((s, p) => s + p.weight, 0),
        children: c.points.map((p) => ({ code: p.code, name: p.name, weight: p.weight, importance: p.importance })),
      }));
      return { code: r.code, name: r.name, weight: cells.reduce((s, c) => s + c.weight, 0), children: cells };
    }),
  };
}

/** How many items of a cell × type the bank gets for `perPaper` per form: three forms plus a third more, plus two. */
function supply(perPaper: number): number {
  return perPaper === 0 ? 0 : Math.ceil(perPaper * 3 * 1.35) + 2;
}

const LABELS = ['A', 'B', 'C', 'D', 'E'];

/** Plausible author estimates: p around 0.65, discrimination 0.2–0.55; a third of items carry past statistics. */
function statistics(rng: Rng): Pick<ItemDraft, 'difficulty' | 'discrimination'> & { statsN: number } {
  const difficulty = Math.round((0.42 + rng.next() * 0.46) * 100) / 100;
  const discrimination = Math.round((0.18 + rng.next() * 0.37) * 100) / 100;
  return { difficulty, discrimination, statsN: rng.next() < 0.33 ? 30 + rng.int(170) : 0 };
}

/** A demo item before it has a uid: the draft plus the response count behind its statistics. */
export interface DemoItem {
  draft: ItemDraft;
  statsN: number;
}

interface Maker {
  point: DemoPoint;
  pointCode: string;
  staticIndex: number;
  judgeIndex: number;
  multiIndex: number;
}

/**
 * Items for every cell × type of `spec`, spread over the cell's 鉴定点 in proportion to their weights (each
 * point gets at least one of each type the cell needs), texts made from the points' facts, all distinct.
 * Items made from the same written fact share an enemy group (they give each other away).
 */
export function demoItems(blueprint: Blueprint, spec: PaperSpec, ranges: readonly DemoRange[], seed: string): DemoItem[] {
  const rng = createRng(seed);
  const quotas = cellCounts(blueprint, spec);
  const seen = new Set<string>();
  const out: DemoItem[] = [];
  for (const range of ranges) {
    for (const cell of range.cells) {
      const makers: Maker[] = cell.points.map((point) => ({ point, pointCode: `${range.code}-${cell.code}-${point.code}`, staticIndex: 0, judgeIndex: 0, multiIndex: 0 }));
      for (const section of spec.sections) {
        const perPaper = quotas.find((q) => q.cell === `${range.code}-${cell.code}` && q.type === section.type)?.count ?? 0;
        let left = supply(perPaper);
        const able = makers.filter((m) => hasMaterial(m.point, section.type));
        const sum = able.reduce((a, m) => a + m.point.weight, 0);
        // Proportional to the points' weights first, then round robin over the points that still have material.
        const share = able.map((m) => Math.max(1, Math.round((left * m.point.weight) / sum)));
        able.forEach((m, i) => {
          for (let k = 0; k < share[i]! && left > 0; k++) {
            const item = makeItem(m, section.type, rng, seen);
            if (!item) break;
            out.push(item);
            left--;
          }
        });
        let active = able.slice();
        while (left > 0 && active.length > 0) {
          active = active.filter((m) => {
            if (left === 0) return false;
            const item = makeItem(m, section.type, rng, seen);
            if (item) {
              out.push(item);
              left--;
            }
            return item !== null;
          });
        }
      }
      // One item per cell still being written (草稿): present in the bank, never drawn into a paper.
      const draft = makeItem(makers[0]!, 'single', rng, seen);
      if (draft) out.push({ ...draft, draft: { ...draft.draft, status: 'draft' } });
    }
  }
  return out;
}

function base(m: Maker, rng: Rng, type: ItemType): Omit<ItemDraft, 'stem' | 'options' | 'key' | 'enemyGroup'> & { statsN: number } {
  return { occupationCode: '', level: 4, type, pointCode: m.pointCode, status: 'active', ...statistics(rng) };
}

function finish(m: Maker, rng: Rng, d: Omit<ItemDraft, 'occupationCode' | 'level' | 'difficulty' | 'discrimination' | 'status' | 'pointCode'>, seen: Set<string>): DemoItem | null {
  // Rounded numeric distractors can coincide with the key or each other: such a draw is discarded.
  if (new Set(d.options.map((o) => o.text)).size !== d.options.length) return null;
  const key = `${d.stem}\u0000${d.options.map((o) => o.text).join('\u0001')}`;
  if (seen.has(key)) return null;
  seen.add(key);
  const { statsN, ...b } = base(m, rng, d.type);
  return { draft: { ...b, ...d }, statsN };
}

function hasMaterial(p: DemoPoint, type: ItemType): boolean {
  switch (type) {
    case 'judge':
    case 'single':
      return (p.facts?.length ?? 0) + (p.sources?.length ?? 0) > 0;
    case 'multi':
      return (p.multi?.length ?? 0) > 0;
    case 'subjective':
      return false;
    default: {
      const never: never = type;
      return never;
    }
  }
}

const choiceStem = (stem: string) => `${stem}（　　）。`;

function singleFrom(fact: Fact, rng: Rng): { options: { label: string; text: string }[]; key: string[] } {
  const texts = shuffled([fact.right, ...fact.wrong.slice(0, 3)], rng);
  const options = texts.map((text, i) => ({ label: LABELS[i]!, text }));
  return { options, key: [options.find((o) => o.text === fact.right)!.label] };
}

function multiFrom(f: MultiFact, rng: Rng): { options: { label: string; text: string }[]; key: string[] } {
  const rights = shuffled(f.rights, rng).slice(0, Math.min(f.rights.length, 2 + rng.int(2)));
  const wrongs = shuffled(f.wrongs, rng).slice(0, Math.max(2, 5 - rights.length));
  const texts = shuffled([...rights, ...wrongs], rng);
  const options = texts.map((text, i) => ({ label: LABELS[i]!, text }));
  return { options, key: options.filter((o) => rights.includes(o.text)).map((o) => o.label) };
}

/** One new item of `type` for the point, or null when its material is exhausted (tries a few draws first). */
function makeItem(m: Maker, type: ItemType, rng: Rng, seen: Set<string>): DemoItem | null {
  const facts = m.point.facts ?? [];
  const sources = m.point.sources ?? [];
  for (let attempt = 0; attempt < 40; attempt++) {
    switch (type) {
      case 'single': {
        if (m.staticIndex < facts.length) {
          const i = m.staticIndex++;
          const made = finish(m, rng, { type, stem: choiceStem(facts[i]!.stem), ...singleFrom(facts[i]!, rng), enemyGroup: `${m.pointCode}#${facts[i]!.group ?? i + 1}` }, seen);
          if (made) return made;
          continue;
        }
        if (sources.length === 0) return null;
        const fact = sources[rng.int(sources.length)]!(rng);
        const made = finish(m, rng, { type, stem: choiceStem(fact.stem), ...singleFrom(fact, rng), enemyGroup: null }, seen);
        if (made) return made;
        continue;
      }
      case 'judge': {
        // Each written fact gives at most one true and one false statement, so a group never holds more than three items.
        if (m.judgeIndex < facts.length * 2) {
          const i = m.judgeIndex++;
          const fact = facts[i >> 1]!;
          const truth = (i & 1) === 0;
          const value = truth ? fact.right : fact.wrong[rng.int(fact.wrong.length)]!;
          const made = finish(m, rng, { type, stem: `${fact.stem}${value}。`, options: [{ label: 'T', text: '正确' }, { label: 'F', text: '错误' }], key: [truth ? 'T' : 'F'], enemyGroup: `${m.pointCode}#${fact.group ?? (i >> 1) + 1}` }, seen);
          if (made) return made;
          continue;
        }
        if (sources.length === 0) return null;
        const fact = sources[rng.int(sources.length)]!(rng);
        const truth = rng.next() < 0.55;
        const value = truth ? fact.right : fact.wrong[rng.int(fact.wrong.length)]!;
        const made = finish(m, rng, { type, stem: `${fact.stem}${value}。`, options: [{ label: 'T', text: '正确' }, { label: 'F', text: '错误' }], key: [truth ? 'T' : 'F'], enemyGroup: null }, seen);
        if (made) return made;
        continue;
      }
      case 'multi': {
        const multi = m.point.multi ?? [];
        if (multi.length === 0) return null;
        const i = m.multiIndex++ % multi.length;
        const entry = multi[i]!;
        const f = typeof entry === 'function' ? entry(rng) : entry;
        const made = finish(m, rng, { type, stem: choiceStem(f.stem), ...multiFrom(f, rng), enemyGroup: typeof entry === 'function' ? null : `${m.pointCode}#M${i + 1}` }, seen);
        if (made) return made;
        continue;
      }
      case 'subjective':
        return null;
      default: {
        const never: never = type;
        return never;
      }
    }
  }
  return null;
}
