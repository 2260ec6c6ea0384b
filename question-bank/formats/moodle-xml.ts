import type { RowError } from '../errors';
import type { ItemOption } from '../types';
import { htmlToText } from './html-text';
import { buildDrafts } from './build-drafts';
import { FIELD_LABELS, optionWeights, percentText, type DraftSource, type ExportableItem, type ImportContext, type ParseLimits, type ParsedItems } from './item-draft';
import { metaFromTags, pointCodeFromCategory, tagsFromItem } from './meta-tags';
import { UploadRefused } from './format-errors';
import { DEFAULT_MAX_ROWS, assertRowLimit, decodeUtf8Text } from './text-guards';
import { OPTION_LABELS } from './vocabulary';
import { child, elements, escapeXml, parseXml, textOf, type XElement } from './xml-tree';

/**
 * Import a Moodle XML question file (`<quiz><question type="…">`).
 * - `truefalse` → 判断题; `multichoice` → 单选题 when `<single>true</single>`, else 多选题; `essay` → 主观题
 *   (参考答案 from `<graderinfo>`). `category` sets the current category, `description` is skipped; any other
 *   type is a row error (the whole file is refused rather than silently dropping questions).
 * - Answer `fraction` (percent) gives the key (single: the 100 % answer; multi: every positive one) and is kept
 *   in `ItemOption.fraction` where it is real partial credit.
 * - HTML text is reduced to plain text; an image is a row error (the bank holds text only).
 * - 鉴定点 etc. come from tags or the category path, see `metaFromTags`. `<idnumber>` → `externalId`.
 * Rows are question numbers (categories not counted). Throws `UploadRefused` or `ImportRejected`.
 */
export function parseMoodleXml(input: Uint8Array | string, ctx: ImportContext, limits?: ParseLimits): ParsedItems {
  const root = parseXml(decodeUtf8Text(input, ['<quiz', '<question']), 'Moodle XML');
  if (root.name !== 'quiz') {
    throw new UploadRefused('UPLOAD_MALFORMED', `不是 Moodle XML 文件：根元素应为 <quiz>，实际为 <${root.name}>`, { root: root.name });
  }
  const questions = elements(root, 'question');
  const real = questions.filter((q) => q.attrs['type'] !== 'category' && q.attrs['type'] !== 'description');
  assertRowLimit(real.length, limits?.maxRows ?? DEFAULT_MAX_ROWS);
  const errors: RowError[] = [];
  const sources: DraftSource[] = [];
  let categoryPoint: string | undefined;
  let row = 0;
  for (const q of questions) {
    const type = q.attrs['type'] ?? '';
    if (type === 'category') {
      categoryPoint = pointCodeFromCategory(textOf(child(child(q, 'category') ?? q, 'text')));
      continue;
    }
    if (type === 'description') continue;
    row++;
    const fail = (column: string, problem: string) => errors.push({ row, column, problem });
    const src = readQuestion(q, type, row, fail);
    if (src === undefined) continue;
    const meta = metaFromTags(elements(child(q, 'tags') ?? q, 'tag').map((t) => textOf(child(t, 'text'))));
    Object.assign(src, meta);
    src.pointCode ??= categoryPoint;
    const idnumber = textOf(child(q, 'idnumber')).trim();
    if (idnumber !== '') src.externalId = idnumber;
    sources.push(src);
  }
  return buildDrafts(sources, ctx, (f) => FIELD_LABELS[f], { preErrors: errors, limits, format: 'moodle', unit: '题', pointCodeHint: '可用标签“鉴定点:A-B-001”，或以鉴定点结尾的分类（如 $course$/top/A-B-001）给出' });
}

/** Text of a Moodle text field (`<x format="html"><text>…</text></x>`), images reported through `fail`. */
function richText(el: XElement | undefined, column: string, fail: (c: string, p: string) => void): string {
  if (el === undefined) return '';
  const raw = textOf(child(el, 'text'));
  const format = el.attrs['format'] ?? 'html';
  if (elements(el, 'file').length > 0) fail(column, '含嵌入文件（图片等），系统暂只支持文字试题，请改为文字或删除该题');
  if (format !== 'html' && format !== 'moodle_auto_format') return raw;
  const { text, hasImage } = htmlToText(raw, { newlinesAreBreaks: format === 'moodle_auto_format' });
  if (hasImage) fail(column, '含图片，系统暂只支持文字试题，请改为文字或删除该题');
  return text;
}

