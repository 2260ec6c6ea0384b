import type { XlsxCell } from './types';

/**
 * Characters that make a spreadsheet program read a cell as a formula (or a DDE command) when the
 * text is typed, pasted or re-imported from CSV: `=`, `+`, `-`, `@`, tab and carriage return (OWASP
 * "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Make a cell value inert: text starting with a formula character gets a leading apostrophe
 * (`=HYPERLINK(…)` → `'=HYPERLINK(…)`), everything else — numbers, `null`, ordinary text — is returned
 * unchanged. Candidate names, units and notes come from outside, so every text cell written to a
 * workbook goes through here.
 *
 * @example neutraliseCell('-5') // "'-5"; neutraliseCell(-5) // -5
 */
export function neutraliseCell<T extends XlsxCell>(value: T): T {
  return (typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value) as T;
}

/** True when `neutraliseCell` would change the value. */
export function needsNeutralising(value: XlsxCell): boolean {
  return typeof value === 'string' && FORMULA_START.test(value);
}
