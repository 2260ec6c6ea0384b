/**
 * Item import/export formats (pure: text/bytes in, data out). The server adds byte, zip and xlsx handling
 * (`server/uploads`, `server/bank/item-xlsx.ts`, `server/bank/item-file.ts`).
 *
 * Every parser returns `{ items: ItemDraft[] }` or throws: `UploadRefused` (file-level refusal, stable
 * `UPLOAD_*` code), `ImportRejected` (every row error, nothing returned) or `ImportEmpty`.
 */
export { buildDrafts } from './build-drafts';
export {
  formatRowError,
  normalizeText,
  optionWeights,
  DEFAULT_DIFFICULTY,
  DEFAULT_DISCRIMINATION,
  FIELD_LABELS,
  POINT_CODE_PATTERN,
  type DraftField,
  type DraftSource,
  type ExportableItem,
  type ImportContext,
  type ItemDraft,
  type ParseLimits,
  type ParsedItems,
  type RowPlace,
} from './item-draft';
export { ImportEmpty, UploadRefused, type UploadRefusalCode } from './format-errors';
export {
  DEFAULT_MAX_ROWS,
  assertNoPrototypeKeys,
  assertRowLimit,
  assertSafeHeaders,
  assertTextNotBinary,
  decodeUtf8Text,
  isPrototypeKey,
} from './text-guards';
export { ITEM_COLUMNS, itemHeader, itemRow, tableToSources, type ItemColumn, type TableRow } from './item-columns';
export { parseCsv, writeCsv, type CsvRecord } from './csv';
export { neutraliseCell, restoreNeutralisedCell } from './cell-safety';
export { exportItemsCsv, parseItemsCsv } from './item-csv';
export { exportItemsJson, parseItemsJson } from './item-json';
export { exportMoodleXml, parseMoodleXml } from './moodle-xml';
export { escapeGift, exportGift, parseGift } from './gift';
export { QTI_META_NAMESPACE } from './qti3-common';
export { parseQti3Item, parseQti3Package, type QtiItemMeta, type QtiPackageFiles } from './qti3-import';
export { exportQti3, type QtiItemFile, type QtiPackage } from './qti3-export';
export { htmlToText } from './html-text';
export { formatFromFilename, rowPlaceOf, sniffTextFormat, xmlFormatOf, xmlRootName, type ExtensionHint, type ItemFileFormat } from './sniff';
export { ITEM_TYPE_HELP, itemStatusName, itemTypeName, parseItemStatus, parseItemType, parseJudgeAnswer } from './vocabulary';
