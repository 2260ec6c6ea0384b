import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../../server/exam-admin/rules');

describe('exam-admin rules stay pure', () => {
  it('import only each other, the pure domains (question-bank, scoring) and chinese-days, and read no clock or Math.random', () => {
    const offences: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(join(dir, file), 'utf8');
      for (const m of src.matchAll(/from '([^']+)'/g)) {
        const spec = m[1]!;
        const allowed =
          spec.startsWith('./') ||
          spec.startsWith('../../../question-bank/') ||
          spec === '../../../scoring' ||
          spec.startsWith('../../../scoring/') ||
          spec.startsWith('chinese-days');
        if (!allowed) offences.push(`${file}: ${spec}`);
      }
      if (/Date\.now|new Date|Math\.random/.test(src)) offences.push(`${file}: clock or Math.random`);
    }
    expect(offences).toEqual([]);
  });
});
