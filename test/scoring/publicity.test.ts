import { describe, expect, it } from 'vitest';
import {
  PublicityConflict,
  canClosePublicity,
  closePublicity,
  maskIdNumber,
  publicityCloseBlockers,
  publicityStatus,
  raiseObjection,
  resolveObjection,
  type ObjectionCategory,
  type Publicity,
} from '../../scoring';

// Five working days computed by the caller: Mon 2024-06-03 … Fri 2024-06-07.
const publicity: Publicity = { opensOn: '2024-06-03', closesOn: '2024-06-07', objections: [] };

describe('公示 (publicity)', () => {
  it('is scheduled, open, then ended, and closed once closed', () => {
    expect(publicityStatus(publicity, '2024-06-02')).toBe('scheduled');
    expect(publicityStatus(publicity, '2024-06-03')).toBe('open');
    expect(publicityStatus(publicity, '2024-06-07')).toBe('open');
    expect(publicityStatus(publicity, '2024-06-08')).toBe('ended');
    expect(publicityStatus(closePublicity(publicity, '2024-06-11'), '2024-06-11')).toBe('closed');
  });

  it('cannot be closed before the period has run out', () => {
    expect(canClosePublicity(publicity, '2024-06-07')).toBe(false);
    expect(publicityCloseBlockers(publicity, '2024-06-07')).toEqual(['公示期至 2024-06-07 结束，期满后方可结束公示']);
    expect(canClosePublicity(publicity, '2024-06-08')).toBe(true);
  });

  it('cannot be closed while an objection is open; can once it is resolved', () => {
    const withObjection = raiseObjection(
      publicity,
      { id: 'o1', candidateRef: 'c-17', category: 'additionError', statement: '理论成绩合分有误' },
      '2024-06-05',
    );
    expect(canClosePublicity(withObjection, '2024-06-10')).toBe(false);
    expect(publicityCloseBlockers(withObjection, '2024-06-10')).toEqual(['尚有 1 件异议未处理完毕']);
    expect(() => closePublicity(withObjection, '2024-06-10')).toThrow(PublicityConflict);

    const resolved = resolveObjection(withObjection, 'o1', { outcome: 'upheld', note: '合分少计 2 分，已更正' }, '2024-06-10');
    expect(resolved.objections[0]).toMatchObject({ status: 'resolved', outcome: 'upheld', resolvedOn: '2024-06-10', category: 'additionError' });
    expect(canClosePublicity(resolved, '2024-06-10')).toBe(true);
    expect(closePublicity(resolved, '2024-06-10').closedOn).toBe('2024-06-10');
  });

  it('accepts objections only during the period', () => {
    const o = { id: 'o2', candidateRef: 'c-1', category: 'recordingError' as const, statement: '登分有误' };
    expect(() => raiseObjection(publicity, o, '2024-06-08')).toThrow(/公示期（2024-06-03 至 2024-06-07）外不受理异议/);
    expect(() => raiseObjection(publicity, o, '2024-06-01')).toThrow(PublicityConflict);
  });

  it('limits 复核 to unmarked items, addition and recording errors (no re-marking)', () => {
    const remark = { id: 'o3', candidateRef: 'c-1', category: 'remark' as unknown as ObjectionCategory, statement: '要求重新评阅' };
    expect(() => raiseObjection(publicity, remark, '2024-06-04')).toThrow(/不对作答重新评阅/);
  });

  it('does not resolve an objection twice', () => {
    const p = raiseObjection(publicity, { id: 'o1', candidateRef: 'c', category: 'unmarkedItems', statement: '第 3 题漏评' }, '2024-06-04');
    const once = resolveObjection(p, 'o1', { outcome: 'rejected', note: '经复核无漏评' }, '2024-06-05');
    expect(() => resolveObjection(once, 'o1', { outcome: 'upheld', note: '' }, '2024-06-06')).toThrow(/已处理/);
  });
});

describe('masked ID numbers on the public list', () => {
  it('keeps the first 6 and the last 4 of an 18-character number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('hides at least half of shorter numbers', () => {
    expect(maskIdNumber('E12345678')).toBe('E1*****78');
    expect(maskIdNumber('A1234')).toBe('****4');
  });
});
