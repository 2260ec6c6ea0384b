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

/** Trim, fold full-width characters and collapse runs of white space to one space. */
export function cleanText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  return toHalfWidth(String(raw)).replace(/\s+/g, ' ').trim();
}

/** True if the value is absent or only white space. */
export function isBlank(raw: unknown): boolean {
  return cleanText(raw) === '';
}

/** Length in characters (code points), so a CJK extension character counts once. */
export function charLength(s: string): number {
  return [...s].length;
}
