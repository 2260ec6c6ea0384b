/**
 * Fixture builders for the exam-administration HTTP tests: valid (and deliberately broken) ID numbers,
 * import spreadsheets built in memory, a small portrait PNG, and a planned batch made through the API.
 */
import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { gb11643CheckChar } from '../../server/exam-admin/rules';
import type { TestApp } from '../support/app';

/** A valid 居民身份证 number: area code, birth date `YYYYMMDD`, sequence (odd = 男), MOD 11-2 check. */
export function idNumber(birth: string, seq: number, area = '360102'): string {
  const first17 = `${area}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + gb11643CheckChar(first17);
}

/** The same number with a wrong check character. */
export function withWrongCheck(id: string): string {
  const right = id[17]!;
  const wrong = right === '1' ? '2' : '1';
  return id.slice(0, 17) + wrong;
}

/** Headers of the import template (server/documents), as an office fills it. */
export const TEMPLATE_HEADERS = ['姓名', '性别', '证件类型', '证件号码', '出生日期', '文化程度', '工作单位/学校', '工作年限', '职业编码', '工种', '等级', '申报依据'] as const;

export type CandidateRow = Partial<Record<(typeof TEMPLATE_HEADERS)[number] | string, string | number>>;

/** An xlsx with one sheet 考生信息, the given headers and rows (all cells written as text). */
export async function candidatesXlsx(rows: readonly CandidateRow[], headers: readonly string[] = TEMPLATE_HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考生信息');
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow(headers.map((h) => (r[h] === undefined ? null : String(r[h]))));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '平'];

/**
 * `n` eligible 四级/五级 candidates for the given occupation codes (round robin), valid distinct IDs,
 * 8 work years (eligible for 四级 by the 6-year path, 五级 by the 1-year path).
 */
export function candidateRows(n: number, occupations: readonly { code: string; level: string }[], start = 1): CandidateRow[] {
  return Array.from({ length: n }, (_, i) => {
    const k = start + i;
    const occ = occupations[i % occupations.length]!;
    const month = String((k % 12) + 1).padStart(2, '0');
    const day = String((k % 28) + 1).padStart(2, '0');
    const birth = `${1980 + (k % 20)}${month}${day}`;
    const seq = (k * 2 + 1) % 1000;
    return {
      姓名: `${SURNAMES[k % SURNAMES.length]}${GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length]}${k % 7 === 0 ? '华' : ''}`,
      性别: '男',
      证件类型: '居民身份证',
      证件号码: idNumber(birth, seq),
      出生日期: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
      文化程度: '高中',
      '工作单位/学校': `南昌第${(k % 9) + 1}机械厂`,
      工作年限: 8,
      职业编码: occ.code,
      工种: '',
      等级: occ.level,
      申报依据: '累计从事本职业工作6年以上',
    };
  });
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A real RGB PNG of `w`×`h` pixels with a deterministic pattern (big enough to pass the 1 KB minimum). */
export function pngBytes(w = 120, h = 160): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  let seed = 7;
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w * 3; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      raw[y * (w * 3 + 1) + 1 + x] = seed >> 23;
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Multipart upload of one file. */
export async function upload(t: TestApp, path: string, field: string, bytes: Uint8Array, filename: string, cookie: string) {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)]), filename);
  return t.call('POST', path, { raw: form, cookie });
}

/** Occupation ids of the demo catalogue by code. */
export async function occupationIds(t: TestApp, cookie: string): Promise<Record<string, number>> {
  const r = await t.call('GET', '/api/occupations', { cookie });
  expect(r.status).toBe(200);
  return Object.fromEntries((r.body.occupations as { code: string; id: number }[]).map((o) => [o.code, o.id]));
}

export const ELECTRICIAN = '6-31-01-03';
export const LATHE = '6-18-01-01';
export const CARER = '4-10-01-05';
export const WELDER = '6-18-02-04';
export const FIRE = '4-07-05-04';

export interface PlannedBatch {
  batchId: number;
  code: string;
  theoryId: number;
  practicalId: number;
  occ: Record<string, number>;
}

/**
 * A draft batch with 电工/车工/养老护理员 at 四级 and 五级, one theory sitting and one practical sitting
 * on `date` (default 2026-12-15, three weeks after the test clock's 2026-11-23).
 */
export async function planBatch(t: TestApp, cookie: string, opts: { date?: string; code?: string; name?: string } = {}): Promise<PlannedBatch> {
  const occ = await occupationIds(t, cookie);
  const created = await t.call('POST', '/api/batches', { cookie, body: { name: opts.name ?? '2026年第12期职业技能等级认定', ...(opts.code && { code: opts.code }) } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const batchId = created.body.batch.id as number;
  const entries = [ELECTRICIAN, LATHE, CARER].flatMap((code) => [4, 5].map((level) => ({ occupationId: occ[code]!, level })));
  const e = await t.call('PUT', `/api/batches/${batchId}/entries`, { cookie, body: { entries } });
  expect(e.status, JSON.stringify(e.body)).toBe(200);
  const date = opts.date ?? '2026-12-15';
  const th = await t.call('POST', `/api/batches/${batchId}/sittings`, { cookie, body: { component: 'theory', date, startTime: '09:00', durationMin: 90, venue: '示范中心实训楼' } });
  expect(th.status, JSON.stringify(th.body)).toBe(201);
  const pr = await t.call('POST', `/api/batches/${batchId}/sittings`, { cookie, body: { component: 'practical', date, startTime: '14:00', durationMin: 120, venue: '示范中心实训车间' } });
  expect(pr.status, JSON.stringify(pr.body)).toBe(201);
  return { batchId, code: created.body.batch.code, theoryId: th.body.sitting.id, practicalId: pr.body.sitting.id, occ };
}

/** Import rows into a batch; returns the response. */
export async function importRows(t: TestApp, cookie: string, batchId: number, rows: readonly CandidateRow[], headers?: readonly string[]) {
  return upload(t, `/api/batches/${batchId}/candidates/import`, 'file', await candidatesXlsx(rows, headers), 'candidates.xlsx', cookie);
}

/** The last audit entry of an action, with before/after parsed. */
export async function lastAudit(t: TestApp, action: string) {
  const row = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').limit(1).executeTakeFirst();
  expect(row, `audit ${action}`).toBeDefined();
  return { ...row!, before: row!.before_json ? JSON.parse(row!.before_json) : null, after: row!.after_json ? JSON.parse(row!.after_json) : null };
}
