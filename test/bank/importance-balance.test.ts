import { describe, expect, it } from 'vitest';
import { buildParallelPapers, type Item } from '../../question-bank';
import { demoBanks } from '../../server/bank/demo-bank';

/**
 * In the 养老护理员 and 车工 demo banks the Z (辅助) 鉴定点 sit only in cells without X (核心) items. A form
 * with one Z too many and one X too few can only be evened out through Y (Z→Y in one cell, Y→X in another);
 * the assembly used to stop there, leaving forms one item (or more) apart in X/Y/Z.
 */
describe('parallel forms of the demo banks have the same X/Y/Z counts', () => {
  const cases: [string, string[]][] = [
    ['4-10-01-05', ['2026-电工-四级-演示', 's3', 'seed-1', 'seed-7']],
    ['6-18-01-01', ['s1', 's2', 's3', 'seed-4']],
  ];
  for (const [code, seeds] of cases) {
    it(`${code}: every form holds the same number of X, Y and Z items`, () => {
      const bank = demoBanks().find((b) => b.occupationCode === code && b.level === 4)!;
      const items: Item[] = bank.items.map((it, i) => ({ ...it.draft, id: `${code}-${i}`, version: 1, statsN: it.statsN, exposure: 0 }));
      for (const seed of seeds) {
        const r = buildParallelPapers(items, bank.blueprint, bank.spec, { seed, forms: 3, maxOverlap: 0 });
        const counts = r.stats.map((s) => `${s.importance.X}/${s.importance.Y}/${s.importance.Z}`);
        expect(new Set(counts).size, `${seed}: ${counts.join(' ')}`).toBe(1);
        expect(r.deviation.largest).toBeLessThan(0.01);
      }
    });
  }
});
