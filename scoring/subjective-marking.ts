/**
 * 主观题 marking (技师+): each answer is marked independently by two examiners; the mark is their
 * mean; a spread above the configured gap goes to the group leader (组长), whose mark is then final.
 * The record (every examiner's mark) is kept by the caller; this module only derives from it.
 */
import { createRng, shuffled } from '../question-bank/random';
import type { ByItem } from './attempt-marking';
import { ScoringInputInvalid } from './errors';
import { DEFAULT_ROUNDING, cleanMark, roundMark, type Rounding } from './rounding';

/** One examiner's mark on one answer (or one sheet). */
export interface ExaminerMark {
  examinerId: string;
  mark: number;
}

/** Largest allowed spread: a fixed number of marks, or a share of the item's marks. */
export type GapRule = { kind: 'absolute'; marks: number } | { kind: 'ratio'; ofMaxMark: number };

/**
 * Subjective marking settings (L in the domain notes, so data, not code):
 * two markers, a gap of 20 % of the item's marks, means rounded half up to 1 decimal by default.
 */
export interface SubjectiveMarkingConfig {
  markersRequired: number;
  gap: GapRule;
  rounding: Rounding;
}

/** Defaults: 2 markers, gap 20 % of the item's marks, half up to 1 decimal. */
export const DEFAULT_SUBJECTIVE_MARKING: SubjectiveMarkingConfig = {
  markersRequired: 2,
  gap: { kind: 'ratio', ofMaxMark: 0.2 },
  rounding: DEFAULT_ROUNDING,
};

/** The stored marks of one answer: the markers' marks and, after a dispute, the leader's. */
export interface SubjectiveMarkRecord {
  maxMark: number;
  marks: readonly ExaminerMark[];
  leader?: ExaminerMark;
}

/**
 * `awaitingMarkers`: fewer marks than required; `agreed`: mean is final; `needsLeader`: spread above the
 * gap, no leader mark yet; `leaderDecided`: the leader's mark is final.
 */
export type SubjectiveStatus = 'awaitingMarkers' | 'agreed' | 'needsLeader' | 'leaderDecided';

/** Derived state of one answer; `mark` is the final mark or `null` while not final. */
export interface SubjectiveResolution {
  status: SubjectiveStatus;
  mark: number | null;
  mean: number | null;
  spread: number | null;
}

/** The gap in marks for an item of `maxMark` marks. */
export function allowedGap(gap: GapRule, maxMark: number): number {
  switch (gap.kind) {
    case 'absolute':
      return gap.marks;
    case 'ratio':
      return cleanMark(gap.ofMaxMark * maxMark);
    default: {
      const never: never = gap;
      throw new ScoringInputInvalid('gap', `未知的分差规则 ${JSON.stringify(never)}`);
    }
  }
}

function checkMark(field: string, m: ExaminerMark, maxMark: number): void {
  if (!Number.isFinite(m.mark) || m.mark < 0 || m.mark > maxMark) {
    throw new ScoringInputInvalid(field, `考评员 ${m.examinerId} 的评分 ${m.mark} 超出分值 0–${maxMark}`);
  }
}

/**
 * Derive the final mark of one subjective answer from its stored marks.
 *
 * Throws `ScoringInputInvalid` when a mark is out of 0..maxMark, an examiner marks twice, more marks than
 * `markersRequired` are given, the leader was one of the markers (回避: the leader settles a dispute he is
 * not part of), or a leader mark exists although the spread is within the gap (a record that should not
 * exist is reported, not silently ignored).
 *
 * Example: marks 6 and 9 of 10 with gap 20 % → spread 3 > 2 → `needsLeader`; with leader 8 → `leaderDecided`, mark 8.
 */
export function resolveSubjectiveMark(
  record: SubjectiveMarkRecord,
  config: SubjectiveMarkingConfig = DEFAULT_SUBJECTIVE_MARKING,
  subject = '主观题',
): SubjectiveResolution {
  const ids = new Set<string>();
  for (const m of record.marks) {
    checkMark(`${subject}.marks`, m, record.maxMark);
    if (ids.has(m.examinerId)) throw new ScoringInputInvalid(`${subject}.marks`, `考评员 ${m.examinerId} 重复评分`);
    ids.add(m.examinerId);
  }
  if (record.marks.length > config.markersRequired) {
    throw new ScoringInputInvalid(`${subject}.marks`, `评分人数 ${record.marks.length} 多于规定的 ${config.markersRequired} 人`);
  }
  if (record.leader) {
    checkMark(`${subject}.leader`, record.leader, record.maxMark);
    if (ids.has(record.leader.examinerId)) {
      throw new ScoringInputInvalid(`${subject}.leader`, `组长 ${record.leader.examinerId} 已是本题评分人，应回避`);
    }
  }
  if (record.marks.length < config.markersRequired) {
    if (record.leader) throw new ScoringInputInvalid(`${subject}.leader`, '评分未完成前不能由组长裁定');
    return { status: 'awaitingMarkers', mark: null, mean: null, spread: null };
  }
  const values = record.marks.map((m) => m.mark);
  const mean = roundMark(values.reduce((a, b) => a + b, 0) / values.length, config.rounding);
  const spread = cleanMark(Math.max(...values) - Math.min(...values));
  if (spread <= allowedGap(config.gap, record.maxMark)) {
    if (record.leader) throw new ScoringInputInvalid(`${subject}.leader`, `分差 ${spread} 未超过规定，不需要组长裁定`);
    return { status: 'agreed', mark: mean, mean, spread };
  }
  if (!record.leader) return { status: 'needsLeader', mark: null, mean, spread };
  return { status: 'leaderDecided', mark: record.leader.mark, mean, spread };
}

