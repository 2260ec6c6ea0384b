import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  birthDateFromId,
  gb11643CheckChar,
  genderFromId,
  ID_TYPES,
  parseIdType,
  validateIdNumber,
} from '../../../server/exam-admin/rules';
import { ID_TYPE_CODES } from '../../../scoring';
import { citizenId, mod112, withWrongCheck } from './fixtures';

function problemsOf(r: ReturnType<typeof validateIdNumber>): string[] {
  return r.ok ? [] : r.problems;
}

describe('ID type table', () => {
  it('holds the twelve codes of the reporting forms with their names', () => {
    expect(ID_TYPE_CODES).toEqual(['201', '227', '210', '237', '213', '238', '208', '233', '239', '240', '241', '299']);
    expect(Object.keys(ID_TYPES).sort()).toEqual([...ID_TYPE_CODES].sort());
    expect(ID_TYPES['201'].name).toBe('居民身份证');
    expect(ID_TYPES['238'].name).toBe('台湾居民居住证');
    expect(ID_TYPES['240'].name).toBe('外国人工作许可证（B类）');
  });

  it('reads codes and names as typed in a spreadsheet', () => {
    expect(parseIdType(201)).toBe('201');
    expect(parseIdType(' 居民身份证 ')).toBe('201');
    expect(parseIdType('身份证')).toBe('201');
    expect(parseIdType('外国人工作许可证A类')).toBe('239');
    expect(parseIdType('驾驶证')).toBeNull();
  });
});

describe('GB 11643 numbers (居民身份证 and 居住证)', () => {
  it('accepts the standard example 11010519491231002X, typed in lower case and full width', () => {
    expect(validateIdNumber('201', '11010519491231002X')).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: '女',
    });
    expect(validateIdNumber('201', ' １１０１０５ 19491231 002ｘ ')).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it('agrees with an independent MOD 11-2 implementation on any 17 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (body) => {
        expect(gb11643CheckChar(body)).toBe(mod112(body));
      }),
    );
  });

  it('refuses a wrong check digit without suggesting a "right" one', () => {
    const id = withWrongCheck(citizenId('350102', '19900501', '013'));
    const problems = problemsOf(validateIdNumber('201', id));
    expect(problems).toEqual(['校验码不符（第18位），请逐位核对号码']);
  });

  it('refuses a wrong length and says 15-digit first-generation numbers are out of use', () => {
    expect(problemsOf(validateIdNumber('201', '11010519491231002'))).toEqual(['居民身份证号码长度应为18位，实际为17位']);
    expect(problemsOf(validateIdNumber('201', '110105491231002'))[0]).toContain('15位一代身份证号码已停止使用');
    expect(problemsOf(validateIdNumber('237', '8100001990050100123'))[0]).toContain('长度应为18位，实际为19位');
  });

  it('refuses letters in the body', () => {
    expect(problemsOf(validateIdNumber('201', '1101051949123100XX'))[0]).toContain('前17位应为数字');
  });

  it('refuses an impossible birth date even with a correct check digit', () => {
    const feb30 = citizenId('110105', '19900230', '012');
    expect(problemsOf(validateIdNumber('201', feb30))).toEqual(['号码中的出生日期（第7–14位）19900230不存在']);
    const month13 = citizenId('110105', '19901301', '012');
    expect(problemsOf(validateIdNumber('201', month13))[0]).toContain('19901301不存在');
    const y1850 = citizenId('110105', '18500101', '012');
    expect(problemsOf(validateIdNumber('201', y1850))[0]).toContain('不合理');
  });

  it('refuses a birth date after the given today, and only checks that when today is given', () => {
    const future = citizenId('110105', '20300101', '012');
    expect(problemsOf(validateIdNumber('201', future, { today: '2026-03-01' }))).toEqual([
      '号码中的出生日期2030-01-01晚于今天（2026-03-01）',
    ]);
    expect(validateIdNumber('201', future).ok).toBe(true);
  });

  it('refuses an unknown province code', () => {
    const id = citizenId('990105', '19900501', '013');
    expect(problemsOf(validateIdNumber('201', id))[0]).toContain('地址码（前6位）990105');
  });

  it('requires 810000/820000 for 港澳居民居住证 and 830000 for 台湾居民居住证', () => {
    const hk = citizenId('810000', '19940823', '002');
    const macao = citizenId('820000', '19940823', '002');
    const tw = citizenId('830000', '19940823', '002');
    expect(validateIdNumber('237', hk)).toMatchObject({ ok: true, birthDate: '1994-08-23', gender: '女' });
    expect(validateIdNumber('237', macao).ok).toBe(true);
    expect(validateIdNumber('238', tw).ok).toBe(true);
    expect(problemsOf(validateIdNumber('237', tw))).toEqual(['港澳居民居住证号码应以810000（香港）或820000（澳门）开头，实际为830000']);
    expect(problemsOf(validateIdNumber('238', hk))).toEqual(['台湾居民居住证号码应以830000（台湾）开头，实际为810000']);
    expect(problemsOf(validateIdNumber('237', citizenId('350102', '19940823', '002')))[0]).toContain('应以810000');
  });

  it('refuses a residence-permit number entered as 居民身份证 and names the right type', () => {
    const hk = citizenId('810000', '19940823', '002');
    expect(problemsOf(validateIdNumber('201', hk))).toEqual([
      '以810000开头的是居住证号码，证件类型应选“港澳居民居住证”（237），不是居民身份证',
    ]);
    expect(problemsOf(validateIdNumber('201', citizenId('830000', '19940823', '002')))[0]).toContain('“台湾居民居住证”（238）');
  });

  it('checks the entered birth date and gender against the number', () => {
    const id = '11010519491231002X';
    expect(validateIdNumber('201', id, { birthDate: '1949-12-31', gender: '女' }).ok).toBe(true);
    expect(problemsOf(validateIdNumber('201', id, { birthDate: '1950-01-01', gender: '男' }))).toEqual([
      '号码中的出生日期（1949-12-31）与填写的出生日期（1950-01-01）不一致',
      '号码第17位表示性别为女，与填写的性别“男”不一致',
    ]);
  });

  it('reports several problems of one number together', () => {
    const id = withWrongCheck(citizenId('110105', '19900230', '012'));
    expect(problemsOf(validateIdNumber('201', id))).toHaveLength(2);
  });
});

