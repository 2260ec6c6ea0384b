import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { ELECTRICIAN, LATHE, candidateRows, importRows, lastAudit, planBatch, pngBytes, upload, type PlannedBatch } from './fixtures';

const DIALECTS = await dialects();

interface Row { path: string; key: string; status: string; candidateName: string | null; matchedBy: string | null; replaces: boolean; reasons: string[] }
interface Listed { id: number; name: string; idNumber: string; hasPhoto: boolean; seat: { ticketNo: string } | null }

async function zipOf(files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [name, data] of Object.entries(files)) z.file(name, data);
  return z.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe.each(DIALECTS)('批量上传照片 over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let p: PlannedBatch;
  let people: Listed[];
  const rows = candidateRows(6, [{ code: ELECTRICIAN, level: '四级' }, { code: LATHE, level: '五级' }]);

  beforeAll(async () => {
    t = await makeTestApp(dialect, { seeders: [] });
    office = await t.login('office');
    p = await planBatch(t, office);
    expect((await importRows(t, office, p.batchId, rows)).status).toBe(201);
    await t.call('POST', `/api/batches/${p.batchId}/rooms`, { cookie: office, body: { name: '第1考场', venue: '实训楼301' } });
    const arranged = await t.call('POST', `/api/batches/${p.batchId}/sittings/${p.theoryId}/arrange`, { cookie: office, body: {} });
    expect(arranged.status, JSON.stringify(arranged.body)).toBe(200);
    people = (await t.call('GET', `/api/batches/${p.batchId}/candidates`, { cookie: office })).body.candidates;
    expect(people.every((c) => c.seat !== null)).toBe(true);
  });
  afterAll(async () => t.close());

  const preview = (zip: Uint8Array, batchId = p.batchId) => upload(t, `/api/batches/${batchId}/candidates/photos/preview`, 'file', zip, 'photos.zip', office);
  const apply = (zip: Uint8Array, batchId = p.batchId) => upload(t, `/api/batches/${batchId}/candidates/photos`, 'file', zip, 'photos.zip', office);
  const byPath = (files: Row[], path: string) => files.find((f) => f.path === path)!;

  it('previews: matches by ID number (lower-case x too) and by ticket number in folders, refuses a non-image, an oversized and a wide image with reasons, lists unmatched files and who still lacks a photo; writes nothing', async () => {
    const [a, b, c, d, e] = people as [Listed, Listed, Listed, Listed, Listed];
    const zip = await zipOf({
      [`${a.idNumber.toLowerCase()}.jpg`]: pngBytes(),
      [`二班/${b.seat!.ticketNo}.PNG`]: pngBytes(130, 170),
      [`${c.idNumber}.jpg`]: 'not a photo at all, just text that is long enough '.repeat(40),
      [`${d.idNumber}.png`]: Buffer.concat([pngBytes(), randomBytes(2_500_000)]), // a 2.4 MB file (trailing data after IEND)
      [`${e.idNumber}.png`]: pngBytes(300, 100),
      '110105199003071239.jpg': pngBytes(),
      '__MACOSX/._x.jpg': 'junk',
    });
    const r = await preview(zip);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const files = r.body.files as Row[];
    expect(byPath(files, `${a.idNumber.toLowerCase()}.jpg`)).toMatchObject({ status: 'matched', candidateName: a.name, matchedBy: 'idNumber', replaces: false });
    expect(byPath(files, `二班/${b.seat!.ticketNo}.PNG`)).toMatchObject({ status: 'matched', candidateName: b.name, matchedBy: 'ticketNo' });
    expect(byPath(files, `${c.idNumber}.jpg`)).toMatchObject({ status: 'refused', candidateName: c.name, reasons: ['照片格式应为 JPEG 或 PNG'] });
    expect(byPath(files, `${d.idNumber}.png`).status).toBe('refused');
    expect(byPath(files, `${d.idNumber}.png`).reasons.join()).toContain('照片文件太大');
    expect(byPath(files, `${e.idNumber}.png`).reasons.join()).toContain('宽高比');
    expect(byPath(files, '110105199003071239.jpg')).toMatchObject({ status: 'unmatched', candidateName: null });
    expect(byPath(files, '110105199003071239.jpg').reasons[0]).toContain('本批次没有证件号码或准考证号为“110105199003071239”的考生');
    expect(r.body.counts).toEqual({ files: 6, matched: 2, unmatched: 1, refused: 3, ignored: 1 });
    expect((r.body.withoutPhoto as { name: string }[]).map((x) => x.name).sort()).toEqual(people.slice(2).map((x) => x.name).sort());

    const after = (await t.call('GET', `/api/batches/${p.batchId}/candidates?flag=noPhoto`, { cookie: office })).body.candidates as Listed[];
    expect(after).toHaveLength(people.length);
    const audits = await t.db.db.selectFrom('audit_log').select('id').where('action', 'in', ['candidate.photo', 'candidate.photos-import']).execute();
    expect(audits).toHaveLength(0);
  });

  it('refuses two files for one candidate rather than guessing', async () => {
    const a = people[0]!;
    const r = await preview(await zipOf({ [`${a.idNumber}.png`]: pngBytes(), [`${a.seat!.ticketNo}.png`]: pngBytes(130, 170) }));
    expect((r.body.files as Row[]).map((f) => f.status)).toEqual(['refused', 'refused']);
    expect((r.body.files as Row[])[0]!.reasons[0]).toContain('有 2 个照片文件');
  });

  it('applies: stores the matched photos (served by the photo endpoint), skips the refused ones, audits counts and per-candidate hashes', async () => {
    const [a, b, c] = people as [Listed, Listed, Listed];
    const photoA = pngBytes();
    const photoB = pngBytes(130, 170);
    const zip = await zipOf({ [`${a.idNumber}.png`]: photoA, [`x/${b.seat!.ticketNo}.png`]: photoB, [`${c.idNumber}.png`]: 'text '.repeat(400) });
    const r = await apply(zip);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.stored).toBe(2);
    const got = await t.call('GET', `/api/batches/${p.batchId}/candidates/${a.id}/photo`, { cookie: office });
    expect(got.status).toBe(200);
    expect(got.res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.res.arrayBuffer()).equals(photoA)).toBe(true);
    const list = (await t.call('GET', `/api/batches/${p.batchId}/candidates`, { cookie: office })).body.candidates as Listed[];
    expect(list.filter((x) => x.hasPhoto).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());

    const batchAudit = await lastAudit(t, 'candidate.photos-import');
    expect(batchAudit.after).toMatchObject({ file: 'photos.zip', files: 3, matched: 2, refused: 1, stored: 2, stillWithoutPhoto: people.length - 2 });
    const per = await t.db.db.selectFrom('audit_log').select(['object_id', 'before_json', 'after_json']).where('action', '=', 'candidate.photo').execute();
    expect(per).toHaveLength(2);
    for (const x of per) {
      expect(JSON.parse(x.before_json!)).toEqual({ hasPhoto: false });
      expect(JSON.parse(x.after_json!).sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(x.after_json!.length).toBeLessThan(1000); // hash and size, never the bytes
    }

    // A second zip replaces A's photo: the preview says so, the audit keeps the old hash.
    const again = await preview(await zipOf({ [`${a.idNumber}.png`]: photoB }));
    expect((again.body.files as Row[])[0]).toMatchObject({ status: 'matched', replaces: true });
    expect((await apply(await zipOf({ [`${a.idNumber}.png`]: photoB }))).status).toBe(200);
    const replaced = await lastAudit(t, 'candidate.photo');
    expect(replaced.before).toMatchObject({ hasPhoto: true, bytes: photoA.byteLength });
    expect(replaced.after.sha256).not.toBe(replaced.before.sha256);
  });

  it('the ticket PDF of a candidate whose photo came from the zip still prints', async () => {
    const a = people[0]!;
    const r = await t.call('GET', `/api/batches/${p.batchId}/tickets.pdf?candidateId=${a.id}`, { cookie: office });
    expect(r.status).toBe(200);
    expect(r.res.headers.get('content-type')).toBe('application/pdf');
  });

  it('refuses a zip with nothing to store, a file that is not a zip, and the supervisor', async () => {
    const none = await apply(await zipOf({ 'nobody.png': pngBytes() }));
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain('没有可以导入的照片');
    const notZip = await preview(pngBytes());
    expect(notZip.status).toBe(400);
    expect(notZip.body.error.code).toBe('UPLOAD_BAD_SIGNATURE');
    const sup = await upload(t, `/api/batches/${p.batchId}/candidates/photos`, 'file', await zipOf({ 'a.png': pngBytes() }), 'p.zip', await t.login('supervisor'));
    expect(sup.status).toBe(403);
  });

  it('refuses another organization’s batch (not found) and writes nothing there', async () => {
    const other = await planBatch(t, office, { name: '他机构批次' });
    expect((await importRows(t, office, other.batchId, candidateRows(1, [{ code: ELECTRICIAN, level: '四级' }], 50))).status).toBe(201);
    const org = await t.db.db.insertInto('organizations').values({
      name: '另一评价机构', type: 'training', uscc: '91110000MA0000000X', province: '11', cert_org_code: '0001', cert_org_serial: '010009', cert_issuer: '另一评价机构', created_at: '2026-11-01T00:00:00Z',
    }).returning('id').executeTakeFirstOrThrow();
    await t.db.db.updateTable('batches').set({ organization_id: org.id }).where('id', '=', other.batchId).execute();
    const idNumber = String(candidateRows(1, [{ code: ELECTRICIAN, level: '四级' }], 50)[0]!['证件号码']);
    const zip = await zipOf({ [`${idNumber}.png`]: pngBytes() });
    for (const r of [await preview(zip, other.batchId), await apply(zip, other.batchId)]) {
      expect(r.status).toBe(404);
    }
    const stored = await t.db.db.selectFrom('candidates').select('photo_type').where('batch_id', '=', other.batchId).execute();
    expect(stored.map((s) => s.photo_type)).toEqual([null]);
  });
});
