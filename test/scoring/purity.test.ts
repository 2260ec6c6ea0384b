import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raiseObjection, resolveComponentMark, type ObjectionCategory, type SourceKind } from '../../scoring';

const dir = join(import.meta.dirname, '../../scoring');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('scoring/ stays a pure domain', () => {
  it.each(files)('%s imports only scoring/ and question-bank/, and has no clock or randomness of its own', (file) => {
    const src = readFileSync(join(dir, file), 'utf8');
    const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    for (const spec of imports) expect(spec).toMatch(/^\.\/[a-z-]+$|^\.\.\/question-bank(\/[a-z-]+)+$/);
    expect(src).not.toMatch(/Date\.now|Math\.random|new Date\(|process\./);
  });
});

it('does not take prototype names for a 复核 category or a source kind', () => {
  const p = { opensOn: '2024-06-03', closesOn: '2024-06-07', objections: [] };
  const o = { id: 'x', candidateRef: 'c', category: 'toString' as ObjectionCategory, statement: '' };
  expect(() => raiseObjection(p, o, '2024-06-04')).toThrow(/复核仅限/);
  const weights = { toString: 1 } as unknown as Partial<Record<SourceKind, number>>;
  expect(() => resolveComponentMark('theory', { kind: 'mix', weights }, {})).toThrow(/未知的成绩来源/);
});