describe('外国人永久居留身份证 (233)', () => {
  it('checks the 2023 18-digit edition with GB 11643 and accepts the 2017 15-character edition', () => {
    const v2023 = citizenId('911840', '19850312', '011');
    expect(validateIdNumber('233', v2023)).toMatchObject({ ok: true, birthDate: '1985-03-12', gender: '男' });
    expect(problemsOf(validateIdNumber('233', withWrongCheck(v2023)))).toEqual(['校验码不符（第18位），请逐位核对号码']);
    expect(problemsOf(validateIdNumber('233', citizenId('110105', '19850312', '011')))).toEqual(['18位外国人永久居留身份证号码应以9开头']);
    expect(validateIdNumber('233', 'usa311085031201')).toMatchObject({ ok: true, value: 'USA311085031201', birthDate: null });
    expect(problemsOf(validateIdNumber('233', 'US3110850312'))[0]).toContain('应为18位');
  });
});

describe('passports, permits and other documents', () => {
  it('trims and upper-cases passport and permit numbers', () => {
    expect(validateIdNumber('208', '  e12345678 ')).toMatchObject({ ok: true, value: 'E12345678' });
    expect(validateIdNumber('210', 'h1234567801')).toMatchObject({ ok: true, value: 'H1234567801' });
  });

  it('refuses absurd lengths and stray characters', () => {
    expect(problemsOf(validateIdNumber('227', 'E12'))[0]).toBe('中国护照号码长度应为5–20位，实际为3位');
    expect(problemsOf(validateIdNumber('208', 'X'.repeat(21)))[0]).toContain('实际为21位');
    expect(problemsOf(validateIdNumber('208', 'E123#5678'))).toEqual(['外国护照号码只能包含字母、数字和“-”']);
    expect(problemsOf(validateIdNumber('208', '   '))).toEqual(['证件号码不能为空']);
  });

  it('accepts free text for 其他 within 2–30 characters', () => {
    expect(validateIdNumber('299', ' 军官证 第12345号 ')).toMatchObject({ ok: true, value: '军官证 第12345号' });
    expect(validateIdNumber('299', 'x').ok).toBe(false);
  });
});

describe('birthDateFromId / genderFromId', () => {
  it('read the birth date and gender of citizen-style numbers only', () => {
    expect(birthDateFromId('201', '11010519491231002X')).toBe('1949-12-31');
    expect(genderFromId('201', '11010519491231002X')).toBe('女');
    expect(genderFromId('238', citizenId('830000', '19940823', '013'))).toBe('男');
    expect(birthDateFromId('208', '11010519491231002X')).toBeNull();
    expect(genderFromId('233', 'USA311085031201')).toBeNull();
    expect(birthDateFromId('201', citizenId('110105', '19900230', '012'))).toBeNull();
  });
});
