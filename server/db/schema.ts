import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { OrganizationType } from '../../question-bank/vocabulary';

/**
 * The one `Database` interface (kysely). Column names are snake_case as stored; timestamps are ISO-8601
 * UTC strings, dates 'YYYY-MM-DD', flags 0/1, JSON as text (`*_json`). Later migrations add to it.
 */
export interface Database {
  organizations: OrganizationTable;
  occupations: OccupationTable;
  organization_scopes: OrganizationScopeTable;
  users: UserTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  audit_log: AuditLogTable;
  blueprints: BlueprintTable;
  paper_specs: PaperSpecTable;
  items: ItemTable;
  paper_sets: PaperSetTable;
  papers: PaperTable;
  paper_ledger: PaperLedgerTable;
  build_jobs: BuildJobTable;
  batches: BatchTable;
  batch_entries: BatchEntryTable;
  sittings: SittingTable;
  sitting_rooms: SittingRoomTable;
  sitting_papers: SittingPaperTable;
  rooms: RoomTable;
  candidates: CandidateTable;
  seat_assignments: SeatAssignmentTable;
  staff_assignments: StaffAssignmentTable;
  declared_relations: DeclaredRelationTable;
  workday_overrides: WorkdayOverrideTable;
  attempts: AttemptTable;
  responses: ResponseTable;
  attempt_events: AttemptEventTable;
  incidents: IncidentTable;
  scoring_sheets: ScoringSheetTable;
  examiner_marks: ExaminerMarkTable;
  subjective_marks: SubjectiveMarkTable;
  source_marks: SourceMarkTable;
  results: ResultTable;
  publicities: PublicityTable;
  objections: ObjectionTable;
  certificates: CertificateTable;
  certificate_counters: CertificateCounterTable;
  component_outcomes: ComponentOutcomeTable;
}

export type { OrganizationType };
export type StaffRole = 'admin' | 'proctor' | 'examiner' | 'supervisor';
export type Role = StaffRole | 'candidate';

export interface OrganizationTable {
  id: Generated<number>;
  name: string;
  type: OrganizationType;
  uscc: string;
  province: string;
  cert_org_code: string;
  cert_org_serial: string;
  cert_issuer: string;
  created_at: string;
}
export interface OccupationTable {
  id: Generated<number>;
  code: string;
  name: string;
  work_type: Generated<string>;
  levels_json: string;
  licensing: Generated<number>;
  created_at: string;
}
export interface OrganizationScopeTable {
  id: Generated<number>;
  organization_id: number;
  occupation_id: number;
  levels_json: string;
}
export interface UserTable {
  id: Generated<number>;
  organization_id: number;
  username: string;
  display_name: string;
  role: StaffRole;
  password_hash: string;
  work_unit: Generated<string>;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}
export interface SessionTable {
  id: string;
  user_id: number | null;
  candidate_id: number | null;
  seat_assignment_id: number | null;
  role: Role;
  ip: string;
  created_at: string;
  expires_at: string;
}
export interface LoginFailureTable {
  key: string;
  count: number;
  window_start: string;
  locked_until: string | null;
}
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string;
  actor_role: string;
  ip: string;
  action: string;
  object_type: string;
  object_id: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}
