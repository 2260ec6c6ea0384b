/**
 * Shapes of the examiner API (mirroring the server's JSON) and the scoring sheet types the pages share.
 */
export interface SheetRow {
  id: string;
  content: string;
  keyPoints: string[];
  maxMarks: number;
  deductionRules: { text: string; points: number }[];
  veto?: 'row' | 'whole';
  star?: boolean;
}

export interface ScoringSheet {
  taskId: string;
  title: string;
  rows: SheetRow[];
}

export interface Deduction {
  rowId: string;
  points: number;
  rule?: string;
}

export interface KeptSheet {
  examinerName: string;
  role: 'member' | 'leader';
  entry: { deductions: Deduction[]; vetoedRows: string[]; safetyViolation: boolean; note: string };
  score: { total: number; ruleFailures: string[]; rows: { rowId: string; deducted: number; score: number; vetoed: boolean; starFailed: boolean }[] };
  submittedAt: string;
}

export interface GroupStatus {
  status: string;
  label: string;
  mark: number | null;
  mean: number | null;
  spread: number | null;
  ruleFailures: string[];
  submitted: number;
  required: number;
}

export interface SheetPage {
  candidate: { candidateId: number; code: string; occupation: string; levelName: string };
  batch: { id: number; name: string };
  component: 'practical' | 'review';
  componentName: string;
  sheet: ScoringSheet;
  group: { name: string; members: { name: string; duty: 'examiner' | 'leader'; submitted: boolean }[] };
  isLeader: boolean;
  mine: KeptSheet | null;
  others: KeptSheet[] | null;
  leaderSheet: KeptSheet | null;
  status: GroupStatus | null;
  canDecide: boolean;
}

export interface TaskGroup {
  batchId: number;
  batchName: string;
  sittingDate: string;
  component: 'practical' | 'review';
  componentName: string;
  group: string;
  isLeader: boolean;
  members: { name: string; duty: string }[];
  candidates: { candidateId: number; code: string; occupation: string; levelName: string; submitted: boolean; status: GroupStatus | null }[];
}

export const RULE_NAMES: Record<string, string> = { wholeVeto: '整体否决', star: '★项不合格', safety: '违反安全操作规程' };

/** A mark with at most one decimal. */
export const fmt = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : String(Math.round(n * 10) / 10));
