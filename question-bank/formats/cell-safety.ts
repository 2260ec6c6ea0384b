/**
 * Spreadsheet formula injection (CSV/XLSX injection, OWASP): a cell whose text starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return may be run as a formula when the sheet is opened, re-saved as CSV, copied
 * or imported elsewhere. Text that came from outside (item stems, candidate names, employer names) is
 * therefore written with a leading apostrophe. The one definition of "dangerous" for the whole system:
 * item CSV export/import here, the roster in `scoring/`, every workbook in `server/documents/`.
 */

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Neutralise one cell's text. Example: `neutraliseCell('=HYPERLINK("http://x")') === "'=HYPERLINK(\"http://x\")"`,
 * `neutraliseCell('-5℃') === "'-5℃"`, `neutraliseCell('张三') === '张三'`. Never fails.
 */
export function neutraliseCell(value: string): string {
  return value.length > 0 && FORMULA_TRIGGERS.has(value[0]!) ? `'${value}` : value;
}

/**
 * Inverse of `neutraliseCell` for a file read back: drops an apostrophe only when a formula trigger follows
 * it, so “-5℃” survives an export/import round trip and an ordinary `'quoted` text keeps its apostrophe.
 */
export function restoreNeutralisedCell(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_TRIGGERS.has(value[1]!) ? value.slice(1) : value;
}
