/**
 * 公示: results are publicised for a period (5 working days, computed by the caller with the working-day
 * calendar) with masked ID numbers; objections during the period go to 复核 (unmarked items, addition
 * errors, recording errors; the work itself is not re-marked). Results are reported only after a
 * publicity whose objections are all resolved. Pure: `today` is an input; updates return new values.
 */
import { compareDates, parseIsoDate, type IsoDate } from './calendar-date';
import { PublicityConflict, ScoringInputInvalid } from './errors';

/** 复核 categories: 漏评 (items left unmarked), 合分错误 (addition error), 登分错误 (recording error). */
export type ObjectionCategory = 'unmarkedItems' | 'additionError' | 'recordingError';

/** Outcome of a resolved objection: 成立 (upheld: the result is corrected) or 不成立 (rejected). */
export type ObjectionOutcome = 'upheld' | 'rejected';

/** An objection (异议) raised during publicity by or for a candidate. */
export type Objection = {
  id: string;
  candidateRef: string;
  category: ObjectionCategory;
  statement: string;
  raisedOn: IsoDate;
} & ({ status: 'open' } | { status: 'resolved'; outcome: ObjectionOutcome; resolvedOn: IsoDate; note: string });

/**
 * One publicity: first and last day (inclusive, computed by the caller), objections, and the day it was
 * closed (set by `closePublicity`).
 */
export interface Publicity {
  opensOn: IsoDate;
  closesOn: IsoDate;
  objections: readonly Objection[];
  closedOn?: IsoDate;
}

/** `scheduled` before the first day, `open` during, `ended` after the last day until closed, `closed`. */
export type PublicityStatus = 'scheduled' | 'open' | 'ended' | 'closed';

const CATEGORY_NAMES: Record<ObjectionCategory, string> = {
  unmarkedItems: '漏评',
  additionError: '合分错误',
  recordingError: '登分错误',
};

/** Chinese name of a 复核 category, e.g. `objectionCategoryName('additionError') === '合分错误'`. */
export function objectionCategoryName(category: ObjectionCategory): string {
  return CATEGORY_NAMES[category];
}

/** Status of a publicity on `today`. Throws `ScoringInputInvalid` on malformed dates or a period ending before it starts. */
export function publicityStatus(p: Publicity, today: IsoDate): PublicityStatus {
  parseIsoDate(p.opensOn, '公示开始日期');
  parseIsoDate(p.closesOn, '公示结束日期');
  parseIsoDate(today, 'today');
  if (compareDates(p.closesOn, p.opensOn) < 0) throw new ScoringInputInvalid('公示结束日期', '公示结束日期早于开始日期');
  if (p.closedOn !== undefined) return 'closed';
  if (compareDates(today, p.opensOn) < 0) return 'scheduled';
  if (compareDates(today, p.closesOn) <= 0) return 'open';
  return 'ended';
}

/**
 * Why a publicity cannot be closed on `today` (Chinese sentences; empty when it can): still running,
 * already closed, or objections still open.
 */
export function publicityCloseBlockers(p: Publicity, today: IsoDate): string[] {
  const status = publicityStatus(p, today);
  const blockers: string[] = [];
  switch (status) {
    case 'scheduled':
      blockers.push('公示尚未开始');
      break;
    case 'open':
      blockers.push(`公示期至 ${p.closesOn} 结束，期满后方可结束公示`);
      break;
    case 'closed':
      blockers.push(`公示已于 ${p.closedOn} 结束`);
      break;
    case 'ended':
      break;
    default: {
      const never: never = status;
      blockers.push(String(never));
    }
  }
  const open = p.objections.filter((o) => o.status === 'open');
  if (open.length > 0) blockers.push(`尚有 ${open.length} 件异议未处理完毕`);
  return blockers;
}

/**
 * True when the publicity may be closed (and results reported): its period is over, it is not closed
 * yet, and no objection is open. Example: false on the last day of publicity, false while an objection is open.
 */
export function canClosePublicity(p: Publicity, today: IsoDate): boolean {
  return publicityCloseBlockers(p, today).length === 0;
}

/** Close the publicity on `today`; throws `PublicityConflict` listing the blockers when it cannot. */
export function closePublicity(p: Publicity, today: IsoDate): Publicity {
  const blockers = publicityCloseBlockers(p, today);
  if (blockers.length > 0) throw new PublicityConflict(`不能结束公示：${blockers.join('；')}`, { blockers });
  return { ...p, closedOn: today };
}

/**
 * Record an objection raised on `today`. Only while the publicity is open; the category must be one of the
 * 复核 categories (a request to re-mark the work itself is not a 复核 ground). Ids must be unique.
 * Throws `PublicityConflict` outside the period, `ScoringInputInvalid` for a bad category or duplicate id.
 */
export function raiseObjection(
  p: Publicity,
  objection: { id: string; candidateRef: string; category: ObjectionCategory; statement: string },
  today: IsoDate,
): Publicity {
  const status = publicityStatus(p, today);
  if (status !== 'open') throw new PublicityConflict(`公示期（${p.opensOn} 至 ${p.closesOn}）外不受理异议`, { status });
  if (!Object.prototype.hasOwnProperty.call(CATEGORY_NAMES, objection.category)) {
    throw new ScoringInputInvalid('category', '复核仅限漏评、合分错误、登分错误，不对作答重新评阅');
  }
  if (p.objections.some((o) => o.id === objection.id)) throw new ScoringInputInvalid('id', `异议 ${objection.id} 已存在`);
  return { ...p, objections: [...p.objections, { ...objection, raisedOn: today, status: 'open' }] };
}

/**
 * Resolve an open objection with its outcome. Throws `ScoringInputInvalid` for an unknown id and
 * `PublicityConflict` when it is already resolved. An upheld objection means the caller corrects the
 * record and re-derives the result (totals are never edited by hand).
 */
export function resolveObjection(
  p: Publicity,
  id: string,
  resolution: { outcome: ObjectionOutcome; note: string },
  today: IsoDate,
): Publicity {
  parseIsoDate(today, 'today');
  const found = p.objections.find((o) => o.id === id);
  if (!found) throw new ScoringInputInvalid('id', `异议 ${id} 不存在`);
  if (found.status !== 'open') throw new PublicityConflict(`异议 ${id} 已处理`, { id });
  const { id: oid, candidateRef, category, statement, raisedOn } = found;
  const resolved: Objection = { id: oid, candidateRef, category, statement, raisedOn, status: 'resolved', ...resolution, resolvedOn: today };
  return { ...p, objections: p.objections.map((o) => (o.id === id ? resolved : o)) };
}

/**
 * Mask an ID number for the public list: keep the first 6 and last 4 characters of an 18-character
 * number (`110105********002X`). Shorter numbers (passports, permits) keep only the first 2 and last 2,
 * and anything of 6 characters or fewer keeps only the last character, so at least half is always hidden.
 */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim();
  const keep = s.length >= 15 ? [6, 4] : s.length > 6 ? [2, 2] : [0, Math.min(1, s.length - 1)];
  const [head, tail] = keep as [number, number];
  if (s.length === 0) return '';
  return s.slice(0, head) + '*'.repeat(s.length - head - tail) + (tail > 0 ? s.slice(-tail) : '');
}
