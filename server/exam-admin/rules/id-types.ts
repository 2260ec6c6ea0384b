/**
 * How the number of each 证件类型 (ID document type, H) is checked. The codes and their names are the
 * one table in `scoring/id-types.ts`; this module adds the checking scheme per type.
 *
 * `scheme` says how a number of that type is checked:
 * - `gb11643`: 18-character citizen-number structure (GB 11643, ISO 7064 MOD 11-2 check);
 * - `gb11643OrLegacy`: 外国人永久居留身份证 — the 2023 edition is an 18-digit GB 11643 number starting
 *   with 9; the 2017 edition (still valid until it expires) is 3 letters + 12 digits;
 * - `document`: passport/permit numbers — letters, digits and `-`, no national check digit;
 * - `free`: 其他 — any printable text.
 * `requiredPrefixes` restricts the address code (居住证: 810000 Hong Kong, 820000 Macao, 830000 Taiwan).
 */
import { ID_TYPE_CODES, ID_TYPE_NAMES, type IdTypeCode } from '../../../scoring';

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

function doc(code: IdTypeCode): IdType {
  // Passports and permits worldwide are 5–20 characters; anything outside is a typing error.
  return { code, name: ID_TYPE_NAMES[code], scheme: 'document', requiredPrefixes: [], minLength: 5, maxLength: 20 };
}

function gb11643(code: IdTypeCode, requiredPrefixes: readonly string[]): IdType {
  return { code, name: ID_TYPE_NAMES[code], scheme: 'gb11643', requiredPrefixes, minLength: 18, maxLength: 18 };
}

/** The 证件类型 table, keyed by code. Example: `ID_TYPES['237'].name === '港澳居民居住证'`. */
export const ID_TYPES: Readonly<Record<IdTypeCode, IdType>> = {
  '201': gb11643('201', []),
  '227': doc('227'),
  '210': doc('210'),
  '237': gb11643('237', ['810000', '820000']),
  '213': doc('213'),
  '238': gb11643('238', ['830000']),
  '208': doc('208'),
  '233': { code: '233', name: ID_TYPE_NAMES['233'], scheme: 'gb11643OrLegacy', requiredPrefixes: [], minLength: 15, maxLength: 18 },
  '239': doc('239'),
  '240': doc('240'),
  '241': doc('241'),
  '299': { code: '299', name: ID_TYPE_NAMES['299'], scheme: 'free', requiredPrefixes: [], minLength: 2, maxLength: 30 },
};

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
