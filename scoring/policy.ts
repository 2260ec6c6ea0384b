/**
 * The scoring policy in one place: every threshold the domain notes mark M or L is data here, with the
 * notices' defaults. Functions take the slice they need; `scoringPolicy()` fills defaults and checks.
 */
import type { Component } from '../question-bank/types';
import { DEFAULT_ALLOWED_SOURCES, type AllowedSources } from './component-source';
import { ScoringInputInvalid } from './errors';
import { DEFAULT_PRACTICAL_SCORING, type PracticalScoringConfig } from './practical-scoring';
import { DEFAULT_ROUNDING, type Rounding } from './rounding';
import { DEFAULT_SUBJECTIVE_MARKING, type SubjectiveMarkingConfig } from './subjective-marking';

/**
 * - `passMarks`: pass mark per component out of 100 (H: 60);
 * - `violationVoidsAll`: a 违纪 in one component voids every component of the result (default true);
 * - `retakeWindowMonths`: how long a passed component is kept for 补考 (default 12);
 * - `rounding`: rounding of component marks; `allowedSources`: substitutions allowed;
 * - `practical`, `subjective`: examiner-group settings.
 */
export interface ScoringPolicy {
  passMarks: Record<Component, number>;
  violationVoidsAll: boolean;
  retakeWindowMonths: number;
  rounding: Rounding;
  allowedSources: AllowedSources;
  practical: PracticalScoringConfig;
  subjective: SubjectiveMarkingConfig;
}

/** The defaults: pass 60 everywhere, 违纪 voids all, 12-month window, half up to 1 decimal. */
export const DEFAULT_SCORING_POLICY: ScoringPolicy = {
  passMarks: { theory: 60, practical: 60, review: 60 },
  violationVoidsAll: true,
  retakeWindowMonths: 12,
  rounding: DEFAULT_ROUNDING,
  allowedSources: DEFAULT_ALLOWED_SOURCES,
  practical: DEFAULT_PRACTICAL_SCORING,
  subjective: DEFAULT_SUBJECTIVE_MARKING,
};

/** Partial overrides of a policy (nested records may be given partly). */
export interface ScoringPolicyOverrides {
  passMarks?: Partial<Record<Component, number>>;
  violationVoidsAll?: boolean;
  retakeWindowMonths?: number;
  rounding?: Rounding;
  allowedSources?: Partial<AllowedSources>;
  practical?: Partial<PracticalScoringConfig>;
  subjective?: Partial<SubjectiveMarkingConfig>;
}

/**
 * Build a checked, frozen policy from defaults and overrides. Throws `ScoringInputInvalid` for a pass
 * mark outside 0..100, a window that is not a positive whole number of months, a ★ ratio outside 0..1,
 * a negative gap, or fewer than 2 subjective markers.
 * Example: `scoringPolicy({ passMarks: { theory: 70 }, retakeWindowMonths: 24 })`.
 */
export function scoringPolicy(overrides: ScoringPolicyOverrides = {}): ScoringPolicy {
  const d = DEFAULT_SCORING_POLICY;
  const p: ScoringPolicy = {
    passMarks: { ...d.passMarks, ...overrides.passMarks },
    violationVoidsAll: overrides.violationVoidsAll ?? d.violationVoidsAll,
    retakeWindowMonths: overrides.retakeWindowMonths ?? d.retakeWindowMonths,
    rounding: overrides.rounding ?? d.rounding,
    allowedSources: { ...d.allowedSources, ...overrides.allowedSources },
    practical: { ...d.practical, ...overrides.practical },
    subjective: { ...d.subjective, ...overrides.subjective },
  };
  for (const [c, m] of Object.entries(p.passMarks)) {
    if (!(Number.isFinite(m) && m >= 0 && m <= 100)) throw new ScoringInputInvalid(`passMarks.${c}`, `合格分 ${m} 应在 0–100 之间`);
  }
  if (!(Number.isInteger(p.retakeWindowMonths) && p.retakeWindowMonths > 0)) {
    throw new ScoringInputInvalid('retakeWindowMonths', `成绩保留期 ${p.retakeWindowMonths} 应为正整数（月）`);
  }
  if (![0, 1, 2].includes(p.rounding.decimals)) throw new ScoringInputInvalid('rounding', '保留小数位数应为 0、1 或 2');
  if (!(p.practical.starPassRatio >= 0 && p.practical.starPassRatio <= 1)) {
    throw new ScoringInputInvalid('practical.starPassRatio', `★项合格比例 ${p.practical.starPassRatio} 应在 0–1 之间`);
  }
  if (!(p.practical.maxGap >= 0)) throw new ScoringInputInvalid('practical.maxGap', `分差 ${p.practical.maxGap} 不能为负`);
  if (!(Number.isInteger(p.subjective.markersRequired) && p.subjective.markersRequired >= 2)) {
    throw new ScoringInputInvalid('subjective.markersRequired', '主观题评分人数应不少于 2');
  }
  return Object.freeze(p);
}
