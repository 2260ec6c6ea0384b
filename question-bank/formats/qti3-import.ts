import { ImportRejected, type RowError } from '../errors';
import type { ItemOption } from '../types';
import { buildDrafts } from './build-drafts';
import { UploadRefused } from './format-errors';
import { collapseHtmlWhitespace, finishHtmlWhitespace } from './html-text';
import { FIELD_LABELS, type DraftField, type DraftSource, type ImportContext, type ParseLimits, type ParsedItems } from './item-draft';
import { ITEM_RESOURCE_TYPE, QTI_POINT_HINT } from './qti3-common';
import { DEFAULT_MAX_ROWS, assertRowLimit, decodeUtf8Text } from './text-guards';
import { OPTION_LABELS, parseJudgeAnswer } from './vocabulary';
import { child, descendants, elements, parseXml, textOf, type XElement, type XNode } from './xml-tree';

/** QTI 3.0 import: single item files and unpacked content packages (see `qti3-common.ts` for where our fields live). */
/** What a manifest says about one item (all optional, all text as written). */
export interface QtiItemMeta {
  pointCode?: string;
  difficulty?: string;
  discrimination?: string;
  enemyGroup?: string;
  status?: string;
  externalId?: string;
}

const META_FIELDS = ['pointCode', 'difficulty', 'discrimination', 'enemyGroup', 'status', 'externalId'] as const;

/**
 * Import one QTI 3.0 item XML. 鉴定点 must be in the item's `label` (no manifest here); statistics take the
 * defaults. Throws `UploadRefused` (malformed XML, DOCTYPE) or `ImportRejected` (row 1).
 * Example: `parseQti3Item(xml, ctx).items[0].type` → `'multi'`.
 */
export function parseQti3Item(input: Uint8Array | string, ctx: ImportContext): ParsedItems {
  const errors: RowError[] = [];
  const src = readItem(decodeUtf8Text(input, ['qti-']), 1, '', undefined, (column, problem) => errors.push({ row: 1, column, problem }));
  return buildDrafts(src === undefined ? [] : [src], ctx, (f) => FIELD_LABELS[f], { preErrors: errors, format: 'qti3', unit: '题', pointCodeHint: QTI_POINT_HINT });
}

/** An unpacked content package: the manifest text and the package's files by path (only text files needed). */
export interface QtiPackageFiles {
  manifest: string;
  files: ReadonlyMap<string, string>;
}

/**
 * Import a QTI 3.0 content package already unpacked (the server unzips safely, see `server/uploads`).
 * Items are taken in manifest order from resources of type `imsqti_item_xmlv3p0`; row n is the n-th item and
 * error columns name its file. Throws `UploadRefused` (no items / QTI 2 package / malformed) or `ImportRejected`.
 */
export function parseQti3Package(pkg: QtiPackageFiles, ctx: ImportContext, limits?: ParseLimits): ParsedItems {
  const manifest = parseXml(decodeUtf8Text(pkg.manifest, ['manifest']), 'imsmanifest.xml');
  if (manifest.name !== 'manifest') {
    throw new UploadRefused('UPLOAD_MALFORMED', `imsmanifest.xml 的根元素应为 <manifest>，实际为 <${manifest.name}>`, {});
  }
  const resources = descendants(manifest, 'resource');
  const items = resources.filter((r) => (r.attrs['type'] ?? '').startsWith(ITEM_RESOURCE_TYPE));
  if (items.length === 0) {
    const qti2 = resources.some((r) => /^imsqti_item_xmlv2/.test(r.attrs['type'] ?? ''));
    throw new UploadRefused(
      'UPLOAD_MALFORMED',
      qti2 ? '这是 QTI 2.x 题目包，本系统只接受 QTI 3.0（资源类型 imsqti_item_xmlv3p0）' : '题目包中没有 QTI 3.0 试题（imsmanifest.xml 中没有类型为 imsqti_item_xmlv3p0 的资源）',
      { qti2 },
    );
  }
  assertRowLimit(items.length, limits?.maxRows ?? DEFAULT_MAX_ROWS);
  const errors: RowError[] = [];
  const sources: DraftSource[] = [];
  items.forEach((res, i) => {
    const row = i + 1;
    const href = res.attrs['href'] ?? child(res, 'file')?.attrs['href'] ?? '';
    const fail = (column: string, problem: string) => errors.push({ row, column, problem });
    const path = resolveHref(href);
    const xml = path === undefined ? undefined : pkg.files.get(path);
    if (xml === undefined) {
      fail(`文件（${href}）`, path === undefined ? `资源路径“${href}”无效（不能指向包外）` : `题目包中缺少文件“${href}”`);
      return;
    }
    const src = readItem(xml, row, href, readMeta(res), fail);
    if (src !== undefined) sources.push(src);
  });
  try {
    return buildDrafts(sources, ctx, (f) => FIELD_LABELS[f], { preErrors: errors, limits, format: 'qti3', unit: '题', pointCodeHint: QTI_POINT_HINT });
  } catch (e) {
    // A row number alone is hard to find in a package: name the item file in every column.
    if (e instanceof ImportRejected) {
      for (const err of e.errors) {
        const href = items[err.row - 1]?.attrs['href'];
        if (href !== undefined && !err.column.includes(href)) err.column = `${err.column}（${href}）`;
      }
    }
    throw e;
  }
}

