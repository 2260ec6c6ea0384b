/**
 * Pure fixture builders (no test runner imports, so bench/ can use them too): valid and broken ID
 * numbers, candidate rows, import spreadsheets built in memory and a small portrait PNG.
 */
import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { gb11643CheckChar } from '../../server/exam-admin/rules';

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

