/**
 * 证件类型 codes used by the 人社 systems and their Chinese names: the one table for rosters,
 * certificates, the candidate template and the registration rules (which add how each number is checked).
 */
import { ScoringInputInvalid } from './errors';

/** Known ID type codes. */
export type IdTypeCode = '201' | '227' | '210' | '237' | '213' | '238' | '208' | '233' | '239' | '240' | '241' | '299';

/** Code → Chinese name. */
export const ID_TYPE_NAMES: Readonly<Record<IdTypeCode, string>> = {
  '201': '居民身份证',
  '227': '中国护照',
  '210': '港澳居民来往内地通行证',
  '237': '港澳居民居住证',
  '213': '台湾居民来往大陆通行证',
  '238': '台湾居民居住证',
  '208': '外国护照',
  '233': '外国人永久居留身份证',
  '239': '外国人工作许可证（A类）',
  '240': '外国人工作许可证（B类）',
  '241': '外国人工作许可证（C类）',
  '299': '其他',
};

/** All codes in form order (not `Object.keys`, which sorts integer-like keys numerically). */
export const ID_TYPE_CODES: readonly IdTypeCode[] = ['201', '227', '210', '237', '213', '238', '208', '233', '239', '240', '241', '299'];

/** True for a known code. */
export function isIdTypeCode(code: string): code is IdTypeCode {
  return Object.prototype.hasOwnProperty.call(ID_TYPE_NAMES, code);
}

/**
 * Chinese name of an ID type code. Example: `idTypeName('201') === '居民身份证'`.
 * Throws `ScoringInputInvalid` for an unknown code (never guesses).
 */
export function idTypeName(code: string): string {
  if (!isIdTypeCode(code)) throw new ScoringInputInvalid('证件类型', `未知的证件类型代码“${code}”`);
  return ID_TYPE_NAMES[code];
}
