import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { usccCheckChar, validateUscc } from '../../../server/exam-admin/rules';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Independent check: weights computed with Math.pow (3^16 is exact in a double). */
function check(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * (Math.pow(3, i) % 31), 0);
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts the reference code 91350100M000100Y43, also typed in lower case with spaces', () => {
    expect(validateUscc('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(validateUscc(' 91350100 m000100y43 ')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('refuses a changed check character', () => {
    expect(validateUscc('91350100M000100Y44')).toEqual({
      ok: false,
      value: '91350100M000100Y44',
      problems: ['统一社会信用代码校验码（第18位）不符，请逐位核对'],
    });
  });

  it('refuses a wrong length, forbidden letters and a non-numeric region code', () => {
    expect(validateUscc('91350100M000100Y4')).toMatchObject({ problems: ['统一社会信用代码应为18位，实际为17位'] });
    expect(validateUscc('91350100O000100Y43')).toMatchObject({ problems: ['统一社会信用代码含有不允许的字符：O（不使用I、O、S、V、Z）'] });
    const body = '91A50100M000100Y4';
    expect(validateUscc(body + check(body))).toMatchObject({ problems: ['统一社会信用代码第3–8位（行政区划码）应为数字'] });
  });

  it('catches every single-character substitution', () => {
    const good = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      for (const c of ALPHABET) {
        if (c === good[i] || (i >= 2 && i < 8 && !/\d/.test(c))) continue;
        const bad = good.slice(0, i) + c + good.slice(i + 1);
        expect(validateUscc(bad).ok, bad).toBe(false);
      }
    }
  });

  it('agrees with an independent computation on random codes', () => {
    const char = fc.constantFrom(...ALPHABET);
    fc.assert(
      fc.property(fc.array(char, { minLength: 17, maxLength: 17 }), (chars) => {
        const body = chars.join('');
        expect(usccCheckChar(body)).toBe(check(body));
      }),
    );
  });
});
