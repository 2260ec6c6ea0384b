import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UploadRefused } from './format-errors';
import { decodeEntities } from './html-text';

/**
 * A small ordered XML tree over fast-xml-parser's `preserveOrder` output: mixed content (QTI's XHTML item
 * bodies) keeps its order, namespace prefixes are dropped (QTI files use both `qti-…` and `q:qti-…`),
 * text and attributes are entity-decoded once (XML entities, character references and HTML names such as
 * `&nbsp;`), CDATA is kept verbatim.
 */
export interface XElement {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
}
export type XNode = XElement | string;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  removeNSPrefix: true,
  // Entities are decoded here, in one pass per value (`decodeEntities`): fast-xml-parser's own HTML entity
  // handling runs a regex per entity name and tripled the parse time of a QTI package.
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * Parse XML text into its root element. Refuses (`UploadRefused`) DOCTYPE/ENTITY declarations — entity
 * expansion (“billion laughs”) and external entities have no place in an item file — and malformed XML,
 * naming the line. Example: `parseXml('<quiz/>').name` → `'quiz'`.
 */
export function parseXml(text: string, what = 'XML'): XElement {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new UploadRefused('UPLOAD_XML_DOCTYPE', `${what} 文件含 DOCTYPE 或实体声明，出于安全原因不接受，请删除后重新上传`, {});
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new UploadRefused('UPLOAD_MALFORMED', `${what} 格式错误（第 ${valid.err.line} 行第 ${valid.err.col} 列）：${valid.err.msg}`, {
      line: valid.err.line,
      col: valid.err.col,
    });
  }
  const nodes = convert(parser.parse(text) as unknown[]);
  const root = nodes.find((n): n is XElement => typeof n !== 'string');
  if (root === undefined) throw new UploadRefused('UPLOAD_MALFORMED', `${what} 文件没有根元素`, {});
  return root;
}

function convert(raw: unknown[]): XNode[] {
  const out: XNode[] = [];
  for (const entry of raw) {
    if (entry === null || typeof entry !== 'object') continue;
    const rec = entry as Record<string, unknown>;
    for (const key of Object.keys(rec)) {
      if (key === ':@') continue;
      if (key === '#text') {
        out.push(decodeEntities(String(rec[key])));
        continue;
      }
      if (key === '#cdata') {
        // CDATA is verbatim: `&amp;` inside it is HTML for the HTML layer to decode, not XML.
        for (const c of Array.isArray(rec[key]) ? (rec[key] as unknown[]) : []) {
          const text = (c as Record<string, unknown> | null)?.['#text'];
          if (text !== undefined) out.push(String(text));
        }
        continue;
      }
      const attrs: Record<string, string> = Object.create(null);
      const rawAttrs = rec[':@'];
      if (rawAttrs !== null && typeof rawAttrs === 'object') {
        for (const [k, v] of Object.entries(rawAttrs as Record<string, unknown>)) attrs[k] = decodeEntities(String(v));
      }
      out.push({ name: key, attrs, children: convert(Array.isArray(rec[key]) ? (rec[key] as unknown[]) : []) });
    }
  }
  return out;
}

/** Element children, optionally only those named `name`. */
export function elements(node: XElement, name?: string): XElement[] {
  return node.children.filter((c): c is XElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

/** First child element named `name`. */
export function child(node: XElement, name: string): XElement | undefined {
  return elements(node, name)[0];
}

/** All descendant elements named `name`, in document order. */
export function descendants(node: XElement, name: string): XElement[] {
  const out: XElement[] = [];
  const walk = (n: XElement) => {
    for (const c of elements(n)) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

/** Concatenated text of a node and its descendants, as written (no block handling). */
export function textOf(node: XElement | undefined): string {
  if (node === undefined) return '';
  return node.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** Escape text for an XML text node or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
