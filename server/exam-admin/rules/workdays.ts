/**
 * Working-day calendar (工作日): Mon–Fri minus statutory holidays plus weekend make-up days (调休),
 * from the official arrangements shipped in `chinese-days`, plus a local override table.
 *
 * Why we read chinese-days' data file instead of calling its functions:
 * - its functions go through local-time `Date`s, even when building their tables at load time; under
 *   a negative UTC offset (TZ=America/New_York) answers shift by one day — 2026-02-14, a make-up
 *   Saturday, comes out as a day off. The data file and integer day arithmetic have no time zone;
 * - outside its data (2004–2026 in 1.5.7, checked from `dist/chinese-days.json`) it silently treats
 *   Mon–Fri as working days. The domain requires saying so, so every answer here carries `verified`.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { formatYmd, isIsoDate, type IsoDate } from '../../../scoring';
import { addDays, weekdayOf, ymd } from './dates';
import { CalendarOverrideInvalid } from './errors';

interface ChineseDaysData {
  /** date → "English name,中文名,天数" for every day off (incl. weekend days inside a holiday). */
  holidays: Record<string, string>;
  /** date → "English name,中文名,天数" for every weekend make-up working day (调休上班). */
  workdays: Record<string, string>;
}

const OFFICIAL = chineseDays as unknown as ChineseDaysData;

/**
 * Years whose official arrangement chinese-days carries: those with 1 January (元旦, a statutory
 * holiday every year) in its holiday table. Derived from the data so a package upgrade extends it.
 */
const OFFICIAL_YEARS: ReadonlySet<number> = new Set(
  Object.keys(OFFICIAL.holidays)
    .filter((d) => d.endsWith('-01-01'))
    .map((d) => Number(d.slice(0, 4))),
);

/**
 * From 29 December on, next year's 元旦 notice may still move days (2018-12-29 became a working day
 * and 2018-12-30/31 days off in the 2019 notice), so those days are verified only if next year is known.
 */
const YEAR_END_UNSETTLED_FROM = '12-29';

/** One local override: the office's authority on whether `date` is a working day, with the reason. */
export interface WorkdayOverride {
  date: IsoDate;
  workday: boolean;
  /** Why, e.g. `2027年春节调休上班（国办发明电〔2026〕x号）` or `考点所在市临时停工`. */
  note: string;
}

/** Local additions to the official calendar. */
export interface WorkdayCalendarOptions {
  overrides?: readonly WorkdayOverride[];
  /**
   * Years whose complete holiday arrangement the office entered as overrides (e.g. 2027 before
   * chinese-days ships it): ordinary Mon–Fri days of those years then count as verified too.
   */
  localYears?: readonly number[];
}

/** Where a day's status came from. `weekdayGuess`: outside known data, Mon–Fri assumed. */
export type DaySource = 'override' | 'official' | 'weekdayGuess';

/** What the calendar knows about one day. */
export interface DayInfo {
  date: IsoDate;
  workday: boolean;
  /** False when the answer is a Mon–Fri guess outside the official data and the overrides. */
  verified: boolean;
  source: DaySource;
  /** Holiday or make-up name (`春节`, `国庆节调休上班`) or the override note; `null` for an ordinary day. */
  name: string | null;
}

/** A date computed by counting working days; `verified` is false if any day counted was a guess. */
export interface WorkdayResult {
  date: IsoDate;
  verified: boolean;
}

/**
 * How "at least N working days before D" is read:
 * - `findWorkday` (default, L): on or before `findWorkday(-N, D)`, i.e. N working days counted back
 *   from the day before D (chinese-days' own convention);
 * - `clearDays`: N whole working days strictly between the act and D, i.e. on or before `findWorkday(-(N+1), D)`.
 */
export type DeadlineConvention = 'findWorkday' | 'clearDays';

/** Working-day questions answered with chinese-days' data plus overrides; every answer says if it is verified. */
export interface WorkdayCalendar {
  /** First and last day answered from official data without overrides (last = `YYYY-12-28` of the last year, see above). */
  readonly officialRange: { first: IsoDate; last: IsoDate };
  /** Is `date` a working day, and do we know for sure? Throws `RangeError` on a malformed date. */
  isWorkday(date: IsoDate): DayInfo;
  /**
   * chinese-days' `findWorkday` semantics with overrides: `delta = 0` → `date` if a working day,
   * else the next one; `delta ≠ 0` → the |delta|-th working day after (before) `date`, not counting `date`.
   */
  findWorkday(delta: number, date: IsoDate): WorkdayResult;
  /** The `n`-th working day after `date` (`n` may be negative), same as `findWorkday(n, date)`. */
  addWorkdays(date: IsoDate, n: number): WorkdayResult;
  /** Latest date that is still "at least `n` working days before `date`" under `convention`. */
  workdayOnOrBefore(n: number, date: IsoDate, convention?: DeadlineConvention): WorkdayResult;
  /** Working days in the half-open span (`from`, `to`]; 0 when `to` ≤ `from`. */
  countWorkdays(from: IsoDate, to: IsoDate): { count: number; verified: boolean };
}

