/**
 * Calendar dates as ISO `YYYY-MM-DD` strings, with pure day arithmetic.
 *
 * Why not `Date`: a `Date` is an instant, and turning it into a calendar day depends on the process
 * time zone (chinese-days itself shifts every date by one day when run with TZ=America/New_York).
 * Exam deadlines are calendar days in China, so we count days with integer arithmetic only.
 */

// Which strings are dates (`isIsoDate`, `isValidYmd`, `formatYmd`) is scoring's calendar-date; the day
// arithmetic below is ours.
import { formatYmd, isIsoDate, isValidYmd, type IsoDate } from '../../../scoring';

/** Split a valid ISO date; throws `RangeError` on a malformed one (a programming error, not user input). */
export function ymd(date: IsoDate): { year: number; month: number; day: number } {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = ymd(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `toDayNumber`. */
export function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatYmd(year, month, day);
}

/** `date` plus `n` calendar days (n may be negative). Example: `addDays('2026-02-28', 1) === '2026-03-01'`. */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Day of week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** Completed years from `from` to `to` (age on `to` for a birth date `from`). */
export function fullYearsBetween(from: IsoDate, to: IsoDate): number {
  const a = ymd(from);
  const b = ymd(to);
  let years = b.year - a.year;
  if (b.month < a.month || (b.month === a.month && b.day < a.day)) years--;
  return years;
}

/**
 * Lenient parse of a date typed by a person or exported by a spreadsheet: `2026-3-5`, `2026/03/05`,
 * `2026.3.5`, `20260305`, `2026年3月5日`. Returns the ISO date or `null` if absent or impossible.
 */
export function parseLooseDate(raw: string): IsoDate | null {
  const s = raw.trim();
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidYmd(year, month, day) ? formatYmd(year, month, day) : null;
}
