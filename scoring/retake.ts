/**
 * 补考 planning: a component passed in an earlier sitting is kept for the retake window (default 12
 * months, configurable); the candidate sits only what is not kept. Dates are inputs (`now`).
 */
import type { Component, Level } from '../question-bank/types';
import { requiredComponents } from '../question-bank/vocabulary';
import { addMonths, compareDates, parseIsoDate, type IsoDate } from './calendar-date';
import type { CandidateResult } from './candidate-result';
import { ScoringInputInvalid } from './errors';
import { DEFAULT_SCORING_POLICY } from './policy';

/** An earlier result of the same candidate, occupation and level, with the date it was sat. */
export interface PastResult {
  sittingDate: IsoDate;
  result: CandidateResult;
}

/** A kept component: when it was passed, its mark, and the first day it is no longer kept. */
export interface KeptComponent {
  component: Component;
  passedOn: IsoDate;
  mark: number | null;
  expiresOn: IsoDate;
}

/** What to sit now (`mustSit`, canonical order) and what is kept from earlier sittings. */
export interface RetakePlan {
  mustSit: Component[];
  kept: KeptComponent[];
}

/**
 * Plan a retake. A required component is kept when some earlier result passed it (a 违纪-voided component
 * did not pass) and `now` is before `addMonths(passedOn, windowMonths)`; the latest such pass is reported.
 * Everything else must be sat: after the window, all components again.
 *
 * Throws `ScoringInputInvalid` for a malformed date or a past result dated after `now`.
 * Example: passed theory on 2024-03-10, failed practical → on 2024-09-01 `mustSit: ['practical']`;
 * on 2025-03-10 `mustSit: ['theory', 'practical']`.
 */
export function retakePlan(
  previousResults: readonly PastResult[],
  now: IsoDate,
  options: { level: Level; windowMonths?: number },
): RetakePlan {
  parseIsoDate(now, 'now');
  const window = options.windowMonths ?? DEFAULT_SCORING_POLICY.retakeWindowMonths;
  if (!(Number.isInteger(window) && window > 0)) throw new ScoringInputInvalid('windowMonths', `成绩保留期 ${window} 应为正整数（月）`);
  const required = requiredComponents(options.level);
  const best = new Map<Component, KeptComponent>();
  for (const past of previousResults) {
    parseIsoDate(past.sittingDate, 'sittingDate');
    if (compareDates(past.sittingDate, now) > 0) {
      throw new ScoringInputInvalid('sittingDate', `考试日期 ${past.sittingDate} 晚于当前日期 ${now}`);
    }
    const expiresOn = addMonths(past.sittingDate, window);
    if (compareDates(now, expiresOn) >= 0) continue;
    for (const c of required) {
      const r = past.result.components[c];
      if (!r?.passed) continue;
      const prev = best.get(c);
      if (!prev || compareDates(past.sittingDate, prev.passedOn) > 0) {
        best.set(c, { component: c, passedOn: past.sittingDate, mark: r.mark, expiresOn });
      }
    }
  }
  return {
    mustSit: required.filter((c) => !best.has(c)),
    kept: required.filter((c) => best.has(c)).map((c) => best.get(c)!),
  };
}
