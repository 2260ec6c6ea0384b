/**
 * Safe reading of uploaded files (xlsx, zip packages, text): limits on bytes, rows and zip expansion,
 * signature checks, no formulas, no prototype keys. Every refusal is an `UploadRefused` with a stable
 * `UPLOAD_*` code and a Chinese message. Generic: used by item import and candidate import alike.
 */
export { DEFAULT_UPLOAD_LIMITS, assertTextUpload, assertUploadSize, assertZipSignature, formatBytes, resolveLimits, type UploadLimits } from './limits';
export { readZipSafely, type ZipEntryInfo } from './safe-zip';
export { cellText, readXlsxRows, type ReadXlsxOptions, type SheetRow, type SheetRows } from './xlsx-rows';
export { UploadRefused, type UploadRefusalCode } from '../../question-bank/formats';
