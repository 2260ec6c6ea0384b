import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function files(dir: string, exts = ['.ts', '.tsx']): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(files(p, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(p);
  }
  return out;
}

const imports = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => ({ typeOnly: !!m[1], spec: m[2]! }));

const PURE = ['question-bank', 'scoring', 'server/exam-admin/rules'];

describe('architecture', () => {
  it('pure domain modules import no server, client, database, framework or node:* code, and read no clock or Math.random', () => {
    const problems: string[] = [];
    for (const root of PURE) {
      let list: string[] = [];
      try {
        list = files(root);
      } catch {
        continue;
      }
      for (const f of list) {
        for (const { spec } of imports(f)) {
          if (/^node:|^(fs|path|crypto|os|child_process)$/.test(spec) || /^(kysely|hono|@hono\/|socket\.io|better-sqlite3|pg|exceljs|pdfkit|solid-js)/.test(spec)) problems.push(`${f} imports ${spec}`);
          if (spec.includes('/server/') || spec.startsWith('../server') || spec.includes('/client/')) {
            if (!(root === 'server/exam-admin/rules' && spec.startsWith('.') && !spec.includes('..'))) problems.push(`${f} imports ${spec}`);
          }
        }
        const text = readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
        if (/Date\.now\(\)|new Date\(\)|Math\.random\(\)/.test(text)) problems.push(`${f} reads the clock or Math.random`);
        if (f.includes('seedrandom') || (/from ['"]seedrandom['"]/.test(text) && !f.endsWith(path.join('question-bank', 'random.ts')))) problems.push(`${f} uses seedrandom outside question-bank/random.ts`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('scoring imports only itself and question-bank', () => {
    const bad = files('scoring').flatMap((f) => imports(f).filter(({ spec }) => spec.startsWith('.') && !/^\.\.?\/(?!\.\.)|^\.\.\/question-bank|^\.\.\/\.\.\/question-bank/.test(spec)).map(({ spec }) => `${f} → ${spec}`));
    expect(bad).toEqual([]);
  });

  it('the client imports only types from server/', () => {
    const bad = files('client/src').flatMap((f) => imports(f).filter(({ spec, typeOnly }) => spec.includes('server/') && !typeOnly).map(({ spec }) => `${f} → ${spec}`));
    expect(bad).toEqual([]);
  });

  it('only server/config.ts reads process.env in server code', () => {
    const bad = files('server').filter((f) => !f.endsWith(path.join('server', 'config.ts')) && /process\.env/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
