import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { count, occupationId, upload, welderBlueprint, welderCsv, welderGift, welderJson, welderMoodle, welderQtiItem, welderQtiZip, welderXlsx, WELDER } from './fixtures';

const DIALECTS = await dialects();

describe.each(DIALECTS)('item import and export over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let welder: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await t.login('office');
    welder = await occupationId(t, WELDER);
    expect((await t.call('POST', '/api/bank/blueprints', { cookie: office, body: welderBlueprint(welder) })).status).toBe(201);
  });
  afterAll(async () => t.close());

  const target = () => ({ occupationId: welder, level: 4 });

  const formats: [string, string, () => Promise<string | Uint8Array> | string | Uint8Array, number][] = [
    ['CSV', 'welder.csv', () => welderCsv(), 18],
    ['JSON', 'welder.json', () => welderJson, 3],
    ['Moodle XML', 'welder-moodle.xml', () => welderMoodle, 2],
    ['GIFT', 'welder.gift', () => welderGift, 2],
    ['QTI 3.0 item', 'weld-q1.xml', () => welderQtiItem, 1],
    ['QTI 3.0 package', 'welder-qti.zip', () => welderQtiZip(), 1],
    ['xlsx', 'welder.xlsx', () => welderXlsx(), 2],
  ];

  for (const [name, filename, content, n] of formats) {
    it(`imports ${name}: the dry run shows ${n} items and writes nothing, the commit writes them all and is audited`, async () => {
      const bytes = await content();
      const itemsBefore = await count(t, 'items');
      const auditBefore = await count(t, 'audit_log');
      const preview = await upload(t, office, '/api/bank/import/preview', filename, bytes, target());
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      expect(preview.body.preview.total).toBe(n);
      expect(preview.body.preview.sample.length).toBe(Math.min(n, 10));
      expect(Object.values(preview.body.preview.byType as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(n);
      expect(preview.body.preview.byPoint.every((p: { inBlueprint: boolean }) => p.inBlueprint)).toBe(true);
      expect(await count(t, 'items')).toBe(itemsBefore);
      expect(await count(t, 'audit_log')).toBe(auditBefore);

      const done = await upload(t, office, '/api/bank/import', filename, bytes, target());
      expect(done.status, JSON.stringify(done.body)).toBe(201);
      expect(done.body.imported).toBe(n);
      expect(await count(t, 'items')).toBe(itemsBefore + n);
      const audit = await t.db.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(audit.action).toBe('item.import');
      expect(JSON.parse(audit.after_json!).count).toBe(n);
    });
  }

  it('a file with bad rows returns every row error in Chinese and writes nothing, not even the good rows', async () => {
    const before = await count(t, 'items');
    for (const path of ['/api/bank/import/preview', '/api/bank/import']) {
      const r = await upload(t, office, path, 'bad.csv', welderCsv({ badRow: true }), target());
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('IMPORT_REJECTED');
      const errors = r.body.error.details.errors as { row: number; column: string; problem: string }[];
      expect(errors.map((e) => e.column)).toEqual(expect.arrayContaining(['答案', '鉴定点']));
      expect(errors.every((e) => e.row > 1 && /[\u4e00-\u9fff]/.test(e.problem))).toBe(true);
    }
    expect(await count(t, 'items')).toBe(before);
  });

  it('the preview warns about 鉴定点 outside the blueprint and stems already in the bank', async () => {
    const csv = '题型,鉴定点,题干,答案\r\n判断,Z-Z-001,不在细目表中的题。,对\r\n';
    const r = await upload(t, office, '/api/bank/import/preview', 'w.csv', csv, target());
    expect(r.status).toBe(200);
    expect(r.body.preview.byPoint).toEqual([{ pointCode: 'Z-Z-001', count: 1, inBlueprint: false }]);
    expect(r.body.preview.warnings.join()).toContain('不在细目表中');
    const again = await upload(t, office, '/api/bank/import/preview', 'welder.csv', welderCsv(), target());
    expect(again.body.preview.warnings.join()).toContain('已有试题相同');
  });

  it('refuses an oversized upload with 413 and a file whose content is not what its name says', async () => {
    const big = new Uint8Array(11 * 1024 * 1024).fill(0x41);
    const r = await upload(t, office, '/api/bank/import/preview', 'big.csv', big, target());
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('UPLOAD_TOO_LARGE');
    const fake = await upload(t, office, '/api/bank/import/preview', 'fake.xlsx', 'this is not a spreadsheet', target());
    expect(fake.status).toBe(400);
    expect(fake.body.error.code).toBe('UPLOAD_BAD_SIGNATURE');
  });

  it('a request without a file is told which field is missing', async () => {
    const form = new FormData();
    form.set('occupationId', String(welder));
    form.set('level', '4');
    const r = await t.call('POST', '/api/bank/import/preview', { cookie: office, raw: form });
    expect(r.status).toBe(400);
    expect(r.body.error.details.fields[0].field).toBe('file');
  });

  it('the template downloads as xlsx, and a bank exported as xlsx and as QTI 3.0 imports back to the same items', async () => {
    const tpl = await t.call('GET', '/api/bank/import/template', { cookie: office });
    expect(tpl.status).toBe(200);
    expect(tpl.res.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(tpl.res.headers.get('content-disposition')!)).toContain('试题导入模板.xlsx');

    const electrician = await occupationId(t, '6-31-01-03');
    const bank = await t.call('GET', `/api/bank/items?occupationId=${electrician}&level=3&pageSize=200`, { cookie: office });
    const total = bank.body.total as number;
    expect(total).toBeGreaterThan(300);
    const shape = (items: { type: string; stem: string; options: unknown; key: string[]; pointCode: string; status: string }[]) =>
      items.map((i) => JSON.stringify([i.type, i.stem, i.options, i.key, i.pointCode, i.status])).sort();

    for (const format of ['xlsx', 'qti'] as const) {
      const file = await t.call('GET', `/api/bank/export?occupationId=${electrician}&level=3&format=${format}`, { cookie: office });
      expect(file.status).toBe(200);
      const bytes = new Uint8Array(await file.res.arrayBuffer());
      if (format === 'qti') expect(Object.keys((await JSZip.loadAsync(bytes)).files)).toContain('imsmanifest.xml');
      // Re-import into 三级 of 车工 (empty), then compare item content.
      const turner = await occupationId(t, '6-18-01-01');
      const r = await upload(t, office, '/api/bank/import', `export.${format === 'qti' ? 'zip' : 'xlsx'}`, bytes, { occupationId: turner, level: 3 });
      expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(201);
      expect(r.body.imported).toBe(total);
      const all = async (occ: number) => {
        const out = [];
        for (let page = 1; ; page++) {
          const p = await t.call('GET', `/api/bank/items?occupationId=${occ}&level=3&pageSize=200&page=${page}`, { cookie: office });
          out.push(...p.body.items);
          if (out.length >= p.body.total) return out;
        }
      };
      const original = await all(electrician);
      const copied = await all(turner);
      expect(shape(copied)).toEqual(shape(original));
      await t.db.db.deleteFrom('items').where('occupation_id', '=', turner).where('level', '=', 3).execute();
    }
  });

  it('only the office imports; the supervisor may download the template and exports but not import', async () => {
    const sup = await t.login('supervisor');
    expect((await upload(t, sup, '/api/bank/import', 'welder.csv', welderCsv(), target())).status).toBe(403);
    expect((await t.call('GET', '/api/bank/import/template', { cookie: sup })).status).toBe(200);
  });
});
