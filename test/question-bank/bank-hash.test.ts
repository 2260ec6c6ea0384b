import { describe, expect, it } from 'vitest';
import { bankHash, fnv1a64 } from '../../question-bank/bank-hash';
import { bankFor, smallBlueprint } from './fixtures';

describe('bank hash', () => {
  it('is FNV-1a 64 over UTF-8 (published test vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    // Non-ASCII goes through UTF-8: 鉴定 = e9 89 b4 e5 ae 9a.
    expect(fnv1a64('鉴定')).toBe('b2058eeea13e299c');
  });

  it('ignores bank order but changes when an item changes what assembly would use', () => {
    const bank = bankFor(smallBlueprint(), { single: 2 });
    const h = bankHash(bank);
    expect(h).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    expect(bankHash(bank.slice().reverse())).toBe(h);
    const changed = bank.map((it, i) => (i === 3 ? { ...it, exposure: it.exposure + 1 } : it));
    expect(bankHash(changed)).not.toBe(h);
    const newVersion = bank.map((it, i) => (i === 3 ? { ...it, version: 2 } : it));
    expect(bankHash(newVersion)).not.toBe(h);
  });
});
