import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlueprintUnsatisfiable, buildParallelPapers, checkParallelPapers } from '../../question-bank/assembly';
import { blueprintCells, cellCounts } from '../../question-bank/blueprint';
import { createRng, shuffled } from '../../question-bank/random';
import type { Item, ItemStatus } from '../../question-bank/types';
import { itemOf, smallBlueprint, specOf } from './fixtures';

const bp = smallBlueprint();
const points = blueprintCells(bp).flatMap((c) => c.points.map((p) => p.code));

const itemArb = fc.record({
  difficulty: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  discrimination: fc.double({ min: -0.1, max: 0.7, noNaN: true }),
  enemyGroup: fc.constantFrom(null, null, null, null, null, 'E1', 'E2', 'E3'),
  status: fc.constantFrom<ItemStatus>('active', 'active', 'active', 'active', 'draft', 'retired'),
  exposure: fc.integer({ min: 0, max: 4 }),
});

/** Per point: a few judge and single items with random statistics, enemies, status and exposure. */
const bankArb = fc
  .tuple(...points.map(() => fc.tuple(fc.array(itemArb, { maxLength: 4 }), fc.array(itemArb, { maxLength: 6 }))))
  .map((perPoint) =>
    perPoint.flatMap(([judges, singles], p) => [
      ...judges.map((x, i) => itemOf({ ...x, id: `${points[p]}-j${i}`, pointCode: points[p]!, type: 'judge' })),
      ...singles.map((x, i) => itemOf({ ...x, id: `${points[p]}-s${i}`, pointCode: points[p]!, type: 'single' })),
    ]),
  );

const caseArb = fc.record({
  bank: bankArb,
  judge: fc.integer({ min: 0, max: 4 }),
  single: fc.integer({ min: 0, max: 8 }),
  forms: fc.integer({ min: 1, max: 3 }),
  maxOverlap: fc.integer({ min: 0, max: 2 }),
  maxExposure: fc.constantFrom(undefined, 3),
  seed: fc.string({ maxLength: 6 }),
});

describe('assembly properties (fast-check)', () => {
  it('either builds papers that break no rule (cells exact, enemies apart, overlap within limit) or says which cells are short', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const spec = specOf({ judge: c.judge, single: c.single });
        const opts = { seed: c.seed, forms: c.forms, maxOverlap: c.maxOverlap, maxExposure: c.maxExposure };
        let result;
        try {
          result = buildParallelPapers(c.bank, bp, spec, opts);
        } catch (e) {
          expect(e).toBeInstanceOf(BlueprintUnsatisfiable);
          const short = (e as BlueprintUnsatisfiable).shortCells;
          expect(short.length).toBeGreaterThan(0);
          for (const cell of short) expect(cell.available).toBeLessThan(cell.needed);
          return;
        }
        const violations = checkParallelPapers({ papers: result.papers, bank: c.bank, blueprint: bp, spec, forms: c.forms, maxOverlap: c.maxOverlap, maxExposure: c.maxExposure });
        expect(violations).toEqual([]);
        expect(result.deviation.rangeMarks).toBe(0);
        // Input order never matters.
        const again = buildParallelPapers(shuffled(c.bank, createRng(c.seed)), bp, spec, opts);
        expect(JSON.stringify(again)).toBe(JSON.stringify(result));
      }),
      { numRuns: 300 },
    );
  });

  it('without enemies or overlap, refuses exactly when some cell has fewer than count × forms eligible items, naming exactly those', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const bank: Item[] = c.bank.map((it) => ({ ...it, enemyGroup: null }));
        const spec = specOf({ judge: c.judge, single: c.single });
        const expected = cellCounts(bp, spec)
          .filter((q) => q.count > 0)
          .map((q) => {
            const available = bank.filter(
              (it) => it.status === 'active' && it.type === q.type && it.pointCode.startsWith(`${q.cell}-`) && (c.maxExposure === undefined || it.exposure < c.maxExposure),
            ).length;
            return { cell: q.cell, type: q.type, needed: q.count * c.forms, available };
          })
          .filter((s) => s.available < s.needed);
        const build = () => buildParallelPapers(bank, bp, spec, { seed: c.seed, forms: c.forms, maxExposure: c.maxExposure });
        if (expected.length === 0) expect(build).not.toThrow();
        else expect(build).toThrow(expect.objectContaining({ shortCells: expected }));
      }),
      { numRuns: 300 },
    );
  });

  it('always finds papers when a valid set exists (planted forms with cross-form enemies, plus random extras)', () => {
    const planted = fc.record({
      judge: fc.integer({ min: 0, max: 4 }),
      single: fc.integer({ min: 1, max: 8 }),
      forms: fc.integer({ min: 2, max: 3 }),
      enemyShare: fc.double({ min: 0, max: 1, noNaN: true }),
      extras: fc.array(fc.tuple(fc.nat(points.length - 1), fc.boolean(), itemArb), { maxLength: 12 }),
      seed: fc.string({ maxLength: 6 }),
    });
    fc.assert(
      fc.property(planted, (c) => {
        const spec = specOf({ judge: c.judge, single: c.single });
        const rng = createRng(`plant:${c.seed}`);
        const bank: Item[] = [];
        const cells = blueprintCells(bp);
        for (let f = 0; f < c.forms; f++) {
          let i = 0;
          for (const q of cellCounts(bp, spec)) {
            const cell = cells.find((x) => x.key === q.cell)!;
            for (let j = 0; j < q.count; j++, i++) {
              const pt = cell.points[rng.int(cell.points.length)]!.code;
              // Group G<i> appears at most once per planted form: enemies only across forms.
              const enemyGroup = rng.next() < c.enemyShare ? `G${i % 3}` : null;
              bank.push(itemOf({ id: `p${f}-${i}`, pointCode: pt, type: q.type, enemyGroup, difficulty: rng.next(), discrimination: rng.next() / 2 }));
            }
          }
        }
        // Planted groups must be unique within a form: i % 3 repeats, so rename the repeats.
        const seen = new Set<string>();
        for (const it of bank) {
          const key = `${it.id.split('-')[0]}:${it.enemyGroup}`;
          if (it.enemyGroup && seen.has(key)) it.enemyGroup = `${it.enemyGroup}-${it.id}`;
          seen.add(key);
        }
        c.extras.forEach(([p, judge, x], i) => bank.push(itemOf({ ...x, id: `x${i}`, pointCode: points[p]!, type: judge ? 'judge' : 'single', enemyGroup: x.enemyGroup && `G${i % 3}` })));
        const result = buildParallelPapers(bank, bp, spec, { seed: c.seed, forms: c.forms });
        expect(checkParallelPapers({ papers: result.papers, bank, blueprint: bp, spec, forms: c.forms, maxOverlap: 0 })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
