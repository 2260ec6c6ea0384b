/**
 * HTML (Moodle question text, GIFT `[html]`) to plain text. The bank stores plain text only and the client
 * renders it as text, so nothing here can become markup again; the job is to keep the words and line breaks
 * and to notice content that plain text cannot carry (images).
 */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', hellip: '…', mdash: '—', ndash: '–', middot: '·',
  times: '×', divide: '÷', plusmn: '±', deg: '°', le: '≤', ge: '≥', ne: '≠', radic: '√', micro: 'µ',
  Omega: 'Ω', omega: 'ω', alpha: 'α', beta: 'β', pi: 'π', sup2: '²', sup3: '³', frac12: '½', copy: '©', reg: '®',
};

/** Decode HTML character references once (`&amp;lt;` stays `&lt;`). Unknown names are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED[ref] ?? whole;
  });
}

const BLOCK = 'p|div|li|ul|ol|tr|table|h[1-6]|blockquote|pre|section|article|dl|dt|dd';

/**
 * Plain text of an HTML fragment: drops comments, `<script>`/`<style>` with their content and every tag;
 * `<br>` and block boundaries become line breaks (source line breaks too with `newlinesAreBreaks`, as in
 * Moodle's auto-format); entities are decoded once. `hasImage` tells the caller an
 * `<img>` (or `<object>`, `<svg>`, `<video>`) was dropped, which an importer must report rather than lose.
 *
 * Example: `htmlToText('<p>电压&lt;36V</p><p>B</p>')` → `{ text: '电压<36V\nB', hasImage: false }`.
 */
export function htmlToText(html: string, options: { newlinesAreBreaks?: boolean } = {}): { text: string; hasImage: boolean } {
  const hasImage = /<(img|object|embed|svg|video|audio|iframe)\b/i.test(html);
  // In HTML a line break in the source is just a space; Moodle's “auto format” (and GIFT [moodle]) shows it.
  const source = options.newlinesAreBreaks === true ? html : collapseHtmlWhitespace(html);
  const text = source
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    // Numbered lists keep their numbers: a reference answer's “1. 2. 3.” are part of the marking scheme.
    .replace(/<ol\b[^>]*>([\s\S]*?)<\/ol\s*>/gi, (_, inner: string) => {
      let n = 0;
      return `\n${inner.replace(/<li\b[^>]*>/gi, () => `\n${++n}. `)}\n`;
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(new RegExp(`</?(?:${BLOCK})\\b[^>]*>`, 'gi'), '\n')
    // Only real tags (a letter after `<`): "电压 < 36V" written without escaping survives.
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '');
  return { text: decodeEntities(finishHtmlWhitespace(text)), hasImage };
}

/** Marks a collapsed source line break until we know what stands on both sides of it. */
const SEGMENT_BREAK = '\uE010';
const WIDE = '[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]';
const BREAK_BETWEEN_WIDE = new RegExp(`(${WIDE})${SEGMENT_BREAK}+(?=${WIDE})`, 'g');

/**
 * HTML whitespace (space, tab, CR, LF, FF — not U+3000, which is content) collapsed to one space; a run that
 * held a line break is marked so `finishHtmlWhitespace` can drop it between two Chinese characters, as CSS
 * does (a wrapped Chinese sentence in the source must not gain a space). Call both on the same text.
 */
export function collapseHtmlWhitespace(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, (run) => (/[\n\r]/.test(run) ? SEGMENT_BREAK : ' '));
}

/** Resolve the marks of `collapseHtmlWhitespace`: nothing between wide characters, a space elsewhere. */
export function finishHtmlWhitespace(text: string): string {
  return text.replace(BREAK_BETWEEN_WIDE, '$1').replace(new RegExp(SEGMENT_BREAK, 'g'), ' ');
}