/** Resolve a manifest href to a package path; undefined when it leaves the package. */
function resolveHref(href: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURI(href.trim());
  } catch {
    return undefined;
  }
  if (decoded === '' || /^[a-z][a-z0-9+.-]*:/i.test(decoded) || decoded.startsWith('/')) return undefined;
  const parts: string[] = [];
  for (const seg of decoded.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

function readMeta(resource: XElement): QtiItemMeta | undefined {
  const metaEl = descendants(resource, 'item-meta')[0];
  if (metaEl === undefined) return undefined;
  const meta: QtiItemMeta = {};
  for (const f of META_FIELDS) {
    const el = child(metaEl, f);
    if (el !== undefined) meta[f] = textOf(el).trim();
  }
  return meta;
}

const SKIP = new Set(['qti-rubric-block', 'qti-feedback-block', 'qti-feedback-inline', 'qti-modal-feedback', 'qti-template-block', 'qti-template-inline', 'script', 'style']);
const BLOCK = new Set(['p', 'div', 'li', 'ul', 'ol', 'table', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'qti-prompt', 'section', 'dl', 'dt', 'dd']);
const MEDIA = new Set(['img', 'object', 'svg', 'math', 'video', 'audio', 'picture', 'iframe']);

/** XHTML content to plain text: HTML whitespace rules, blocks and `<br>` as line breaks, interactions excluded. */
function plainText(nodes: readonly XNode[], media: { found: boolean }): string {
  let out = '';
  for (const n of nodes) {
    // HTML whitespace only: a full-width space (U+3000) in “（　）” is content, not layout.
    if (typeof n === 'string') out += collapseHtmlWhitespace(n);
    else if (n.name === 'br') out += '\n';
    else if (MEDIA.has(n.name)) media.found = true;
    else if (SKIP.has(n.name) || n.name.endsWith('-interaction')) continue;
    else if (n.name === 'ol') {
      let i = 0;
      for (const li of n.children) {
        if (typeof li !== 'string' && li.name === 'li') out += `\n${++i}. ${plainText(li.children, media)}\n`;
      }
    } else if (BLOCK.has(n.name)) out += `\n${plainText(n.children, media)}\n`;
    else out += plainText(n.children, media);
  }
  return out;
}

function readItem(xml: string, row: number, file: string, meta: QtiItemMeta | undefined, fail: (c: string, p: string) => void): DraftSource | undefined {
  const col = (f: DraftField) => (file === '' ? FIELD_LABELS[f] : `${FIELD_LABELS[f]}（${file}）`);
  let root: XElement;
  try {
    root = parseXml(xml, 'QTI');
  } catch (e) {
    if (e instanceof UploadRefused && file !== '') {
      fail(col('stem'), e.message); // one broken file in a package is a row error, so the others are still checked
      return undefined;
    }
    throw e;
  }
  if (root.name === 'assessmentItem') {
    fail(col('type'), '这是 QTI 2.x 试题（assessmentItem），本系统只接受 QTI 3.0（qti-assessment-item）');
    return undefined;
  }
  if (root.name !== 'qti-assessment-item') {
    fail(col('type'), `不是 QTI 3.0 试题：根元素应为 <qti-assessment-item>，实际为 <${root.name}>`);
    return undefined;
  }
  const body = child(root, 'qti-item-body');
  const interactions = body === undefined ? [] : findInteractions(body);
  if (body === undefined || interactions.length !== 1) {
    fail(col('type'), body === undefined ? '缺少 qti-item-body' : `每道题应恰有一个作答交互（当前 ${interactions.length} 个）`);
    return undefined;
  }
  const interaction = interactions[0]!;
  const media = { found: false };
  const prompt = child(interaction, 'qti-prompt');
  const stem = finishHtmlWhitespace(`${plainText(body.children, media)}\n${prompt === undefined ? '' : plainText(prompt.children, media)}`);
  const src: DraftSource = { row, stem, ...meta };
  src.pointCode = meta?.pointCode ?? root.attrs['label'];
  // Our own manifests say whether the item had an id; a foreign item's identifier is its id.
  const id = meta === undefined ? root.attrs['identifier'] : meta.externalId;
  if (id !== undefined) src.externalId = id;

  if (interaction.name === 'qti-extended-text-interaction') {
    const scorer = descendants(body, 'qti-rubric-block').filter((r) => /\b(scorer|author)\b/.test(r.attrs['view'] ?? ''));
    src.type = 'subjective';
    src.reference = finishHtmlWhitespace(scorer.map((r) => plainText(r.children, media)).join('\n'));
  } else if (interaction.name === 'qti-choice-interaction') {
    if (!readChoice(root, interaction, src, media, col, fail)) return undefined;
  } else {
    fail(col('type'), `不支持的交互类型 ${interaction.name}：只能导入选择题（qti-choice-interaction）和问答题（qti-extended-text-interaction）`);
    return undefined;
  }
  if (media.found) fail(col('stem'), '含图片或公式等非文字内容，系统暂只支持文字试题，请改为文字或删除该题');
  return src;
}

function findInteractions(body: XElement): XElement[] {
  const out: XElement[] = [];
  const walk = (n: XElement) => {
    for (const c of elements(n)) {
      if (c.name.endsWith('-interaction')) out.push(c);
      else walk(c);
    }
  };
  walk(body);
  return out;
}

function readChoice(
  root: XElement,
  interaction: XElement,
  src: DraftSource,
  media: { found: boolean },
  col: (f: DraftField) => string,
  fail: (c: string, p: string) => void,
): boolean {
  const responseId = interaction.attrs['response-identifier'] ?? 'RESPONSE';
  const decl = elements(root, 'qti-response-declaration').find((d) => d.attrs['identifier'] === responseId);
  if (decl === undefined) {
    fail(col('key'), `缺少与交互对应的 qti-response-declaration（identifier="${responseId}"）`);
    return false;
  }
  const cardinality = decl.attrs['cardinality'] ?? 'single';
  if (cardinality !== 'single' && cardinality !== 'multiple') {
    fail(col('type'), `作答基数 cardinality="${cardinality}" 不支持，应为 single 或 multiple`);
    return false;
  }
  const choices = descendants(interaction, 'qti-simple-choice');
  const ids = choices.map((c) => c.attrs['identifier'] ?? '');
  const texts = choices.map((c) => finishHtmlWhitespace(plainText(c.children, media)));
  const correct = elements(child(decl, 'qti-correct-response') ?? decl, 'qti-value').map((v) => textOf(v).trim());
  const unknown = correct.filter((v) => !ids.includes(v));
  if (unknown.length > 0) {
    fail(col('key'), `正确答案 ${unknown.join('、')} 不是任何选项的 identifier（选项为 ${ids.join('、')}）`);
    return false;
  }
  const judgeOf = (i: number) => (/^[TF]$/.test(ids[i]!) ? (ids[i] as 'T' | 'F') : parseJudgeAnswer(texts[i]!.trim()));
  const isJudge =
    cardinality === 'single' && choices.length === 2 && judgeOf(0) !== undefined && judgeOf(1) !== undefined && judgeOf(0) !== judgeOf(1);
  if (isJudge) {
    src.type = 'judge';
    const i = ids.indexOf(correct[0] ?? '');
    src.key = i < 0 ? '' : judgeOf(i)!;
    return true;
  }
  src.type = cardinality === 'single' ? 'single' : 'multi';
  const labelOf = new Map(ids.map((id, i) => [id, OPTION_LABELS[i] ?? `#${i + 1}`]));
  const fractions = readMapping(decl, col, fail);
  if (fractions === null) return false;
  src.options = choices.map((_, i): ItemOption => {
    const opt: ItemOption = { label: labelOf.get(ids[i]!)!, text: texts[i]! };
    const f = fractions?.get(ids[i]!);
    if (fractions !== undefined) opt.fraction = f ?? fractions.defaultValue;
    return opt;
  });
  src.key = correct.map((v) => labelOf.get(v)!);
  return true;
}

/** `qti-mapping` → fraction per identifier; undefined without mapping, null after reporting a problem. */
function readMapping(decl: XElement, col: (f: DraftField) => string, fail: (c: string, p: string) => void): (Map<string, number> & { defaultValue: number }) | undefined | null {
  const mapping = child(decl, 'qti-mapping');
  if (mapping === undefined) return undefined;
  const upper = mapping.attrs['upper-bound'] === undefined ? 1 : Number(mapping.attrs['upper-bound']);
  const dflt = Number(mapping.attrs['default-value'] ?? '0');
  if (!(upper > 0) || !Number.isFinite(dflt)) {
    fail(col('fractions'), 'qti-mapping 的 upper-bound 须为正数、default-value 须为数字');
    return null;
  }
  const out = new Map<string, number>() as Map<string, number> & { defaultValue: number };
  out.defaultValue = dflt / upper;
  for (const e of elements(mapping, 'qti-map-entry')) {
    const v = Number(e.attrs['mapped-value']);
    if (!Number.isFinite(v)) {
      fail(col('fractions'), `qti-map-entry ${e.attrs['map-key'] ?? ''} 的 mapped-value 不是数字`);
      return null;
    }
    out.set(e.attrs['map-key'] ?? '', v / upper);
  }
  return out;
}
