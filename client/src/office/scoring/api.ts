/**
 * Shapes of the scoring API as the pages use them (they mirror the server's JSON; all calls go through
 * `http`), and small helpers shared by the scoring pages.
 */
import { createSignal } from 'solid-js';
import { me } from '../../lib/session';

export type Component = 'theory' | 'practical' | 'review';
export type SourceKind = 'exam' | 'courseFinal' | 'processAssessment';
export type ComponentSource = { kind: SourceKind } | { kind: 'mix'; weights: Partial<Record<SourceKind, number>> };

export const COMPONENT_NAMES: Record<Component, string> = { theory: '理论知识考试', practical: '技能操作考核', review: '综合评审' };
export const SOURCE_NAMES: Record<SourceKind, string> = { exam: '考试成绩', courseFinal: '结课成绩', processAssessment: '过程考核成绩' };
export const STATUS_CLASS: Record<string, string> = { pass: 'ok', fail: 'bad', absent: 'warn', violation: 'bad' };
export const RULE_NAMES: Record<string, string> = { wholeVeto: '整体否决', star: '★项不合格', safety: '违反安全规程' };

export interface BatchSummary {
  id: number;
  code: string;
  name: string;
  status: string;
  candidates: number;
  results: Partial<Record<'pass' | 'fail' | 'absent' | 'violation', number>>;
  publicity: { startedOn: string; endsOn: string; status: string; openObjections: number } | null;
  certificates: number;
}

export interface ComponentResult {
  component: Component;
  attendance: 'present' | 'absent' | 'violation';
  mark: number | null;
  passMark: number;
  passed: boolean;
  source: ComponentSource | null;
  origin: { kind: SourceKind; mark: number; weight: number; ref: string; ruleFailures: string[] }[];
  vetoed: boolean;
  ruleFailures: string[];
  voided: boolean;
}

export interface ResultRow {
  candidateId: number;
  name: string;
  idNumber: string;
  level: number;
  levelName: string;
  occupationId: number;
  occupationName: string;
  workType: string | null;
  sits: Component[];
  status: 'pass' | 'fail' | 'absent' | 'violation' | null;
  statusName: string;
  result: { status: string; failing: Component[]; components: Partial<Record<Component, ComponentResult>> } | null;
  kept: { component: Component; passedOn: string; mark: number | null; expiresOn: string }[];
}

export interface Objection {
  id: number;
  candidateId: number;
  candidateName: string;
  maskedId: string;
  category: string | null;
  categoryName: string;
  statement: string;
  status: 'open' | 'resolved';
  outcome: string | null;
  outcomeName: string;
  resolution: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export interface PublicityView {
  id: number;
  startedOn: string;
  endsOn: string;
  status: 'scheduled' | 'open' | 'ended' | 'closed';
  closedAt: string | null;
  blockers: string[];
  objections: Objection[];
}

export const PUBLICITY_STATUS: Record<PublicityView['status'], string> = { scheduled: '待开始', open: '公示中', ended: '公示期满（待结束）', closed: '已结束' };

export interface Certificate {
  id: number;
  number: string;
  candidateId: number;
  name: string;
  maskedId: string;
  level: number;
  levelName: string;
  issuedOn: string;
  status: 'issued' | 'revoked';
  revokedReason: string | null;
  revokedAt: string | null;
}

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
  occupationCode: string;
  level: number;
  taskId: string;
  title: string;
  rows: SheetRow[];
}

export interface SheetView {
  id: number;
  occupationId: number;
  level: number;
  component: 'practical' | 'review';
  sheet: ScoringSheet;
  createdAt: string;
  used: boolean;
}

/** Whether the signed-in user may change things (the quality supervisor only reads). */
export const canWrite = () => me()?.role === 'admin';

/** A notice line with an auto-clear, shared by the tabs. */
export function createNotice() {
  const [notice, setNotice] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = (text: string) => {
    setNotice(text);
    clearTimeout(timer);
    timer = setTimeout(() => setNotice(''), 8000);
  };
  return [notice, show] as const;
}

/** Run an action; errors go to `setError`, success text to `done`. */
export async function act(fn: () => Promise<unknown>, setError: (e: unknown) => void, done?: () => void | Promise<void>): Promise<boolean> {
  setError(null);
  try {
    await fn();
    await done?.();
    return true;
  } catch (e) {
    setError(e);
    return false;
  }
}

/** Mark as printed: one decimal at most. */
export const fmt = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : String(Math.round(n * 10) / 10));
