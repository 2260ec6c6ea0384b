/**
 * Exam administration (考务): organization settings and scope, 认定批次 with entries, sittings and
 * working-day deadlines, candidates (form and xlsx import, eligibility, photos), rooms and seats with
 * ticket numbers, staff and 回避, ticket issue and the printed documents. HTTP adapters over the pure
 * rules in `./rules`; mounted by `server/routes/admin.ts`.
 */
export { organizationSettingsRoutes } from './organization-settings';
export { batchRoutes } from './batches';
export { candidateRoutes } from './candidates';
// Mounted inside candidateRoutes; exported for their types (the client imports the report shapes).
export { candidatePhotoBatchRoutes, PHOTO_ZIP_LIMITS, type PhotoBatchReport, type PhotoFileRow } from './candidate-photo-batch';
export { candidateDecisionRoutes } from './candidate-decisions';
export type { ManualDecision } from './candidate-eligibility';
export { roomRoutes, seatMap } from './rooms';
export { staffRoutes, declaredRelationRoutes } from './staff';
export { printRoutes } from './prints';
export { workdayOverrideRoutes } from './workday-overrides';
export { batchView } from './batch-view';
export { chinaDate, type BatchStatus, BATCH_STATUS_LABELS } from './common';
