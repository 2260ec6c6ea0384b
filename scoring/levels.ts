/**
 * Level names for scoring's callers, checked: a level read from JSON may be anything. The names themselves
 * are the national vocabulary in `question-bank/vocabulary.ts`.
 */
import type { Level } from '../question-bank/types';
import { LEVEL_NAMES, LEVEL_SHORT_NAMES, isLevel } from '../question-bank/vocabulary';
import { ScoringInputInvalid } from './errors';

function checked(level: Level): Level {
  if (!isLevel(level)) throw new ScoringInputInvalid('level', `等级 ${String(level)} 应为 1–5`);
  return level;
}

/**
 * Certificate name of a level. Example: `levelName(4) === '四级/中级工'`.
 * Throws `ScoringInputInvalid` for anything but 1..5 (a level read from JSON may be anything).
 */
export function levelName(level: Level): string {
  return LEVEL_NAMES[checked(level)];
}

/** Short name used in table headers: `levelShortName(5) === '五级'`. Throws like `levelName`. */
export function levelShortName(level: Level): string {
  return LEVEL_SHORT_NAMES[checked(level)];
}
