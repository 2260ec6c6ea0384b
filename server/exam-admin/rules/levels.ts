/**
 * Reading a level as people write it. The level and component names themselves are the national
 * vocabulary in `question-bank/vocabulary.ts`.
 */
import type { Level } from '../../../question-bank/types';
import { LEVEL_NAMES, LEVELS_LOW_TO_HIGH } from '../../../question-bank/vocabulary';

/**
 * Read a level as people write it: `4`, `'4'`, `'四级'`, `'中级工'`, `'四级/中级工'`, `'中级'`.
 * Returns `null` when it is none of those.
 */
export function parseLevel(raw: unknown): Level | null {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 1 && raw <= 5 ? (raw as Level) : null;
  if (typeof raw !== 'string') return null;
  const s = raw.trim().replace(/\s+/g, '').replace('／', '/');
  if (/^[1-5]$/.test(s)) return Number(s) as Level;
  for (const level of LEVELS_LOW_TO_HIGH) {
    const [short, title] = LEVEL_NAMES[level].split('/') as [string, string];
    // '中级' for '中级工', '高级技师' must not be read as '技师': compare whole words only.
    if (s === LEVEL_NAMES[level] || s === short || s === title || s === title.replace(/工$/, '')) return level;
  }
  return null;
}
