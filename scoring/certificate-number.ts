/**
 * 职业技能等级证书编号 (2019 rule), 22 characters, no check digit:
 *
 *   type (1: Y 用人单位 / S 社会培训评价组织) + organization code (4, `0000` when registered with a
 *   province) + province (2, GB/T 2260) + organization serial (6) + year (2) + level (1) + serial (6, from 000001)
 *
 * e.g. `S000036010001224000123`. The serial runs per organization × year × level and is never reused.
 *
 * 技工院校: the rule names only Y and S. Schools certify as evaluation organizations registered with the
 * province, so they are treated as S by default; the mapping is a parameter (`typeLetters`) in case a
 * province decides otherwise.
 */
import type { Level } from '../question-bank/types';
import { isLevel } from '../question-bank/vocabulary';
import type { OrganizationType } from '../question-bank/vocabulary';
import { CertificateNumberInvalid, CertificateSerialExhausted, ScoringInputInvalid } from './errors';

/** Certificate type letter: Y 用人单位, S 社会培训评价组织. */
export type CertificateTypeLetter = 'Y' | 'S';

export type { OrganizationType } from '../question-bank/vocabulary';

/** Default mapping: employer → Y, training organization → S, technical school → S. */
export const DEFAULT_TYPE_LETTERS: Readonly<Record<OrganizationType, CertificateTypeLetter>> = {
  employer: 'Y',
  training: 'S',
  school: 'S',
};

/** Type letter for an organization type. Example: `certificateTypeLetter('school') === 'S'`. */
export function certificateTypeLetter(
  orgType: OrganizationType,
  typeLetters: Readonly<Record<OrganizationType, CertificateTypeLetter>> = DEFAULT_TYPE_LETTERS,
): CertificateTypeLetter {
  const letter = typeLetters[orgType];
  if (letter !== 'Y' && letter !== 'S') throw new CertificateNumberInvalid('证书类型', '机构类型没有对应的证书类型字母', String(orgType));
  return letter;
}

/**
 * Province codes (first two digits of GB/T 2260), plus 66 新疆生产建设兵团 which the 人社 systems use
 * for the Corps' own bureau (L: not in GB/T 2260 itself).
 */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古',
  '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东',
  '41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南',
  '50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏',
  '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆', '66': '新疆生产建设兵团',
  '71': '台湾', '81': '香港', '82': '澳门',
};

/** The parts of a certificate number. `year` is the full year (2019–2099), `serial` 1..999999. */
export interface CertificateNumberParts {
  type: CertificateTypeLetter;
  orgCode: string;
  province: string;
  orgSerial: string;
  year: number;
  level: Level;
  serial: number;
}

/** The shape every number has. */
export const CERTIFICATE_NUMBER_PATTERN = /^[YS]\d{4}\d{2}\d{6}\d{2}[1-5]\d{6}$/;

function checkPrefixParts(p: Omit<CertificateNumberParts, 'serial'>): string {
  if (p.type !== 'Y' && p.type !== 'S') throw new CertificateNumberInvalid('证书类型', '应为 Y（用人单位）或 S（社会培训评价组织）', String(p.type));
  if (!/^\d{4}$/.test(p.orgCode)) throw new CertificateNumberInvalid('机构代码', '应为 4 位数字，在省级备案的机构为 0000', String(p.orgCode));
  if (!/^\d{2}$/.test(p.province) || !Object.prototype.hasOwnProperty.call(PROVINCE_CODES, p.province)) {
    throw new CertificateNumberInvalid('省份代码', '应为 GB/T 2260 的 2 位省级代码', String(p.province));
  }
  if (!/^\d{6}$/.test(p.orgSerial)) throw new CertificateNumberInvalid('机构序号', '应为 6 位数字', String(p.orgSerial));
  if (!(Number.isInteger(p.year) && p.year >= 2019 && p.year <= 2099)) {
    throw new CertificateNumberInvalid('年份', '应为 2019–2099 年（编号规则自 2019 年起施行）', String(p.year));
  }
  if (!isLevel(p.level)) throw new CertificateNumberInvalid('等级', '应为 1–5', String(p.level));
  return `${p.type}${p.orgCode}${p.province}${p.orgSerial}${String(p.year % 100).padStart(2, '0')}${p.level}`;
}

