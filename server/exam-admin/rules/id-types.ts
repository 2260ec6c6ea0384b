/**
 * 证件类型 (ID document types) as coded in the national vocational skill reporting forms (H).
 *
 * `scheme` says how a number of that type is checked:
 * - `gb11643`: 18-character citizen-number structure (GB 11643, ISO 7064 MOD 11-2 check);
 * - `gb11643OrLegacy`: 外国人永久居留身份证 — the 2023 edition is an 18-digit GB 11643 number starting
 *   with 9; the 2017 edition (still valid until it expires) is 3 letters + 12 digits;
 * - `document`: passport/permit numbers — letters, digits and `-`, no national check digit;
 * - `free`: 其他 — any printable text.
 * `requiredPrefixes` restricts the address code (居住证: 810000 Hong Kong, 820000 Macao, 830000 Taiwan).
 */
export type IdTypeCode = '201' | '227' | '210' | '237' | '213' | '238' | '208' | '233' | '239' | '240' | '241' | '299';

/** How numbers of an ID type are checked (see the table's doc comment). */
export type IdScheme = 'gb11643' | 'gb11643OrLegacy' | 'document' | 'free';

/** One row of the 证件类型 table. */
export interface IdType {
  code: IdTypeCode;
  name: string;
  scheme: IdScheme;
  /** Allowed 6-digit address codes for gb11643 numbers; empty = any valid mainland code. */
  requiredPrefixes: readonly string[];
  /** Length bounds for `document` and `free` numbers (after normalisation). */
  minLength: number;
  maxLength: number;
}

function doc(code: IdTypeCode, name: string): IdType {
  // Passports and permits worldwide are 5–20 characters; anything outside is a typing error.
  return { code, name, scheme: 'document', requiredPrefixes: [], minLength: 5, maxLength: 20 };
}

/** The 证件类型 table, keyed by code. Example: `ID_TYPES['237'].name === '港澳居民居住证'`. */
export const ID_TYPES: Readonly<Record<IdTypeCode, IdType>> = {
  '201': { code: '201', name: '居民身份证', scheme: 'gb11643', requiredPrefixes: [], minLength: 18, maxLength: 18 },
  '227': doc('227', '中国护照'),
  '210': doc('210', '港澳居民来往内地通行证'),
  '237': {
    code: '237',
    name: '港澳居民居住证',
    scheme: 'gb11643',
    requiredPrefixes: ['810000', '820000'],
    minLength: 18,
    maxLength: 18,
  },
  '213': doc('213', '台湾居民来往大陆通行证'),
  '238': { code: '238', name: '台湾居民居住证', scheme: 'gb11643', requiredPrefixes: ['830000'], minLength: 18, maxLength: 18 },
  '208': doc('208', '外国护照'),
  '233': { code: '233', name: '外国人永久居留身份证', scheme: 'gb11643OrLegacy', requiredPrefixes: [], minLength: 15, maxLength: 18 },
  '239': doc('239', '外国人工作许可证（A类）'),
  '240': doc('240', '外国人工作许可证（B类）'),
  '241': doc('241', '外国人工作许可证（C类）'),
  '299': { code: '299', name: '其他', scheme: 'free', requiredPrefixes: [], minLength: 2, maxLength: 30 },
};

/** All codes in form order (not `Object.keys`, which sorts integer-like keys numerically). */
export const ID_TYPE_CODES: readonly IdTypeCode[] = ['201', '227', '210', '237', '213', '238', '208', '233', '239', '240', '241', '299'];

/**
 * Read an ID type as written in a form or spreadsheet: the code (`'201'`, `201`) or the name
 * (`'居民身份证'`, also `'身份证'`). Returns `null` if unknown.
 */
export function parseIdType(raw: unknown): IdTypeCode | null {
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (s in ID_TYPES) return s as IdTypeCode;
  if (s === '身份证') return '201';
  const byName = ID_TYPE_CODES.find((c) => ID_TYPES[c].name === s || ID_TYPES[c].name.replace(/[（）]/g, '') === s);
  return byName ?? null;
}
