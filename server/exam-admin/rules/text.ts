/**
 * Text normalisation shared by the validators. Spreadsheets and Chinese input methods produce
 * full-width digits and letters (`１１０１０５…ｘ`) and ideographic spaces; we fold them to ASCII
 * before checking so a correct number typed in full-width is not refused.
 */

/** Fold full-width ASCII (U+FF01–U+FF5E) and the ideographic space (U+3000) to ASCII. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/**
 * Trim and collapse runs of white space (including the ideographic space) to one space. Chinese
 * punctuation is kept: `某公司（分公司）` stays as written.
 */
export function cleanText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  return String(raw).replace(/[\s\u3000]+/g, ' ').trim();
}

/** `cleanText` plus full-width folding, for codes, numbers and dates (`２０１`, `１９９０－０５－０１`). */
export function cleanCode(raw: unknown): string {
  return toHalfWidth(cleanText(raw));
}

/** True if the value is absent or only white space. */
export function isBlank(raw: unknown): boolean {
  return cleanText(raw) === '';
}

/** Length in characters (code points), so a CJK extension character counts once. */
export function charLength(s: string): number {
  return [...s].length;
}