function checkSerial(serial: number): string {
  if (!(Number.isInteger(serial) && serial >= 1 && serial <= 999_999)) {
    throw new CertificateNumberInvalid('流水号', '应为 1–999999 的整数（从 000001 开始）', String(serial));
  }
  return String(serial).padStart(6, '0');
}

/**
 * The 16-character prefix shared by one organization × year × level (everything but the serial).
 * Throws `CertificateNumberInvalid` naming the bad part.
 */
export function certificateNumberPrefix(parts: Omit<CertificateNumberParts, 'serial'>): string {
  return checkPrefixParts(parts);
}

/**
 * Build a certificate number from its parts, checking each (Chinese error naming the part).
 * Example: `formatCertificateNumber({ type: 'S', orgCode: '0000', province: '36', orgSerial: '010001',
 * year: 2022, level: 4, serial: 123 }) === 'S000036010001224000123'`.
 */
export function formatCertificateNumber(parts: CertificateNumberParts): string {
  return checkPrefixParts(parts) + checkSerial(parts.serial);
}

/**
 * Split a certificate number into its parts. Throws `CertificateNumberInvalid` when the shape is wrong
 * (naming the first bad part when the length is right) — the inverse of `formatCertificateNumber`.
 */
export function parseCertificateNumber(value: string): CertificateNumberParts {
  const s = value.trim().toUpperCase();
  if (s.length !== 22) throw new CertificateNumberInvalid('长度', `应为 22 位，实为 ${s.length} 位`, value);
  const parts: CertificateNumberParts = {
    type: s[0] as CertificateTypeLetter,
    orgCode: s.slice(1, 5),
    province: s.slice(5, 7),
    orgSerial: s.slice(7, 13),
    year: /^\d{2}$/.test(s.slice(13, 15)) ? 2000 + Number(s.slice(13, 15)) : Number.NaN,
    level: Number(s[15]) as Level,
    serial: /^\d{6}$/.test(s.slice(16)) ? Number(s.slice(16)) : Number.NaN,
  };
  formatCertificateNumber(parts);
  return parts;
}

/** True when `value` is a well-formed certificate number. */
export function isCertificateNumber(value: string): boolean {
  try {
    parseCertificateNumber(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Mask a certificate number for display: first 4 characters, 11 stars, last character
 * (`Y000***********1`), the style of the public notices. Throws `CertificateNumberInvalid` when malformed.
 */
export function maskCertificateNumber(value: string): string {
  parseCertificateNumber(value);
  const s = value.trim().toUpperCase();
  return `${s.slice(0, 4)}${'*'.repeat(11)}${s.slice(-1)}`;
}

/**
 * Allocate `count` consecutive numbers after `lastSerial` (0 when none issued yet) for one organization ×
 * year × level. A pure loop over a counter: the database-backed allocator (one counter row per prefix,
 * incremented in the issuing transaction so numbers are never reused) is built in the server.
 *
 * Throws `CertificateSerialExhausted` when the serial would pass 999999, `ScoringInputInvalid` for a bad
 * counter or count, `CertificateNumberInvalid` for bad parts.
 * Example: `allocateCertificateNumbers(prefix, 122, 2)` → `{ numbers: ['…000123', '…000124'], lastSerial: 124 }`.
 */
export function allocateCertificateNumbers(
  prefixParts: Omit<CertificateNumberParts, 'serial'>,
  lastSerial: number,
  count: number,
): { numbers: string[]; lastSerial: number } {
  const prefix = checkPrefixParts(prefixParts);
  if (!(Number.isInteger(lastSerial) && lastSerial >= 0)) throw new ScoringInputInvalid('lastSerial', `已用流水号 ${lastSerial} 应为非负整数`);
  if (!(Number.isInteger(count) && count >= 0)) throw new ScoringInputInvalid('count', `数量 ${count} 应为非负整数`);
  if (lastSerial + count > 999_999) throw new CertificateSerialExhausted(prefix, count);
  const numbers = new Array<string>(count);
  for (let i = 0; i < count; i++) numbers[i] = prefix + String(lastSerial + i + 1).padStart(6, '0');
  return { numbers, lastSerial: lastSerial + count };
}
