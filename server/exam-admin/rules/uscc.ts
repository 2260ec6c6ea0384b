/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015) of an organization.
 * Layout: 登记管理部门码 (1) + 机构类别码 (1) + 登记管理机关行政区划码 (6 digits) + 主体标识码 (9)
 * + check character (1), over the 31-character alphabet without I, O, S, V, Z.
 */
import { toHalfWidth } from './text';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights 3^i mod 31 for i = 0..16, as the standard specifies. */
const WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/**
 * Check character for the first 17 characters: `ALPHABET[(31 − Σ value×weight mod 31) mod 31]`.
 * Example: `usccCheckChar('91350100M000100Y4') === '3'`. Throws `RangeError` on a character outside
 * the alphabet or a wrong length.
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('需要17个字符');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`非法字符 ${first17[i]}`);
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Result of `validateUscc`. */
export type UsccCheck = { ok: true; value: string } | { ok: false; value: string; problems: string[] };

/**
 * Check a 统一社会信用代码: 18 characters from `0-9A-HJ-NPQRTUWXY` (no I, O, S, V, Z), digits in
 * positions 3–8 (region code), and the check character. Input is trimmed, folded from full-width
 * and upper-cased. Never throws.
 * Example: `validateUscc('91350100m000100y43')` → `{ ok: true, value: '91350100M000100Y43' }`.
 */
export function validateUscc(raw: string): UsccCheck {
  const value = toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
  if (value === '') return { ok: false, value, problems: ['统一社会信用代码不能为空'] };
  if (value.length !== 18) {
    return { ok: false, value, problems: [`统一社会信用代码应为18位，实际为${value.length}位`] };
  }
  const bad = [...value].filter((c) => !ALPHABET.includes(c));
  if (bad.length > 0) {
    const list = [...new Set(bad)].join('、');
    return { ok: false, value, problems: [`统一社会信用代码含有不允许的字符：${list}（不使用I、O、S、V、Z）`] };
  }
  const problems: string[] = [];
  if (!/^\d{6}$/.test(value.slice(2, 8))) problems.push('统一社会信用代码第3–8位（行政区划码）应为数字');
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) problems.push('统一社会信用代码校验码（第18位）不符，请逐位核对');
  return problems.length > 0 ? { ok: false, value, problems } : { ok: true, value };
}
