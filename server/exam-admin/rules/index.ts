/**
 * Pure rules of exam administration (考务): identity documents, organization codes, working days and
 * batch deadlines, batch planning, eligibility, candidate registration and import, photos, rooms
 * and seats, staffing and 回避, admission ticket numbers, and the 认定计划 form rows.
 *
 * Plain functions over plain data: no database, HTTP, clock or randomness inside (dates, `today`
 * and seeds are inputs). Refusals are `DomainError` subclasses (see `errors.ts`); validators that
 * report many problems at once return them instead of throwing.
 */
export { addDays, weekdayOf, fullYearsBetween, parseLooseDate } from './dates';
export { type IsoDate, isIsoDate } from '../../../scoring';
export { parseLevel } from './levels';
// The handlers call the national names LABELS; one table, in question-bank/vocabulary.
export { LEVEL_NAMES as LEVEL_LABELS, COMPONENT_NAMES as COMPONENT_LABELS, requiredComponents } from '../../../question-bank/vocabulary';
export { type IdScheme, type IdType, ID_TYPES, parseIdType } from './id-types';
export type { IdTypeCode } from '../../../scoring';
export {
  type Gender,
  type IdNumberCheck,
  type IdNumberContext,
  validateIdNumber,
  normaliseIdNumber,
  gb11643CheckChar,
  birthDateFromId,
  genderFromId,
} from './id-number';
export { type UsccCheck, validateUscc, usccCheckChar } from './uscc';
export {
  type OrganizationType,
  type Organization,
  type ScopeEntry,
  type Occupation,
  ORGANIZATION_TYPE_LABELS,
  isOccupationCode,
  normaliseWorkType,
} from './organization';
export {
  type WorkdayCalendar,
  type WorkdayCalendarOptions,
  type WorkdayOverride,
  type WorkdayResult,
  type DayInfo,
  type DaySource,
  type DeadlineConvention,
  createWorkdayCalendar,
} from './workdays';
export {
  type Deadline,
  type DeadlineKey,
  type DeadlineStatus,
  type DeadlineRules,
  type BatchDeadlineInput,
  DEADLINE_RULES,
  batchDeadlines,
} from './deadlines';
export { type LevelPolicy, type BatchEntryRequest, type BatchEntry, LEVEL_POLICY, checkBatchEntry } from './batch-entry';
export { type Education, EDUCATION_LEVELS, parseEducation, educationLabel, educationRank } from './education';
export {
  type EligibilityCondition,
  type EligibilityPath,
  type EligibilityRule,
  type EligibilityRules,
  type EligibilityFacts,
  type EligibilityContext,
  type EligibilityResult,
  type HeldCertificate,
  DEFAULT_ELIGIBILITY_RULES,
  checkEligibility,
  describeCondition,
} from './eligibility';
export {
  type CandidateField,
  type CandidateInput,
  type CandidateRecord,
  type CandidateContext,
  type CandidateCheck,
  type CandidateImportContext,
  type FieldProblem,
  type ImportedCandidate,
  CANDIDATE_COLUMNS,
  validateCandidate,
  validateCandidateRows,
  candidateKey,
} from './candidate';
export { type PhotoFormat, type PhotoLimits, type PhotoCheck, PHOTO_LIMITS, checkPhoto } from './photo';
export {
  type Room,
  type RoomPolicy,
  ROOM_POLICY,
  MAX_SEAT,
  MAX_ROOM_NO,
  validateRoom,
  seatPosition,
  seatAt,
  neighbourSeats,
  seatLabel,
} from './rooms';
export {
  type SeatingCandidate,
  type SeatAssignment,
  type SeatingOptions,
  type SeatingResult,
  type NeighbourConflict,
  arrangeSeats,
  countNeighbourConflicts,
} from './seating';
export { type SeatMove, type SeatMoveOptions, moveSeat } from './seat-move';
export {
  type StaffMember,
  type StaffingPolicy,
  type StaffingCheck,
  type DeclaredRelation,
  type RelationKind,
  type ConflictReason,
  type Conflict,
  type ConflictOptions,
  STAFFING_POLICY,
  checkRoomStaffing,
  checkPracticalGroup,
  checkQualitySupervision,
  assertStaffed,
  checkConflicts,
  assertNoConflicts,
} from './staffing';
export {
  type TicketNumberParts,
  formatTicketNumber,
  parseTicketNumber,
  checkTicketNumbersUnique,
  assignTicketNumbers,
  luhnCheckDigit,
} from './ticket-number';
export {
  type BatchEntryRefusalCode,
  BatchEntryRefused,
  CalendarOverrideInvalid,
  SeatingRefused,
  StaffingInsufficient,
  ConflictOfInterest,
  TicketNumberInvalid,
} from './errors';