function readQuestion(q: XElement, type: string, row: number, fail: (c: string, p: string) => void): DraftSource | undefined {
  const stem = richText(child(q, 'questiontext'), FIELD_LABELS.stem, fail);
  const answers = elements(q, 'answer');
  switch (type) {
    case 'truefalse': {
      const right = answers.find((a) => Number(a.attrs['fraction']) === 100);
      if (right === undefined) {
        fail(FIELD_LABELS.key, '判断题没有得分为 100 的答案');
        return undefined;
      }
      return { row, type: 'judge', stem, key: textOf(child(right, 'text')).trim() };
    }
    case 'multichoice': {
      const single = ['true', '1'].includes(textOf(child(q, 'single')).trim().toLowerCase());
      const options: ItemOption[] = [];
      const key: string[] = [];
      answers.forEach((a, i) => {
        const label = OPTION_LABELS[i] ?? `#${i + 1}`;
        const fraction = Number(a.attrs['fraction'] ?? '0') / 100;
        if (!Number.isFinite(fraction)) fail(FIELD_LABELS.fractions, `选项 ${label} 的 fraction “${a.attrs['fraction']}” 不是数字`);
        options.push({ label, text: richText(a, `${FIELD_LABELS.options} ${label}`, fail), fraction });
        if (single ? Math.abs(fraction - 1) < 1e-6 : fraction > 0) key.push(label);
      });
      if (key.length === 0) {
        fail(FIELD_LABELS.key, single ? '单选题没有得分为 100% 的选项' : '多选题没有得分大于 0 的选项');
        return undefined;
      }
      return { row, type: single ? 'single' : 'multi', stem, options, key };
    }
    case 'essay':
      return { row, type: 'subjective', stem, reference: richText(child(q, 'graderinfo'), FIELD_LABELS.reference, fail) };
    default:
      fail(FIELD_LABELS.type, `不支持的 Moodle 题型“${type}”：只能导入 truefalse（判断）、multichoice（单选/多选）和 essay（主观题）`);
      return undefined;
  }
}

/**
 * Export items as Moodle XML that Moodle and `parseMoodleXml` both import: one category per 鉴定点
 * (`$course$/top/A-B-001`), tags for 鉴定点/难度/区分度/互斥组/状态, idnumber from `id`/`externalId`.
 */
export function exportMoodleXml(items: readonly ExportableItem[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>'];
  let category: string | undefined;
  const text = (s: string) => `<text>${escapeXml(s)}</text>`;
  const html = (s: string) => `<text>${escapeXml(s.split('\n').map((line) => `<p>${escapeXml(line)}</p>`).join(''))}</text>`;
  items.forEach((item, n) => {
    if (item.pointCode !== category) {
      category = item.pointCode;
      out.push(`  <question type="category"><category>${text(`$course$/top/${item.pointCode}`)}</category></question>`);
    }
    const id = item.id ?? item.externalId;
    const name = id ?? `${item.pointCode}-${n + 1}`;
    const head = [`    <name>${text(name)}</name>`, `    <questiontext format="html">${html(item.stem)}</questiontext>`];
    if (id !== undefined) head.push(`    <idnumber>${escapeXml(id)}</idnumber>`);
    const tags = `    <tags>${tagsFromItem(item).map((t) => `<tag>${text(t)}</tag>`).join('')}</tags>`;
    const answer = (fraction: string, body: string) => `    <answer fraction="${fraction}" format="html">${body}</answer>`;
    switch (item.type) {
      case 'judge': {
        const t = item.key[0] === 'T';
        out.push('  <question type="truefalse">', ...head, answer(t ? '100' : '0', text('true')), answer(t ? '0' : '100', text('false')), tags, '  </question>');
        break;
      }
      case 'single':
      case 'multi': {
        const weights = optionWeights(item);
        out.push(
          '  <question type="multichoice">',
          ...head,
          `    <single>${item.type === 'single'}</single>`,
          '    <shuffleanswers>true</shuffleanswers>',
          '    <answernumbering>ABCD</answernumbering>',
          ...item.options.map((o, i) => answer(percentText(weights[i]!), html(o.text))),
          tags,
          '  </question>',
        );
        break;
      }
      case 'subjective':
        out.push('  <question type="essay">', ...head, `    <graderinfo format="html">${html(item.reference ?? '')}</graderinfo>`, tags, '  </question>');
        break;
      default: {
        const never: never = item.type;
        throw new Error(`unknown item type ${String(never)}`);
      }
    }
  });
  out.push('</quiz>', '');
  return out.join('\n');
}