export interface BlueprintTable {
  id: Generated<number>;
  occupation_id: number;
  level: number;
  component: string;
  name: string;
  tree_json: string;
  created_at: string;
  updated_at: string;
}
export interface PaperSpecTable {
  id: Generated<number>;
  occupation_id: number;
  level: number;
  component: string;
  spec_json: string;
  created_at: string;
  updated_at: string;
}
export interface ItemTable {
  id: Generated<number>;
  item_uid: string;
  version: number;
  occupation_id: number;
  level: number;
  type: string;
  stem: string;
  options_json: string;
  key_json: string;
  reference: string | null;
  point_code: string;
  difficulty: number;
  discrimination: number;
  stats_n: Generated<number>;
  exposure: Generated<number>;
  enemy_group: string | null;
  status: string;
  locked: Generated<number>;
  is_latest: Generated<number>;
  created_by: number | null;
  created_at: string;
}
export interface PaperSetTable {
  id: Generated<number>;
  occupation_id: number;
  level: number;
  component: string;
  seed: string;
  algorithm_version: string;
  bank_hash: string;
  quality_json: string;
  created_by: number;
  created_at: string;
}
export type PaperStatus = 'built' | 'approved' | 'released' | 'used' | 'archived';
export interface PaperTable {
  id: Generated<number>;
  paper_set_id: number;
  form: string;
  status: PaperStatus;
  content_json: string;
  approved_by: number | null;
  approved_at: string | null;
  created_at: string;
}
export interface PaperLedgerTable {
  id: Generated<number>;
  paper_id: number;
  event: string;
  sitting_id: number | null;
  actor_id: number | null;
  note: Generated<string>;
  at: string;
}
export interface BatchTable {
  id: Generated<number>;
  organization_id: number;
  code: string;
  name: string;
  status: string;
  plan_filed_on: string | null;
  tickets_issued_on: string | null;
  results_reported_on: string | null;
  filing_number: string | null;
  plan_json: Generated<string>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}
