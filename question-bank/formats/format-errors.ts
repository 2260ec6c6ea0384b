import { DomainError, type DomainErrorKind } from '../errors';

/**
 * Why an uploaded file was refused before any row was looked at. Stable codes, part of the API:
 * clients switch on them, so a code never changes meaning once released.
 */
export type UploadRefusalCode =
  | 'UPLOAD_TOO_LARGE' // file bigger than the limit
  | 'UPLOAD_TOO_MANY_ROWS' // more data rows/items than the limit
  | 'UPLOAD_BAD_SIGNATURE' // content does not match the claimed kind (xlsx not a zip, CSV binary …)
  | 'UPLOAD_BAD_ENCODING' // text not UTF-8 (GBK, UTF-16) or visibly mis-encoded
  | 'UPLOAD_MALFORMED' // not well-formed JSON/XML/zip, wrong top-level shape
  | 'UPLOAD_XML_DOCTYPE' // XML with DOCTYPE/ENTITY declarations (entity expansion, XXE)
  | 'UPLOAD_FORMULA' // spreadsheet cell with a formula
  | 'UPLOAD_ZIP_BOMB' // zip expands beyond the total or per-entry ratio limit
  | 'UPLOAD_PROTOTYPE_KEY' // __proto__/constructor/prototype as a header or JSON key
  | 'UPLOAD_UNKNOWN_FORMAT'; // extension/content not one of the supported formats

const KIND: Record<UploadRefusalCode, DomainErrorKind> = {
  UPLOAD_TOO_LARGE: 'tooLarge',
  UPLOAD_TOO_MANY_ROWS: 'tooLarge',
  UPLOAD_ZIP_BOMB: 'tooLarge',
  UPLOAD_BAD_SIGNATURE: 'invalid',
  UPLOAD_BAD_ENCODING: 'invalid',
  UPLOAD_MALFORMED: 'invalid',
  UPLOAD_XML_DOCTYPE: 'invalid',
  UPLOAD_FORMULA: 'invalid',
  UPLOAD_PROTOTYPE_KEY: 'invalid',
  UPLOAD_UNKNOWN_FORMAT: 'invalid',
};

/**
 * An upload refused as a whole (limits, signature, encoding, safety). Distinct from `ImportRejected`,
 * which lists row-level content errors. `kind` follows the code (`tooLarge` → 413, others → 400).
 *
 * Example: `throw new UploadRefused('UPLOAD_FORMULA', '工作表“试题”的 C5 单元格含公式…', { sheet: '试题', cell: 'C5' })`.
 */
export class UploadRefused extends DomainError {
  declare readonly code: UploadRefusalCode;

  constructor(code: UploadRefusalCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, KIND[code], details);
  }
}

/** A well-formed file that holds no item at all: refused so an empty upload is never reported as success. */
export class ImportEmpty extends DomainError {
  constructor(format: string) {
    super('IMPORT_EMPTY', '文件中没有找到任何试题', 'invalid', { format });
  }
}
