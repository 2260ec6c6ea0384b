/**
 * Spreadsheet formula injection (CSV/XLSX injection): a cell whose text starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return may be taken for a formula when the sheet is re-saved as CSV, copied, or
 * imported into another system. Candidate-supplied text (names, employer names) is therefore prefixed
 * with an apostrophe, as OWASP recommends.
 */

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Neutralise one cell's text. Example: `neutraliseCell('=HYPERLINK("http://x")') === "'=HYPERLINK(\"http://x\")"`,
 * `neutraliseCell('张三') === '张三'`. Never fails.
 */
export function neutraliseCell(value: string): string {
  return value.length > 0 && TRIGGERS.has(value[0]!) ? `'${value}` : value;
}

/** Neutralise every cell of a row. */
export function neutraliseCells(values: readonly string[]): string[] {
  return values.map(neutraliseCell);
}
