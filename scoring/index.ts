/**
 * Public face of `scoring/`: the pure scoring domain.
 *
 * Three concerns kept apart (Moodle's question engine):
 * - item types: how one response is graded (`gradeItem`), how one sheet or answer is marked;
 * - policy: how components combine (`ScoringPolicy`, `combineComponents`, sources, vetoes, retakes);
 * - record: append-only inputs (responses, examiner marks) kept by the caller; every total here is
 *   derived from them, so a key correction is a replay (`regrade`) with a dry run first.
 *
 * No `node:*`, no database, no clock or randomness of its own: dates and seeds are inputs.
 */
export * from './errors';
export { DEFAULT_ROUNDING, cleanMark, roundMark, sumMarks, type Rounding } from './rounding';
export {
  addMonths,
  compareDates,
  formatYmd,
  isIsoDate,
  isValidYmd,
  parseIsoDate,
  type IsoDate,
} from './calendar-date';
export { checkMultiRule, gradeItem, itemKey, type GradeState, type ItemGrade, type ItemResponse } from './item-grading';
export { markAttempt, type AttemptMarking, type ByItem, type ExaminerMarks, type Responses } from './attempt-marking';
export {
  regrade,
  type KeyCorrection,
  type RegradeChange,
  type RegradeItemChange,
  type RegradePlan,
  type StoredAttempt,
} from './regrade';
export {
  DEFAULT_SUBJECTIVE_MARKING,
  allowedGap,
  buildMarkingQueue,
  finalSubjectiveMarks,
  resolveSubjectiveMark,
  type ExaminerMark,
  type GapRule,
  type MarkingQueueEntry,
  type MarkingViewer,
  type SubjectiveAnswer,
  type SubjectiveMarkRecord,
  type SubjectiveMarkingConfig,
  type SubjectiveResolution,
  type SubjectiveStatus,
} from './subjective-marking';
export {
  DEFAULT_STAR_RULE,
  scoreExaminerSheet,
  validateScoringSheet,
  type DeductionRule,
  type ExaminerSheet,
  type ExaminerSheetScore,
  type RowScore,
  type RuleFailure,
  type ScoringSheet,
  type ScoringSheetRow,
  type SheetDeduction,
  type StarRule,
} from './scoring-sheet';
export {
  DEFAULT_PRACTICAL_SCORING,
  checkExaminerGroupSize,
  finalPracticalMark,
  scorePracticalGroup,
  type PracticalGroupResult,
  type PracticalScoringConfig,
} from './practical-scoring';
export {
  DEFAULT_ALLOWED_SOURCES,
  checkComponentSource,
  componentName,
  practicalSourceMark,
  resolveComponentMark,
  sourceKindName,
  theorySourceMark,
  type AllowedSources,
  type ComponentMark,
  type ComponentSource,
  type MarkOrigin,
  type SourceKind,
  type SourceMark,
  type SourceMarks,
} from './component-source';
export { DEFAULT_SCORING_POLICY, scoringPolicy, type ScoringPolicy, type ScoringPolicyOverrides } from './policy';
export {
  combineComponents,
  resultStatusName,
  type CandidateResult,
  type ComponentOutcome,
  type ComponentResult,
  type ResultStatus,
} from './candidate-result';
export { retakePlan, type KeptComponent, type PastResult, type RetakePlan } from './retake';
export {
  canClosePublicity,
  closePublicity,
  maskIdNumber,
  objectionCategoryName,
  publicityCloseBlockers,
  publicityStatus,
  raiseObjection,
  resolveObjection,
  type Objection,
  type ObjectionCategory,
  type ObjectionOutcome,
  type Publicity,
  type PublicityStatus,
} from './publicity';
export {
  CERTIFICATE_NUMBER_PATTERN,
  DEFAULT_TYPE_LETTERS,
  PROVINCE_CODES,
  allocateCertificateNumbers,
  certificateNumberPrefix,
  certificateTypeLetter,
  formatCertificateNumber,
  isCertificateNumber,
  maskCertificateNumber,
  parseCertificateNumber,
  type CertificateNumberParts,
  type CertificateTypeLetter,
  type OrganizationType,
} from './certificate-number';
export { LEVELS_LOW_TO_HIGH, isLevel, requiredComponents } from '../question-bank/vocabulary';
export { levelName, levelShortName } from './levels';
export { ID_TYPE_CODES, ID_TYPE_NAMES, idTypeName, isIdTypeCode, type IdTypeCode } from './id-types';
export { neutraliseCell } from '../question-bank/formats/cell-safety';
export {
  NO_WORK_TYPE,
  ROSTER_COLUMNS,
  buildRosterRows,
  rosterEntryProblems,
  rosterRow,
  workTypeText,
  type RosterColumn,
  type RosterEntry,
} from './roster';
export {
  buildResultSummary,
  type ResultSummary,
  type SummaryHeader,
  type SummaryInput,
  type SummaryLine,
} from './result-summary';
export {
  componentMarks,
  passRates,
  scoreHistogram,
  type ComponentRate,
  type HistogramBin,
  type OccupationLevelRate,
  type PassRate,
  type PassRateReport,
  type StatsRecord,
} from './statistics';