/**
 * Resolve the subjective records of one attempt (itemKey → record) into the examiner marks that
 * `markAttempt` takes, plus the items that are not final yet with their status.
 */
export function finalSubjectiveMarks(
  records: ByItem<SubjectiveMarkRecord>,
  config: SubjectiveMarkingConfig = DEFAULT_SUBJECTIVE_MARKING,
): { marks: Map<string, number>; pending: { itemKey: string; status: SubjectiveStatus }[] } {
  const marks = new Map<string, number>();
  const pending: { itemKey: string; status: SubjectiveStatus }[] = [];
  const entries: [string, SubjectiveMarkRecord][] = records instanceof Map ? [...records] : Object.entries(records);
  for (const [key, record] of entries) {
    const r = resolveSubjectiveMark(record, config, key);
    if (r.mark === null) pending.push({ itemKey: key, status: r.status });
    else marks.set(key, r.mark);
  }
  return { marks, pending };
}

/**
 * A subjective answer as the record store holds it. `answerId` must be opaque: issued by the store
 * (random), never derived from the candidate, ticket or seat. The identity fields are here because the
 * store joins them; the queue never copies them.
 */
export interface SubjectiveAnswer {
  answerId: string;
  itemKey: string;
  maxMark: number;
  text: string;
  reference?: string;
  marks: readonly ExaminerMark[];
  leader?: ExaminerMark;
  attemptId?: string;
  candidateId?: string;
  candidateName?: string;
  idNumber?: string;
  ticketNumber?: string;
  seat?: string;
}

/** Who is asking for a queue: a marker (first/second mark) or the group leader (disputes). */
export interface MarkingViewer {
  examinerId: string;
  role: 'marker' | 'leader';
}

/**
 * One line of an anonymous marking queue. Only the opaque `answerId` ties it to a candidate.
 * `task` says what is asked; `priorMarks` is shown to the leader only (markers mark independently).
 */
export interface MarkingQueueEntry {
  answerId: string;
  itemKey: string;
  maxMark: number;
  text: string;
  reference?: string;
  task: 'firstMark' | 'secondMark' | 'leader';
  priorMarks?: number[];
}

/**
 * Build the anonymous marking queue (评卷任务) of one examiner.
 *
 * - marker: answers still short of markers that this examiner has not marked; no other marks shown;
 * - leader: answers whose spread went to the leader and that the leader did not mark himself.
 *
 * Entries are built field by field (never by spreading the input) so an identity field added to the
 * store later cannot leak, and their order is shuffled with `seed` so it does not follow seats or
 * ticket numbers. Example: `buildMarkingQueue(answers, { examinerId: 'e1', role: 'marker' }, cfg, 'batch-7:e1')`.
 */
export function buildMarkingQueue(
  answers: readonly SubjectiveAnswer[],
  viewer: MarkingViewer,
  config: SubjectiveMarkingConfig,
  seed: string,
): MarkingQueueEntry[] {
  const out: MarkingQueueEntry[] = [];
  for (const a of answers) {
    const markedByViewer = a.marks.some((m) => m.examinerId === viewer.examinerId);
    const base = { answerId: a.answerId, itemKey: a.itemKey, maxMark: a.maxMark, text: a.text };
    const withRef = a.reference !== undefined ? { ...base, reference: a.reference } : base;
    switch (viewer.role) {
      case 'marker': {
        if (markedByViewer || a.marks.length >= config.markersRequired) break;
        out.push({ ...withRef, task: a.marks.length === 0 ? 'firstMark' : 'secondMark' });
        break;
      }
      case 'leader': {
        if (markedByViewer || a.leader) break;
        const r = resolveSubjectiveMark({ maxMark: a.maxMark, marks: a.marks }, config, a.answerId);
        if (r.status === 'needsLeader') out.push({ ...withRef, task: 'leader', priorMarks: a.marks.map((m) => m.mark) });
        break;
      }
      default: {
        const never: never = viewer.role;
        throw new ScoringInputInvalid('viewer.role', `未知角色 ${String(never)}`);
      }
    }
  }
  return shuffled(out, createRng(seed));
}