export interface BatchEntryTable {
  id: Generated<number>;
  batch_id: number;
  occupation_id: number;
  level: number;
  components_json: string;
}
export type SittingStatus = 'scheduled' | 'open' | 'closed';
export interface SittingTable {
  id: Generated<number>;
  batch_id: number;
  component: string;
  date: string;
  start_time: string;
  duration_min: number;
  venue: string;
  status: SittingStatus;
  opened_at: string | null;
  closed_at: string | null;
  grace_seconds: Generated<number>;
  seb_json: string | null;
}
/** A room of a sitting once its proctor (or the schedule) opened it; no row = not opened yet. */
export interface SittingRoomTable {
  sitting_id: number;
  room_id: number;
  status: 'open' | 'closed';
  opened_at: string;
  opened_by: string;
  closed_at: string | null;
  closed_by: string | null;
}
/** A paper build (组卷) in progress or finished, readable by any node. */
export interface BuildJobTable {
  id: string;
  organization_id: number;
  requested_by: number;
  request_json: string;
  seed: string;
  phase: string;
  percent: Generated<number>;
  progress_json: string | null;
  error_json: string | null;
  paper_set_id: number | null;
  created_at: string;
  updated_at: string;
}
export interface SittingPaperTable {
  id: Generated<number>;
  sitting_id: number;
  occupation_id: number;
  level: number;
  paper_set_id: number | null;
  paper_id: number | null;
}
export interface RoomTable {
  id: Generated<number>;
  batch_id: number;
  name: string;
  venue: string;
  capacity: number;
  columns: Generated<number>;
  /** 考场号 within the batch (part of the ticket number); null only for rooms made before it existed. */
  room_no: number | null;
}
export interface CandidateTable {
  id: Generated<number>;
  batch_id: number;
  occupation_id: number;
  level: number;
  name: string;
  gender: string;
  id_type: string;
  id_number: string;
  birth_date: string;
  education: Generated<string>;
  work_unit: Generated<string>;
  work_years: Generated<number>;
  photo: Uint8Array | null;
  photo_type: string | null;
  eligibility_basis: Generated<string>;
  components_json: string;
  status: Generated<string>;
  created_at: string;
  /** Facts and outcome of the eligibility check (exam-admin `EligibilityRecord`). */
  eligibility_json: Generated<string>;
}
export interface SeatAssignmentTable {
  id: Generated<number>;
  sitting_id: number;
  room_id: number;
  seat_no: number;
  candidate_id: number;
  ticket_no: string;
  ticket_issued: Generated<number>;
}
export interface StaffAssignmentTable {
  id: Generated<number>;
  batch_id: number;
  user_id: number;
  duty: 'proctor' | 'examiner' | 'leader' | 'supervisor';
  sitting_id: number | null;
  room_id: number | null;
  group_name: string | null;
}
export interface DeclaredRelationTable {
  id: Generated<number>;
  user_id: number;
  id_number: string;
  relation: string;
  note: Generated<string>;
}
export interface WorkdayOverrideTable {
  date: string;
  workday: number;
  note: Generated<string>;
}
export type AttemptState = 'lobby' | 'answering' | 'paused' | 'submitted';
export interface AttemptTable {
  id: Generated<number>;
  sitting_id: number;
  candidate_id: number;
  paper_id: number;
  seed: string;
  state: AttemptState;
  started_at: string | null;
  ends_at: string | null;
  paused_at: string | null;
  paused_ms: Generated<number>;
  extension_ms: Generated<number>;
  submitted_at: string | null;
  submit_reason: string | null;
  device_id: string | null;
  violation_category: string | null;
  last_seen_at: string | null;
}
export interface ResponseTable {
  attempt_id: number;
  item_key: string;
  seq: number;
  value_json: string;
  flagged: Generated<number>;
  saved_at: string;
}
export interface AttemptEventTable {
  id: Generated<number>;
  attempt_id: number;
  type: string;
  detail_json: Generated<string>;
  actor_id: string | null;
  at: string;
}
export interface IncidentTable {
  id: Generated<number>;
  sitting_id: number;
  room_id: number | null;
  attempt_id: number | null;
  kind: 'incident' | 'violation' | 'notice' | 'warning';
  category: Generated<string>;
  description: string;
  /** 处理措施 (exam-room migration). */
  action: Generated<string>;
  actor_id: number | null;
  at: string;
}
export interface ScoringSheetTable {
  id: Generated<number>;
  occupation_id: number;
  level: number;
  component: string;
  task: string;
  sheet_json: string;
  created_at: string;
}
export interface ExaminerMarkTable {
  id: Generated<number>;
  candidate_id: number;
  sheet_id: number;
  examiner_id: number;
  marks_json: string;
  role: Generated<string>;
  submitted_at: string;
}
export interface SubjectiveMarkTable {
  id: Generated<number>;
  attempt_id: number;
  item_key: string;
  marker_id: number;
  role: 'first' | 'second' | 'leader';
  mark: number;
  at: string;
}
export interface SourceMarkTable {
  id: Generated<number>;
  candidate_id: number;
  component: string;
  source: 'exam' | 'courseFinal' | 'processAssessment';
  mark: number;
  origin_json: string;
  recorded_by: number | null;
  at: string;
}
export interface ResultTable {
  id: Generated<number>;
  candidate_id: number;
  batch_id: number;
  status: 'pass' | 'fail' | 'absent' | 'violation';
  detail_json: string;
  computed_at: string;
}
export interface PublicityTable {
  id: Generated<number>;
  batch_id: number;
  started_on: string;
  ends_on: string;
  status: 'open' | 'closed';
  closed_at: string | null;
  closed_by: number | null;
}
export interface ObjectionTable {
  id: Generated<number>;
  publicity_id: number;
  candidate_id: number;
  text: string;
  status: 'open' | 'resolved';
  category: string | null;
  outcome: string | null;
  resolution: string | null;
  resolved_by: number | null;
  created_at: string;
  resolved_at: string | null;
}
export interface CertificateTable {
  id: Generated<number>;
  number: string;
  candidate_id: number;
  organization_id: number;
  level: number;
  year: number;
  serial: number;
  issued_on: string;
  status: 'issued' | 'revoked';
  revoked_reason: string | null;
  revoked_at: string | null;
  created_at: string;
  /** Random code in the certificate's QR link (lookups by number alone are refused). */
  verify_code: string | null;
}
/** 缺考 / 违纪 of one component recorded by the office (scoring migration). */
export interface ComponentOutcomeTable {
  id: Generated<number>;
  candidate_id: number;
  component: 'theory' | 'practical' | 'review';
  attendance: 'absent' | 'violation';
  reason: string;
  recorded_by: number | null;
  at: string;
}
export interface CertificateCounterTable {
  organization_id: number;
  year: number;
  level: number;
  last_serial: number;
}

export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
