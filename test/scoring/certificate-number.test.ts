import { describe, expect, it } from 'vitest';
import {
  CertificateNumberInvalid,
  CertificateSerialExhausted,
  allocateCertificateNumbers,
  certificateTypeLetter,
  formatCertificateNumber,
  isCertificateNumber,
  levelName,
  maskCertificateNumber,
  parseCertificateNumber,
  type CertificateNumberParts,
} from '../../scoring';

const parts: CertificateNumberParts = { type: 'S', orgCode: '0000', province: '36', orgSerial: '010001', year: 2022, level: 4, serial: 123 };

describe('certificate numbers (2019 rule)', () => {
  it('formats the 22 characters part by part', () => {
    const n = formatCertificateNumber(parts);
    expect(n).toBe('S000036010001224000123');
    expect(n).toMatch(/^[YS]\d{4}\d{2}\d{6}\d{2}[1-5]\d{6}$/);
  });

  it('parses a number back into the same parts', () => {
    expect(parseCertificateNumber('S000036010001224000123')).toEqual(parts);
    expect(parseCertificateNumber(formatCertificateNumber({ ...parts, type: 'Y', orgCode: '1201', level: 1, serial: 999999 }))).toEqual({
      ...parts,
      type: 'Y',
      orgCode: '1201',
      level: 1,
      serial: 999999,
    });
  });

  it.each([
    [{ type: 'X' as 'Y' }, '证书类型'],
    [{ orgCode: '00A0' }, '机构代码'],
    [{ province: '99' }, '省份代码'],
    [{ orgSerial: '12345' }, '机构序号'],
    [{ year: 2018 }, '年份'],
    [{ level: 6 as 1 }, '等级'],
    [{ serial: 0 }, '流水号'],
    [{ serial: 1_000_000 }, '流水号'],
  ])('refuses a bad part %o naming it in Chinese', (bad, part) => {
    const go = () => formatCertificateNumber({ ...parts, ...bad });
    expect(go).toThrow(CertificateNumberInvalid);
    expect(go).toThrow(new RegExp(`证书编号的${part}不正确`));
  });

  it('refuses malformed numbers when parsing', () => {
    expect(() => parseCertificateNumber('S00003601000122400012')).toThrow(/应为 22 位/);
    expect(() => parseCertificateNumber('S000036010001226000123')).toThrow(/等级/);
    expect(() => parseCertificateNumber('S000036010001224000000')).toThrow(/流水号/);
    expect(isCertificateNumber('S000036010001224000123')).toBe(true);
    expect(isCertificateNumber('Z000036010001224000123')).toBe(false);
  });

  it('masks the middle for display', () => {
    expect(maskCertificateNumber('Y000036010001224000121')).toBe('Y000***********1');
  });

  it('maps organization types to type letters, schools to S by default, configurable', () => {
    expect(certificateTypeLetter('employer')).toBe('Y');
    expect(certificateTypeLetter('training')).toBe('S');
    expect(certificateTypeLetter('school')).toBe('S');
    expect(certificateTypeLetter('school', { employer: 'Y', training: 'S', school: 'Y' })).toBe('Y');
  });

  it('allocates consecutive serials after the counter and refuses to run past 999999', () => {
    const { serial: _serial, ...prefix } = parts;
    const a = allocateCertificateNumbers(prefix, 122, 3);
    expect(a).toEqual({ numbers: ['S000036010001224000123', 'S000036010001224000124', 'S000036010001224000125'], lastSerial: 125 });
    expect(allocateCertificateNumbers(prefix, 0, 1).numbers).toEqual(['S000036010001224000001']);
    expect(() => allocateCertificateNumbers(prefix, 999_998, 2)).toThrow(CertificateSerialExhausted);
  });
});

describe('level names', () => {
  it('prints levels as on the certificate', () => {
    expect([5, 4, 3, 2, 1].map((l) => levelName(l as 1))).toEqual(['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师']);
    expect(() => levelName(0 as 1)).toThrow(/1–5/);
  });
});
