/**
 * Printable documents of the system: plain view-model data in, bytes out (PDF via pdfkit with the
 * embedded Noto Sans SC font, xlsx via exceljs). No database, no clock: `PrintMeta.createdAt` is the
 * document time, so equal input gives an equal PDF. Routes call these and stream the bytes.
 */
export type * from './types';
export { DocumentInputInvalid } from './errors';
export { admissionTicketsPdf, DEFAULT_TICKET_INSTRUCTIONS } from './admission-ticket';
export { roomDoorListsPdf } from './room-door-list';
export { candidateSignInSheetsPdf, staffSignInSheetsPdf, staffRoleName } from './sign-in-sheets';
export { roomIncidentSheetsPdf } from './room-incident-sheet';
export { theoryPaperPdf, theoryAnswerKeyPdf, defaultPaperNotes } from './theory-paper';
export { certificatesPdf } from './certificate';
export { scoringSheetsPdf } from './scoring-sheet';
export { resultsSummaryPdf } from './results-summary';
export { paperQualityReportPdf } from './paper-quality-report';
export { writeXlsx } from './xlsx';
export { neutraliseCell } from './neutralise';
export { planXlsx, PLAN_COLUMNS } from './plan-xlsx';
export {
  candidateImportTemplateXlsx,
  CANDIDATE_TEMPLATE_COLUMNS,
  DEFAULT_EDUCATION_LEVELS,
} from './candidate-template-xlsx';
