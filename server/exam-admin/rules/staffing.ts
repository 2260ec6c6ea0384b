/**
 * Staffing rules of a batch: proctors (监考员) per theory room, examiner (考评员) groups for the
 * practical, the internal quality supervisor (内部质量督导员), and 回避 (conflicts of interest).
 * Minimums are data (`StaffingPolicy`, M).
 */
import { ConflictOfInterest, StaffingInsufficient } from './errors';
import { cleanCode, cleanText } from './text';

/** A proctor, examiner or supervisor as the rules see them. */
export interface StaffMember {
  id: string;
  name: string;
  /** 工作单位, compared with candidates' for 回避. */
  workUnit?: string | null;
}

/** Staffing minimums (data, M). */
export interface StaffingPolicy {
  minProctorsPerRoom: number;
  /** One proctor per this many candidates (or part thereof). */
  candidatesPerProctor: number;
  minExaminersPerGroup: number;
  /** One examiner per this many candidates (or part thereof). */
  candidatesPerExaminer: number;
  /** An examiner group must be odd so a split vote has a majority. */
  oddExaminerGroups: boolean;
  supervisorsPerBatch: number;
}

/** Default staffing policy (M): ≥ 2 proctors and ≥ 1 per 15; ≥ 3 examiners, odd, ≥ 1 per 5; 1 supervisor. */
export const STAFFING_POLICY: StaffingPolicy = {
  minProctorsPerRoom: 2,
  candidatesPerProctor: 15,
  minExaminersPerGroup: 3,
  candidatesPerExaminer: 5,
  oddExaminerGroups: true,
  supervisorsPerBatch: 1,
};

/** Outcome of a staffing check. */
export interface StaffingCheck {
  ok: boolean;
  /** Minimum head count for this room/group. */
  required: number;
  /** Distinct people assigned. */
  actual: number;
  problems: string[];
}

function distinct(staff: readonly StaffMember[], role: string, problems: string[]): number {
  const ids = new Set<string>();
  for (const s of staff) {
    if (ids.has(s.id)) problems.push(`${role}${s.name}被重复安排`);
    ids.add(s.id);
  }
  return ids.size;
}

/**
 * Proctors for one theory room: at least `minProctorsPerRoom` and one per `candidatesPerProctor`
 * candidates. Never throws. Example: 31 candidates, 2 proctors → required 3,
 * `考场“301”有31名考生，至少需要3名监考员，现有2名`.
 */
export function checkRoomStaffing(
  room: { name: string; candidateCount: number },
  proctors: readonly StaffMember[],
  policy: StaffingPolicy = STAFFING_POLICY,
): StaffingCheck {
  const problems: string[] = [];
  const actual = distinct(proctors, '监考员', problems);
  const required = Math.max(policy.minProctorsPerRoom, Math.ceil(room.candidateCount / policy.candidatesPerProctor));
  if (actual < required) {
    problems.push(`考场“${room.name}”有${room.candidateCount}名考生，至少需要${required}名监考员，现有${actual}名`);
  }
  return { ok: problems.length === 0, required, actual, problems };
}

/**
 * Examiners for one practical (or 综合评审) group: at least `minExaminersPerGroup`, one per
 * `candidatesPerExaminer` candidates, and an odd number. The required figure is rounded up to odd.
 * Never throws. Example: 4 examiners for 12 candidates → `考评组人数应为奇数，现有4名`.
 */
export function checkPracticalGroup(
  candidateCount: number,
  examiners: readonly StaffMember[],
  policy: StaffingPolicy = STAFFING_POLICY,
): StaffingCheck {
  const problems: string[] = [];
  const actual = distinct(examiners, '考评员', problems);
  let required = Math.max(policy.minExaminersPerGroup, Math.ceil(candidateCount / policy.candidatesPerExaminer));
  if (policy.oddExaminerGroups && required % 2 === 0) required++;
  if (actual < required) problems.push(`考评组有${candidateCount}名考生，至少需要${required}名考评员，现有${actual}名`);
  if (policy.oddExaminerGroups && actual % 2 === 0 && actual > 0) problems.push(`考评组人数应为奇数，现有${actual}名`);
  return { ok: problems.length === 0, required, actual, problems };
}

/**
 * The batch's internal quality supervisors: at least `supervisorsPerBatch`, and none of them also a
 * proctor or examiner of the batch (they supervise those people). Never throws.
 */
