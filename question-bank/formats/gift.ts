import type { RowError } from '../errors';
import type { ItemOption } from '../types';
import { htmlToText } from './html-text';
import { buildDrafts } from './build-drafts';
import { FIELD_LABELS, optionWeights, percentText, type DraftSource, type ExportableItem, type ImportContext, type ParseLimits, type ParsedItems } from './item-draft';
import { metaFromTags, pointCodeFromCategory, tagsFromItem } from './meta-tags';
import { DEFAULT_MAX_ROWS, assertRowLimit, decodeUtf8Text } from './text-guards';
import { OPTION_LABELS } from './vocabulary';

/*
 * GIFT escapes (`\:` `\=` `\~` `\#` `\{` `\}` `\\` `\n`) are swapped for private-use characters before any
 * structural split and swapped back in the final text, the way Moodle's own importer does, so an escaped
 * `=` can never be mistaken for a right-answer marker.
 */
const ESCAPES: Record<string, string> = { ':': '\uE001', '=': '\uE002', '~': '\uE003', '#': '\uE004', '{': '\uE005', '}': '\uE006', n: '\uE007' };
const BACKSLASH = '\uE000';

function protect(text: string): string {
  return text.replace(/\\\\/g, BACKSLASH).replace(/\\([:=~#{}n])/g, (_, c: string) => ESCAPES[c]!);
}

function restore(text: string): string {
  let out = text.replace(BACKSLASH_RE, '\\');
  for (const [c, ph] of Object.entries(ESCAPES)) out = out.split(ph).join(c === 'n' ? '\n' : c);
  return out;
}
const BACKSLASH_RE = new RegExp(BACKSLASH, 'g');

interface Block {
  line: number;
  lines: string[];
  comments: string[];
}

/** Split into questions at blank lines; `//` lines are comments (kept for `[id:…]`/`[tag:…]`). */
function blocks(text: string): Block[] {
  const out: Block[] = [];
  let cur: Block | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') {
      // Like Moodle: a blank line ends the question; a comment-only block belongs to no question.
      if (cur !== undefined && cur.lines.length > 0) out.push(cur);
      cur = undefined;
      return;
    }
    cur ??= { line: i + 1, lines: [], comments: [] };
    if (line.startsWith('//')) cur.comments.push(line);
    else {
      if (cur.lines.length === 0) cur.line = i + 1;
      cur.lines.push(raw);
    }
  });
  if (cur !== undefined && cur.lines.length > 0) out.push(cur);
  return out;
}

