/**
 * Calendar dates as `YYYY-MM-DD` strings. The domain only needs days (sitting dates, publicity
 * dates, certificate issue dates), and plain strings avoid time-zone shifts between the server and
 * the examiner's browser. Pure: "today" is always an input.
 */
import { ScoringInputInvalid } from './errors';

/** A calendar date written `YYYY-MM-DD`, e.g. `'2024-06-15'`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in `month` (1..12) of `year`, proleptic Gregorian. Example: `daysInMonth(2024, 2) === 29`. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True if `year`-`month`-`day` exists (rejects 02-30, 13-01 …). */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * Parse and check a `YYYY-MM-DD` date; throws `ScoringInputInvalid` naming `field` when malformed
 * or impossible (2023-02-29). Example: `parseIsoDate('2024-02-29', '发证日期')`.
 */
export function parseIsoDate(value: string, field: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(value);
  if (!m) throw new ScoringInputInvalid(field, `日期应为 YYYY-MM-DD 格式，收到“${value}”`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (!isValidYmd(year, month, day)) throw new ScoringInputInvalid(field, `日期“${value}”不存在`);
  return { year, month, day };
}

/** True if `value` is a well-formed, existing `YYYY-MM-DD` date. Example: `isIsoDate('2023-02-29') === false`. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Build `YYYY-MM-DD` from parts (no validation beyond padding). */
export function formatYmd(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Add whole calendar months; the day is clamped to the end of the target month
 * (`addMonths('2024-01-31', 1) === '2024-02-29'`). Throws on a malformed date.
 */
export function addMonths(date: IsoDate, months: number, field = 'date'): IsoDate {
  const { year, month, day } = parseIsoDate(date, field);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const mo = (index % 12) + 1;
  return formatYmd(y, mo, Math.min(day, daysInMonth(y, mo)));
}

/** Compare two checked dates: negative, 0 or positive. Lexical order is date order for `YYYY-MM-DD`. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
