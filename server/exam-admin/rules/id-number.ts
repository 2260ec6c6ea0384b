/**
 * 证件号码 checks. Citizen-style numbers (居民身份证, 港澳/台湾居民居住证, 2023 外国人永久居留身份证)
 * follow GB 11643: 6-digit address code, 8-digit birth date, 3-digit sequence (odd = male) and an
 * ISO 7064 MOD 11-2 check character. Other documents are normalised free text.
 */
import { formatYmd, isValidYmd, type IdTypeCode, type IsoDate } from '../../../scoring';
import { ID_TYPES } from './id-types';
import { toHalfWidth } from './text';

/** 性别 as written on forms. */
export type Gender = '男' | '女';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * GB 11643 provincial codes (GB/T 2260 first two digits) that appear on citizen numbers, including
 * 71 台湾 and 81/82/83 used by residence permits.
 */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Address codes reserved for residence permits (居住证); a 居民身份证 never starts with them. */
const PERMIT_PREFIXES = ['810000', '820000', '830000'] as const;

/** Earliest plausible birth year: nobody born before 1900 sits a skills exam. */
const MIN_BIRTH_YEAR = 1900;

/**
 * ISO 7064 MOD 11-2 check character of the first 17 digits of a GB 11643 number.
 * Example: `gb11643CheckChar('11010519491231002') === 'X'`. Throws `RangeError` if not 17 digits.
 */
export function gb11643CheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('需要17位数字');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Result of `validateIdNumber`: the normalised number with what it tells, or the problems found. */
export type IdNumberCheck =
  | { ok: true; value: string; birthDate: IsoDate | null; gender: Gender | null }
  | { ok: false; value: string; problems: string[] };

/** Data entered next to the number that it must agree with, and today's date. */
export interface IdNumberContext {
  /** Birth date entered separately; must agree with the number. */
  birthDate?: IsoDate | null;
  /** Gender entered separately; must agree with the number (odd 17th digit = 男). */
  gender?: Gender | null;
  /** Today's date, to refuse a birth date in the future. Without it that check is skipped. */
  today?: IsoDate;
}

/**
 * Normalise a raw number for `type`: fold full-width characters, drop white space (people paste
 * `110105 19491231 002x`), upper-case. `其他` keeps inner single spaces.
 */
export function normaliseIdNumber(type: IdTypeCode, raw: string): string {
  const half = toHalfWidth(raw).toUpperCase();
  return ID_TYPES[type].scheme === 'free' ? half.replace(/\s+/g, ' ').trim() : half.replace(/\s+/g, '');
}

function usesGb11643(type: IdTypeCode, value: string): boolean {
  const scheme = ID_TYPES[type].scheme;
  return scheme === 'gb11643' || (scheme === 'gb11643OrLegacy' && value.length === 18);
}

/**
 * Check a 证件号码 of the given type.
 *
 * GB 11643 types (201, 237, 238, 18-digit 233): length 18, 17 digits + digit/X, a valid address code
 * (居住证 prefixes 810000/820000/830000 for 237/238, and never those for 201), an existing birth
 * date not before 1900 nor after `ctx.today`, the check character, and agreement with the entered
 * birth date and gender. 233 also accepts the 2017 edition (3 letters + 12 digits). Passports and
 * permits: letters, digits and `-`, 5–20 characters. 其他: 2–30 printable characters.
 *
 * Never throws; returns every problem found, in Chinese.
 * Example: `validateIdNumber('201', '11010519491231002x')` →
 * `{ ok: true, value: '11010519491231002X', birthDate: '1949-12-31', gender: '女' }`.
 */
export function validateIdNumber(type: IdTypeCode, raw: string, ctx: IdNumberContext = {}): IdNumberCheck {
  const idType = ID_TYPES[type];
  const value = normaliseIdNumber(type, raw);
  const problems: string[] = [];
  if (value === '') return { ok: false, value, problems: ['证件号码不能为空'] };

  switch (idType.scheme) {
    case 'gb11643':
      return checkGb11643(type, value, ctx);
    case 'gb11643OrLegacy':
      if (value.length === 18) {
        if (!value.startsWith('9')) {
          return { ok: false, value, problems: ['18位外国人永久居留身份证号码应以9开头'] };
        }
        return checkGb11643(type, value, ctx);
      }
      if (!/^[A-Z]{3}\d{12}$/.test(value)) {
        problems.push('外国人永久居留身份证号码应为18位（2023版，以9开头）或15位（2017版：3位国籍字母＋12位数字）');
      }
      break;
    case 'document':
      if (value.length < idType.minLength || value.length > idType.maxLength) {
        problems.push(`${idType.name}号码长度应为${idType.minLength}–${idType.maxLength}位，实际为${value.length}位`);
      }
      if (!/^[A-Z0-9-]*$/.test(value)) problems.push(`${idType.name}号码只能包含字母、数字和“-”`);
      break;
    case 'free':
      if (value.length < idType.minLength || value.length > idType.maxLength) {
        problems.push(`证件号码长度应为${idType.minLength}–${idType.maxLength}个字符，实际为${value.length}个`);
      }
      if (/\p{Cc}/u.test(value)) problems.push('证件号码含有不可见的控制字符');
      break;
    default: {
      const never: never = idType.scheme;
      throw new Error(`unknown scheme ${String(never)}`);
    }
  }
  return problems.length > 0 ? { ok: false, value, problems } : { ok: true, value, birthDate: null, gender: null };
}