/** Moodle's comment tokens: `[id:…]` gives the idnumber, each `[tag:…]` a tag (`\]` escapes a bracket). */
function commentTokens(comments: readonly string[]): { id?: string; tags: string[] } {
  const all = comments.join('\n');
  const id = /\[id:((?:\\]|[^\]\n])+)\]/.exec(all)?.[1]?.replace(/\\]/g, ']').trim();
  const tags = [...all.matchAll(/\[tag:((?:\\]|[^\]\n<>`])+)\]/g)].map((m) => m[1]!.replace(/\\]/g, ']').trim());
  return id === undefined ? { tags } : { id, tags };
}

/** Strip a `[html]`/`[moodle]`/`[plain]`/`[markdown]` prefix; HTML (html, moodle) becomes plain text. */
function formattedText(protectedText: string, fail: (c: string, p: string) => void, column: string): string {
  const m = /^\s*\[(html|moodle|plain|markdown)\]/.exec(protectedText);
  const body = restore(m === null ? protectedText : protectedText.slice(m[0].length));
  if (m === null || m[1] === 'plain' || m[1] === 'markdown') return body.trim();
  const { text, hasImage } = htmlToText(body, { newlinesAreBreaks: m[1] === 'moodle' });
  if (hasImage) fail(column, '含图片，系统暂只支持文字试题，请改为文字或删除该题');
  return text.trim();
}

/**
 * Import GIFT text (Moodle's plain-text question format).
 * - `{T}`/`{F}`/`{TRUE}`/`{FALSE}` → 判断题; `{=right ~wrong …}` → 单选题 (exactly one `=`);
 *   `{~%50%a ~%50%b ~%-100%c}` (no `=`) → 多选题, key = positive weights, weights kept as fractions;
 *   `{}` → 主观题 (参考答案 from the `####` general feedback). Numerical, matching and short-answer questions are
 *   row errors. Text after the answer block makes a missing-word stem (`_____`).
 * - `::title::` is the question name (not stored); `// [id:…]` → externalId; `// [tag:鉴定点:A-B-001]` etc. and
 *   `$CATEGORY: $course$/top/A-B-001` give 鉴定点 and statistics (see `metaFromTags`); `#feedback` is dropped.
 * Rows are the line where each question starts. Throws `UploadRefused` or `ImportRejected`.
 */
export function parseGift(input: Uint8Array | string, ctx: ImportContext, limits?: ParseLimits): ParsedItems {
  const text = decodeUtf8Text(input, ['{', '::']).replace(/\r\n?/g, '\n');
  const errors: RowError[] = [];
  const sources: DraftSource[] = [];
  let categoryPoint: string | undefined;
  const all = blocks(text);
  // Count questions, not $CATEGORY lines, against the limit.
  assertRowLimit(all.filter((b) => b.lines.length > 1 || !b.lines[0]!.trim().startsWith('$CATEGORY:')).length, limits?.maxRows ?? DEFAULT_MAX_ROWS);
  for (const b of all) {
    let row = b.line;
    const fail = (column: string, problem: string) => errors.push({ row, column, problem });
    let lines = b.lines;
    if (lines[0]!.trim().startsWith('$CATEGORY:')) {
      categoryPoint = pointCodeFromCategory(lines[0]!.trim().slice('$CATEGORY:'.length).trim());
      // Moodle wants a blank line after $CATEGORY; a question written right below it is still read.
      lines = lines.slice(1);
      row += 1;
      if (lines.length === 0) continue;
    }
    let body = protect(lines.join('\n')).trim();
    if (body.startsWith('::')) {
      const end = body.indexOf('::', 2);
      if (end >= 0) body = body.slice(end + 2).trim();
    }
    const open = body.indexOf('{');
    const close = body.indexOf('}', open + 1);
    if (open < 0 || close < 0) {
      fail(FIELD_LABELS.key, open < 0 && body.indexOf('}') < 0 ? '找不到答案部分 {…}（每道题的答案须写在花括号中）' : '花括号不配对：答案部分应写成 {…}，文字中的 { } 须写成 \\{ \\}');
      continue;
    }
    const after = body.slice(close + 1).trim();
    const stemText = after === '' ? body.slice(0, open) : `${body.slice(0, open).trimEnd()} _____ ${after}`;
    let answerText = body.slice(open + 1, close).trim();
    let generalFeedback = '';
    const gf = answerText.lastIndexOf('####');
    if (gf >= 0) {
      generalFeedback = answerText.slice(gf + 4);
      answerText = answerText.slice(0, gf).trim();
    }
    const src = readAnswers(answerText, row, fail, generalFeedback);
    if (src === undefined) continue;
    src.stem = formattedText(stemText, fail, FIELD_LABELS.stem);
    const tokens = commentTokens(b.comments);
    Object.assign(src, metaFromTags(tokens.tags));
    src.pointCode ??= categoryPoint;
    if (tokens.id !== undefined) src.externalId = tokens.id;
    sources.push(src);
  }
  return buildDrafts(sources, ctx, (f) => FIELD_LABELS[f], { preErrors: errors, limits, format: 'gift', pointCodeHint: '可在题前注释写 // [tag:鉴定点:A-B-001]，或用 $CATEGORY: $course$/top/A-B-001 给出' });
}

function readAnswers(answerText: string, row: number, fail: (c: string, p: string) => void, generalFeedback: string): DraftSource | undefined {
  if (answerText === '') {
    return { row, type: 'subjective', reference: formattedText(generalFeedback, fail, FIELD_LABELS.reference) };
  }
  if (answerText.startsWith('#')) {
    fail(FIELD_LABELS.type, '不支持数值题 {#…}：只能导入判断、单选、多选和主观题');
    return undefined;
  }
  if (answerText.includes('~')) return readChoices(answerText, row, fail);
  if (answerText.includes('=') && answerText.includes('->')) {
    fail(FIELD_LABELS.type, '不支持匹配题 {=…->…}：只能导入判断、单选、多选和主观题');
    return undefined;
  }
  const tf = answerText.split('#')[0]!.trim();
  if (['T', 'TRUE', 'F', 'FALSE'].includes(tf)) return { row, type: 'judge', key: tf.startsWith('T') ? 'T' : 'F' };
  fail(FIELD_LABELS.type, '不支持填空（简短回答）题 {=…}：单选题须有 ~ 错误选项，判断题写 {T} 或 {F}');
  return undefined;
}

function readChoices(answerText: string, row: number, fail: (c: string, p: string) => void): DraftSource | undefined {
  const rightMarks = answerText.split('=').length - 1;
  const single = rightMarks > 0;
  if (rightMarks > 1) {
    fail(FIELD_LABELS.key, `单选题只能有一个 = 正确答案（当前 ${rightMarks} 个）；多选题请写成 {~%50%甲 ~%50%乙 ~%-100%丙}`);
    return undefined;
  }
  const parts = answerText.replace(/=/g, '~=').split('~').map((p) => p.trim()).filter((p) => p !== '');
  const options: ItemOption[] = [];
  const key: string[] = [];
  parts.forEach((part, i) => {
    const label = OPTION_LABELS[i] ?? `#${i + 1}`;
    let weight = 0;
    let rest = part;
    if (rest.startsWith('=')) {
      weight = 1;
      rest = rest.slice(1);
    }
    const m = /^%(-?\d+(?:\.\d+)?)%/.exec(rest);
    if (m !== null) {
      weight = Number(m[1]) / 100;
      rest = rest.slice(m[0].length);
    } else if (rest.startsWith('%')) {
      fail(FIELD_LABELS.fractions, `选项 ${label} 的分值写法不对，应为 ~%50%选项内容`);
    }
    // Unescaped `#` starts the option's feedback, which the bank does not keep.
    const text = formattedText(rest.split('#')[0]!, fail, `${FIELD_LABELS.options} ${label}`);
    options.push({ label, text, fraction: weight });
    if (single ? part.startsWith('=') : weight > 0) key.push(label);
  });
  return { row, type: single ? 'single' : 'multi', options, key };
}

/** Escape text for GIFT (`\:` `\=` `\~` `\#` `\{` `\}` `\\`, line breaks as `\n`). */
export function escapeGift(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/([:=~#{}])/g, '\\$1').replace(/\n/g, '\\n');
}

/**
 * Export items as GIFT that Moodle and `parseGift` both import: `$CATEGORY` per 鉴定点, `// [id:…]` and
 * `// [tag:…]` comments for id and statistics, `%weight%` on every choice of a multi.
 */
export function exportGift(items: readonly ExportableItem[]): string {
  const out: string[] = [];
  let category: string | undefined;
  for (const item of items) {
    if (item.pointCode !== category) {
      category = item.pointCode;
      out.push(`$CATEGORY: $course$/top/${item.pointCode}`, '');
    }
    const id = item.id ?? item.externalId;
    if (id !== undefined) out.push(`// [id:${id.replace(/]/g, '\\]')}]`);
    out.push(`// ${tagsFromItem(item).map((t) => `[tag:${t.replace(/]/g, '\\]')}]`).join(' ')}`);
    const stem = escapeGift(item.stem);
    switch (item.type) {
      case 'judge':
        out.push(`${stem} {${item.key[0] === 'T' ? 'TRUE' : 'FALSE'}}`);
        break;
      case 'single':
      case 'multi': {
        const weights = optionWeights(item);
        const lines = item.options.map((o, i) => {
          const w = weights[i]!;
          const mark = item.type === 'single' && item.key.includes(o.label) ? '=' : w === 0 ? '~' : `~%${percentText(w)}%`;
          return `\t${mark}${escapeGift(o.text)}`;
        });
        out.push(`${stem} {`, ...lines, '}');
        break;
      }
      case 'subjective':
        out.push(`${stem} {####${escapeGift(item.reference ?? '')}}`);
        break;
      default: {
        const never: never = item.type;
        throw new Error(`unknown item type ${String(never)}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}
