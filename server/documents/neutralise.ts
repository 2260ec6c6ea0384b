import { neutraliseCell as neutraliseText } from '../../question-bank/formats/cell-safety';
import type { XlsxCell } from './types';

/**
 * Make a cell value inert against spreadsheet formula injection (OWASP "CSV injection"): text
 * starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe
 * (`=HYPERLINK(…)` → `'=HYPERLINK(…)`); numbers, `null` and ordinary text are returned unchanged.
 * Candidate names, units and notes come from outside, so every text cell a workbook of this module
 * holds goes through here. The text rule itself is `question-bank/formats/cell-safety` (the item CSV and
 * the roster use it too), so there is one definition of "dangerous" in the system.
 *
 * @example neutraliseCell('-5') // "'-5"; neutraliseCell(-5) // -5; neutraliseCell(null) // null
 */
export function neutraliseCell<T extends XlsxCell>(value: T): T {
  return (typeof value === 'string' ? neutraliseText(value) : value) as T;
}
