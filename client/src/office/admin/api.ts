import { COMPONENT_NAMES, LEVEL_NAMES as LEVEL_NAMES_SHARED, LEVEL_SHORT_NAMES, ORGANIZATION_TYPE_LABELS, type OrganizationType } from '../../../../question-bank/vocabulary';
/**
 * Shapes of the exam-administration API as the pages use them, and small helpers shared by the pages.
 * Types only mirror the server's JSON; all calls go through `http`.
 */
import { me } from '../../lib/session';

export type Component = 'theory' | 'practical' | 'review';
export type DeadlineStatus = 'done' | 'ok' | 'dueSoon' | 'overdue' | 'late' | 'waiting';

export interface Batch {
  id: number;
  code: string;
  name: string;
  status: string;
  statusLabel: string;
  planFiledOn: string | null;
  filingNumber: string | null;
  ticketsIssuedOn: string | null;
}

export interface Deadline {
  key: string;
  label: string;
  due: string | null;
  status: DeadlineStatus;
  doneAt: string | null;
  verified: boolean;
  note: string | null;
}

export interface Entry {
  id: number;
  occupationId: number;
  code: string;
  name: string;
  workType: string | null;
  level: number;
  levelLabel: string;
  components: Component[];
  candidates: number;
  ineligible: number;
}

export interface Sitting {
  id: number;
  component: Component;
  componentLabel: string;
  date: string;
  startTime: string;
  endTime: string;
  durationMin: number;
  venue: string;
  status: string;
  entries: { occupationId: number; level: number; paperSetId: number | null; paperId: number | null }[];
}

export interface PaperSet {
  id: number;
  occupationId: number;
  level: number;
  createdAt: string;
  forms: { id: number; form: string; status: string }[];
}

export interface BatchView {
  batch: Batch;
  entries: Entry[];
  sittings: Sitting[];
  today: string;
  firstSitting: string | null;
  deadlines: Deadline[];
  counts: { candidates: number; ineligible: number; seated: number; ticketsIssued: number; rooms: number };
  paperSets: PaperSet[];
}

export interface Occupation {
  id: number;
  code: string;
  name: string;
  workType: string | null;
  levels: number[];
  licensing: boolean;
}

export interface ScopeEntry {
  occupationId: number;
  code: string;
  name: string;
  workType: string | null;
  levels: number[];
}

export interface Candidate {
  id: number;
  name: string;
  gender: string;
  idType: string;
  idTypeName: string;
  idNumber: string;
  birthDate: string;
  education: string;
  workUnit: string;
  workYears: number;
  occupationId: number;
  occupationName: string;
  workType: string | null;
  level: number;
  levelLabel: string;
  status: string;
  eligible: boolean;
  eligibilityBasis: string;
  eligibility: { declared: string; problems: string[] };
  idProblems: string[];
  hasPhoto: boolean;
  seat: { sittingId: number; roomName: string; seat: number; ticketNo: string; ticketIssued: boolean } | null;
}

export const LEVEL_LABELS: Record<number, string> = LEVEL_NAMES_SHARED;
export const LEVEL_SHORT: Record<number, string> = LEVEL_SHORT_NAMES;
export const COMPONENT_LABELS: Readonly<Record<Component, string>> = COMPONENT_NAMES;
export const ORG_TYPES = (Object.keys(ORGANIZATION_TYPE_LABELS) as OrganizationType[]).map((value) => ({ value, label: ORGANIZATION_TYPE_LABELS[value] }));

export const DEADLINE_STATUS: Record<DeadlineStatus, { label: string; cls: string }> = {
  done: { label: '已按时完成', cls: 'ok' },
  ok: { label: '未到期', cls: 'muted' },
  dueSoon: { label: '即将到期', cls: 'warn' },
  overdue: { label: '已逾期', cls: 'bad' },
  late: { label: '逾期完成', cls: 'bad' },
  waiting: { label: '待定', cls: 'muted' },
};

/** The signed-in user may change things (the supervisor only reads). */
export const canEdit = () => me()?.role === 'admin';

export function occupationLabel(o: { name: string; workType: string | null }): string {
  return o.workType ? `${o.name}（${o.workType}）` : o.name;
}

export { useAction } from '../../lib/use-action';