export function checkQualitySupervision(
  supervisors: readonly StaffMember[],
  otherStaff: readonly StaffMember[] = [],
  policy: StaffingPolicy = STAFFING_POLICY,
): StaffingCheck {
  const problems: string[] = [];
  const actual = distinct(supervisors, '督导员', problems);
  const required = policy.supervisorsPerBatch;
  if (actual < required) problems.push(`每个批次至少需要${required}名内部质量督导员，现有${actual}名`);
  const others = new Set(otherStaff.map((s) => s.id));
  for (const s of supervisors) {
    if (others.has(s.id)) problems.push(`督导员${s.name}同时担任本批次监考员或考评员，不能自己督导自己`);
  }
  return { ok: problems.length === 0, required, actual, problems };
}

/** Throw `StaffingInsufficient` with every problem of a failed check; return quietly otherwise. */
export function assertStaffed(check: StaffingCheck): void {
  if (!check.ok) {
    throw new StaffingInsufficient(check.problems.join('；'), { required: check.required, actual: check.actual, problems: check.problems });
  }
}

/** Declared relation between a staff member and a candidate that requires 回避. */
export type RelationKind = 'relative' | 'colleague' | 'ownTrainee';

/** A relation declared by a staff member (回避申报). */
export interface DeclaredRelation {
  staffId: string;
  candidateId: string;
  relation: RelationKind;
}

/** Why a staff member must step aside. */
export type ConflictReason = RelationKind | 'sameWorkUnit';

const REASON_TEXT: Readonly<Record<ConflictReason, string>> = {
  relative: '是其亲属',
  colleague: '是其同事',
  ownTrainee: '是其培训的学员',
  sameWorkUnit: '与其工作单位相同',
};

/** One staff member who must step aside for one candidate. */
export interface Conflict {
  staffId: string;
  staffName: string;
  candidateId: string;
  candidateName: string;
  reason: ConflictReason;
  /** e.g. `考评员李四须回避考生张三：与其工作单位相同（某某公司）`. */
  message: string;
}

/** How `checkConflicts` words and applies the work-unit rule. */
export interface ConflictOptions {
  /** Role word in messages: 监考员 or 考评员 (default 考评员). */
  role?: string;
  /** Flag staff and candidates of the same work unit (default true). */
  sameWorkUnit?: boolean;
  /**
   * Work units exempt from the same-unit rule — typically the organization itself, whose teachers
   * examine its own students under the supervisor's watch; without this every school batch would
   * conflict.
   */
  exemptWorkUnits?: readonly string[];
}

function unitKey(unit: string | null | undefined): string {
  return cleanCode(unit).replace(/[\s()（）]/g, '').toLowerCase();
}

/**
 * Pairs of staff and candidates that must not meet (回避): a declared relation (relative,
 * colleague, own trainee) or the same work unit (unless exempt, or blank/`无`). Never throws; see
 * `assertNoConflicts`.
 *
 * Example: examiner 李四 and candidate 张三 both of `福州某机械厂` →
 * `考评员李四须回避考生张三：与其工作单位相同（福州某机械厂）`.
 */
export function checkConflicts(
  staff: readonly StaffMember[],
  candidates: readonly { id: string; name: string; workUnit?: string | null }[],
  declaredRelations: readonly DeclaredRelation[] = [],
  options: ConflictOptions = {},
): { ok: boolean; conflicts: Conflict[] } {
  const role = options.role ?? '考评员';
  const exempt = new Set((options.exemptWorkUnits ?? []).map(unitKey));
  const conflicts: Conflict[] = [];
  const add = (s: StaffMember, c: { id: string; name: string }, reason: ConflictReason, extra = '') =>
    conflicts.push({
      staffId: s.id,
      staffName: s.name,
      candidateId: c.id,
      candidateName: c.name,
      reason,
      message: `${role}${s.name}须回避考生${c.name}：${REASON_TEXT[reason]}${extra}`,
    });
  for (const s of staff) {
    for (const c of candidates) {
      for (const r of declaredRelations) {
        if (r.staffId === s.id && r.candidateId === c.id) add(s, c, r.relation);
      }
      const unit = unitKey(s.workUnit);
      if ((options.sameWorkUnit ?? true) && unit !== '' && unit !== '无' && !exempt.has(unit) && unit === unitKey(c.workUnit)) {
        add(s, c, 'sameWorkUnit', `（${cleanText(s.workUnit)}）`);
      }
    }
  }
  return { ok: conflicts.length === 0, conflicts };
}

/** Throw `ConflictOfInterest` listing every conflict; return quietly when there is none. */
export function assertNoConflicts(report: { conflicts: readonly Conflict[] }): void {
  if (report.conflicts.length > 0) {
    throw new ConflictOfInterest(report.conflicts.map((c) => c.message).join('；'), { conflicts: report.conflicts });
  }
}