function officialName(entry: string, makeUp: boolean): string {
  const name = entry.split(',')[1] ?? entry;
  return makeUp ? `${name}调休上班` : name;
}

/**
 * Build a calendar from chinese-days plus `overrides`. Throws `CalendarOverrideInvalid` for a
 * malformed or repeated override date, an empty note, or a `localYears` entry without any override
 * in that year.
 *
 * Example: `createWorkdayCalendar().isWorkday('2026-02-14')` →
 * `{ workday: true, verified: true, source: 'official', name: '春节调休上班' }` (a Saturday).
 */
export function createWorkdayCalendar(options: WorkdayCalendarOptions = {}): WorkdayCalendar {
  const overrides = new Map<IsoDate, WorkdayOverride>();
  for (const o of options.overrides ?? []) {
    if (!isIsoDate(o.date)) {
      throw new CalendarOverrideInvalid(`工作日调整表中的日期“${String(o.date)}”不是有效的 YYYY-MM-DD 日期`, { date: o.date });
    }
    if (overrides.has(o.date)) {
      throw new CalendarOverrideInvalid(`工作日调整表中 ${o.date} 出现了两次`, { date: o.date });
    }
    if (o.note.trim() === '') {
      throw new CalendarOverrideInvalid(`工作日调整表中 ${o.date} 缺少说明（依据文件或原因）`, { date: o.date });
    }
    overrides.set(o.date, o);
  }
  const localYears = new Set(options.localYears ?? []);
  for (const y of localYears) {
    if (![...overrides.keys()].some((d) => d.startsWith(`${y}-`))) {
      throw new CalendarOverrideInvalid(`声明了${y}年的本地节假日安排，但调整表中没有该年的任何日期`, { year: y });
    }
  }

  const yearKnown = (y: number) => OFFICIAL_YEARS.has(y) || localYears.has(y);
  const isVerified = (date: IsoDate): boolean => {
    const { year } = ymd(date);
    if (!yearKnown(year)) return false;
    return date.slice(5) < YEAR_END_UNSETTLED_FROM || yearKnown(year + 1);
  };

  const isWorkday = (date: IsoDate): DayInfo => {
    if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
    const o = overrides.get(date);
    if (o) return { date, workday: o.workday, verified: true, source: 'override', name: o.note };
    const verified = isVerified(date);
    const makeUp = OFFICIAL.workdays[date];
    if (makeUp !== undefined) return { date, workday: true, verified, source: 'official', name: officialName(makeUp, true) };
    const holiday = OFFICIAL.holidays[date];
    if (holiday !== undefined) return { date, workday: false, verified, source: 'official', name: officialName(holiday, false) };
    const wd = weekdayOf(date);
    return { date, workday: wd >= 1 && wd <= 5, verified, source: verified ? 'official' : 'weekdayGuess', name: null };
  };

  const findWorkday = (delta: number, date: IsoDate): WorkdayResult => {
    if (!Number.isInteger(delta)) throw new RangeError(`delta must be an integer: ${delta}`);
    let verified = true;
    let day = date;
    let remaining = Math.abs(delta);
    if (delta === 0) {
      const info = isWorkday(day);
      verified &&= info.verified;
      if (info.workday) return { date: day, verified };
      remaining = 1;
    }
    const step = delta < 0 ? -1 : 1;
    while (remaining > 0) {
      day = addDays(day, step);
      const info = isWorkday(day);
      verified &&= info.verified;
      if (info.workday) remaining--;
    }
    return { date: day, verified };
  };

  const first = Math.min(...OFFICIAL_YEARS);
  const last = Math.max(...OFFICIAL_YEARS);

  return {
    officialRange: { first: formatYmd(first, 1, 1), last: formatYmd(last, 12, 28) },
    isWorkday,
    findWorkday,
    addWorkdays: (date, n) => findWorkday(n, date),
    workdayOnOrBefore: (n, date, convention = 'findWorkday') => {
      switch (convention) {
        case 'findWorkday':
          return findWorkday(-n, date);
        case 'clearDays':
          return findWorkday(-(n + 1), date);
        default: {
          const never: never = convention;
          throw new Error(`unknown convention ${String(never)}`);
        }
      }
    },
    countWorkdays: (from, to) => {
      let count = 0;
      let verified = true;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
        const info = isWorkday(d);
        verified &&= info.verified;
        if (info.workday) count++;
      }
      return { count, verified };
    },
  };
}