function checkGb11643(type: IdTypeCode, value: string, ctx: IdNumberContext): IdNumberCheck {
  const idType = ID_TYPES[type];
  const problems: string[] = [];
  if (value.length !== 18) {
    const hint = type === '201' && value.length === 15 ? '（15位一代身份证号码已停止使用，请填写18位号码）' : '';
    return { ok: false, value, problems: [`${idType.name}号码长度应为18位，实际为${value.length}位${hint}`] };
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { ok: false, value, problems: [`${idType.name}号码格式不正确：前17位应为数字，第18位应为数字或X`] };
  }

  const prefix = value.slice(0, 6);
  if (idType.requiredPrefixes.length > 0) {
    if (!idType.requiredPrefixes.includes(prefix)) {
      const places = type === '237' ? '810000（香港）或820000（澳门）' : '830000（台湾）';
      problems.push(`${idType.name}号码应以${places}开头，实际为${prefix}`);
    }
  } else if (type === '201') {
    if ((PERMIT_PREFIXES as readonly string[]).includes(prefix)) {
      const permit = prefix === '830000' ? '“台湾居民居住证”（238）' : '“港澳居民居住证”（237）';
      problems.push(`以${prefix}开头的是居住证号码，证件类型应选${permit}，不是居民身份证`);
    } else if (!PROVINCE_CODES.has(value.slice(0, 2))) {
      // Only the province part is checked: county codes change over time and old numbers keep them.
      problems.push(`地址码（前6位）${prefix}不是有效的行政区划代码`);
    }
  }

  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  let birthDate: IsoDate | null = null;
  if (!isValidYmd(year, month, day)) {
    problems.push(`号码中的出生日期（第7–14位）${value.slice(6, 14)}不存在`);
  } else if (year < MIN_BIRTH_YEAR) {
    problems.push(`号码中的出生日期（第7–14位）${value.slice(6, 14)}不合理`);
  } else {
    birthDate = formatYmd(year, month, day);
    if (ctx.today !== undefined && birthDate > ctx.today) {
      problems.push(`号码中的出生日期${birthDate}晚于今天（${ctx.today}）`);
    }
  }

  if (gb11643CheckChar(value.slice(0, 17)) !== value[17]) {
    // Deliberately not telling the "right" check character: a mismatch usually means another digit
    // was mistyped, and suggesting a last digit invites "fixing" the wrong one.
    problems.push('校验码不符（第18位），请逐位核对号码');
  }

  const gender: Gender = Number(value[16]) % 2 === 1 ? '男' : '女';
  if (birthDate !== null && ctx.birthDate && ctx.birthDate !== birthDate) {
    problems.push(`号码中的出生日期（${birthDate}）与填写的出生日期（${ctx.birthDate}）不一致`);
  }
  if (ctx.gender && ctx.gender !== gender) {
    problems.push(`号码第17位表示性别为${gender}，与填写的性别“${ctx.gender}”不一致`);
  }
  return problems.length > 0 ? { ok: false, value, problems } : { ok: true, value, birthDate, gender };
}

/**
 * Birth date encoded in a GB 11643 number of `type` (201/237/238, 18-digit 233), or `null` if the
 * type carries none or the digits are not an existing date. Does not verify the check character.
 * Example: `birthDateFromId('201', '11010519491231002X') === '1949-12-31'`.
 */
export function birthDateFromId(type: IdTypeCode, idNumber: string): IsoDate | null {
  const value = normaliseIdNumber(type, idNumber);
  if (!usesGb11643(type, value) || !/^\d{17}[\dX]$/.test(value)) return null;
  const [y, m, d] = [Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14))];
  return isValidYmd(y, m, d) ? formatYmd(y, m, d) : null;
}

/**
 * Gender encoded in a GB 11643 number (17th digit odd = 男, even = 女), or `null` for other types.
 * Example: `genderFromId('201', '11010519491231002X') === '女'`.
 */
export function genderFromId(type: IdTypeCode, idNumber: string): Gender | null {
  const value = normaliseIdNumber(type, idNumber);
  if (!usesGb11643(type, value) || !/^\d{17}[\dX]$/.test(value)) return null;
  return Number(value[16]) % 2 === 1 ? '男' : '女';
}
