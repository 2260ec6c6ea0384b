import type { RowPlace } from './item-draft';

/** Item file formats the importer understands. */
export type ItemFileFormat = 'xlsx' | 'csv' | 'json' | 'moodle-xml' | 'qti3-item' | 'qti3-package' | 'gift';

/** What a file name alone says: a format, or `xml`/`zip` which need a look inside. */
export type ExtensionHint = 'xlsx' | 'csv' | 'json' | 'gift' | 'xml' | 'zip';

/** Format hint from the file extension (case-insensitive); undefined for anything else. */
export function formatFromFilename(filename: string): ExtensionHint | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename.trim())?.[1]?.toLowerCase();
  switch (ext) {
    case 'xlsx':
      return 'xlsx';
    case 'csv':
      return 'csv';
    case 'json':
      return 'json';
    case 'gift':
    case 'txt':
      return 'gift';
    case 'xml':
      return 'xml';
    case 'zip':
      return 'zip';
    default:
      return undefined;
  }
}

/**
 * Local name of the root element of XML text (prefix dropped), skipping the declaration, comments and
 * processing instructions. Example: `xmlRootName('<?xml version="1.0"?><quiz>')` → `'quiz'`.
 */
export function xmlRootName(text: string): string | undefined {
  const head = text
    .slice(0, 65536)
    .replace(/^\uFEFF/, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  return /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(head)?.[1];
}

/** XML format by root element: `<quiz>` Moodle, `<qti-assessment-item>` QTI item, `<manifest>` a package manifest. */
export function xmlFormatOf(text: string): 'moodle-xml' | 'qti3-item' | 'manifest' | undefined {
  switch (xmlRootName(text)) {
    case 'quiz':
      return 'moodle-xml';
    case 'qti-assessment-item':
      return 'qti3-item';
    case 'manifest':
      return 'manifest';
    default:
      return undefined;
  }
}

/**
 * Guess a text format from content when the extension says nothing: JSON (`[`/`{`), XML (`<`), GIFT
 * (`::title::`, `$CATEGORY:`, `// ` comments or a `{…}` answer block), CSV (a header with 题型 and 题干).
 */
export function sniffTextFormat(text: string): 'json' | 'xml' | 'gift' | 'csv' | undefined {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('[') || t.startsWith('{"') || /^\{\s*"/.test(t)) return 'json';
  if (t.startsWith('<')) return 'xml';
  const firstLine = t.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes(',') && firstLine.includes('题型') && firstLine.includes('题干')) return 'csv';
  if (t.startsWith('::') || t.startsWith('$CATEGORY:') || t.startsWith('//') || /\{[^}]*\}/.test(t)) return 'gift';
  return undefined;
}

/** How row numbers of a format read in messages (see `formatRowError`). */
export function rowPlaceOf(format: ItemFileFormat): RowPlace {
  switch (format) {
    case 'xlsx':
    case 'csv':
      return 'sheet';
    case 'gift':
      return 'line';
    case 'json':
      return 'entry';
    case 'moodle-xml':
    case 'qti3-item':
    case 'qti3-package':
      return 'question';
    default: {
      const never: never = format;
      return never;
    }
  }
}
