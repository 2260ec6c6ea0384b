/**
 * 组卷 as a job the client polls: starting a build answers at once with a job id, the job walks through
 * loading the bank, assembling, checking and saving, and records where it is and how parallel the forms are
 * so far. The assembly itself is synchronous; the steps around it await the database, which is when a poll
 * sees the progress. Jobs live in memory per server process (they are seconds long); the paper set they
 * produce is what is stored.
 */
import { randomBytes } from 'node:crypto';
import {
  buildParallelPapers,
  checkParallelPapers,
  DomainError,
  eligibleItems,
  type AssemblyProgress,
  type Blueprint,
  type Component,
  type Item,
  type PaperSpec,
  type ParallelPapers,
} from '../../question-bank';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import type { AppDeps } from '../http/context';
import { requireBlueprintAndSpec } from './blueprint-store';
import { latestBank } from './item-store';
import type { OccupationRef } from './lookups';
import { storePaperSet, type SetQuality } from './paper-store';

/** Where a build is. */
export type BuildPhase = 'queued' | 'loading' | 'assembling' | 'checking' | 'saving' | 'done' | 'failed';

const PHASE_PERCENT: Record<BuildPhase, number> = { queued: 0, loading: 10, assembling: 30, checking: 80, saving: 90, done: 100, failed: 100 };

export const BUILD_PHASE_NAMES: Record<BuildPhase, string> = {
  queued: '排队中',
  loading: '读取题库',
  assembling: '组卷中',
  checking: '校验约束',
  saving: '保存试卷',
  done: '已完成',
  failed: '未能组卷',
};

/** What a poll returns. `error` has the shape of an API error body (code, Chinese message, details). */
export interface BuildJob {
  id: string;
  phase: BuildPhase;
  phaseName: string;
  percent: number;
  progress: AssemblyProgress | null;
  seed: string;
  startedBy: number | null;
  startedAt: string;
  paperSetId: number | null;
  error: { code: string; message: string; details: Record<string, unknown> } | null;
}

/** What to build. */
export interface BuildRequest {
  occupation: OccupationRef;
  level: number;
  component: Component;
  /** Absent ⇒ a random seed is generated here and stored with the set. */
  seed?: string;
  forms: number;
  maxOverlap: number;
  maxExposure?: number;
}

const KEEP_JOBS = 100;

/** The assembly result with the figures stored beside it. */
export interface BuiltSet {
  result: ParallelPapers;
  quality: SetQuality;
}

/**
 * Run the assembly for a request (pure apart from timing): the papers and the quality figures to store.
 * Throws the assembly's errors, e.g. `BlueprintUnsatisfiable` with every short cell.
 */
export function assembleSet(
  bank: readonly Item[],
  blueprint: Blueprint,
  spec: PaperSpec,
  req: Pick<BuildRequest, 'forms' | 'maxOverlap' | 'maxExposure'> & { seed: string },
  onProgress?: (p: AssemblyProgress) => void,
): BuiltSet {
  const t0 = performance.now();
  const result = buildParallelPapers(bank, blueprint, spec, {
    seed: req.seed,
    forms: req.forms,
    maxOverlap: req.maxOverlap,
    ...(req.maxExposure !== undefined && { maxExposure: req.maxExposure }),
    ...(onProgress && { onProgress }),
  });
  const buildMs = Math.round(performance.now() - t0);
  const quality: SetQuality = {
    stats: result.stats,
    deviation: result.deviation,
    overlap: result.overlap,
    options: result.options,
    violations: [],
    eligibleItems: eligibleItems(bank, blueprint, spec, req.maxExposure).length,
    buildMs,
  };
  return { result, quality };
}

/**
 * Re-check the built papers with the independent checker; never store papers that break the blueprint.
 * Throws `DomainError('ASSEMBLY_VIOLATION')` listing the violations (a defect of the assembly if it ever happens).
 */
export function checkBuiltSet(built: BuiltSet, bank: readonly Item[], blueprint: Blueprint, spec: PaperSpec, req: Pick<BuildRequest, 'forms' | 'maxOverlap' | 'maxExposure'>): void {
  const violations = checkParallelPapers({
    papers: built.result.papers,
    bank,
    blueprint,
    spec,
    forms: req.forms,
    maxOverlap: req.maxOverlap,
    ...(req.maxExposure !== undefined && { maxExposure: req.maxExposure }),
  });
  if (violations.length > 0) {
    throw new DomainError('ASSEMBLY_VIOLATION', `组卷结果未通过校验：${violations[0]!.message}`, 'conflict', { violations });
  }
}

/** Store a built set (papers, 台账 rows, locked items) and its audit row in the caller's transaction. */
export async function saveBuiltSet(
  trx: Kysely<Database>,
  actor: Actor,
  now: Date,
  req: Pick<BuildRequest, 'occupation' | 'level' | 'component'>,
  built: BuiltSet,
): Promise<{ setId: number; paperIds: Record<string, number> }> {
  const { result, quality } = built;
  const s = await storePaperSet(trx, {
    occupationId: req.occupation.id,
    level: req.level,
    component: req.component,
    result,
    quality,
    userId: actor.userId!,
    now: now.toISOString(),
  });
  await recordAudit(
    trx,
    actor,
    {
      action: 'paperSet.build',
      objectType: 'paperSet',
      objectId: s.setId,
      after: {
        occupation: req.occupation.code,
        level: req.level,
        component: req.component,
        seed: result.seed,
        algorithmVersion: result.algorithmVersion,
        bankHash: result.bankHash,
        papers: s.paperIds,
        deviation: result.deviation.largest,
      },
    },
    now,
  );
  return s;
}

/** The job table of one app instance. */
export function createBuildJobs(deps: AppDeps) {
  const jobs = new Map<string, BuildJob>();

  const set = (job: BuildJob, phase: BuildPhase) => {
    job.phase = phase;
    job.phaseName = BUILD_PHASE_NAMES[phase];
    job.percent = PHASE_PERCENT[phase];
  };

  const run = async (job: BuildJob, req: BuildRequest, actor: Actor): Promise<void> => {
    set(job, 'loading');
    const { blueprint, spec } = await requireBlueprintAndSpec(deps.db, req.occupation, req.level, req.component);
    const bank = await latestBank(deps.db, req.occupation.id, req.occupation.code, req.level);
    set(job, 'assembling');
    const built = assembleSet(bank, blueprint, spec, { ...req, seed: job.seed }, (p) => {
      job.progress = p;
    });
    set(job, 'checking');
    await Promise.resolve();
    checkBuiltSet(built, bank, blueprint, spec, req);
    set(job, 'saving');
    const now = deps.now();
    const stored = await deps.db.transaction().execute((trx) => saveBuiltSet(trx, actor, now, req, built));
    job.paperSetId = stored.setId;
    set(job, 'done');
  };

  return {
    /** Register and start a build; returns the job as first polled. */
    start(req: BuildRequest, actor: Actor): BuildJob {
      const job: BuildJob = {
        id: randomBytes(9).toString('base64url'),
        phase: 'queued',
        phaseName: BUILD_PHASE_NAMES.queued,
        percent: 0,
        progress: null,
        seed: req.seed ?? randomBytes(8).toString('hex'),
        startedBy: actor.userId,
        startedAt: deps.now().toISOString(),
        paperSetId: null,
        error: null,
      };
      jobs.set(job.id, job);
      while (jobs.size > KEEP_JOBS) jobs.delete(jobs.keys().next().value!);
      setImmediate(() => {
        run(job, req, actor).catch((e: unknown) => {
          if (e instanceof DomainError) {
            job.error = { code: e.code, message: e.message, details: e.details };
          } else {
            deps.log(e);
            job.error = { code: 'INTERNAL', message: '组卷时服务器内部错误，请稍后重试或联系管理员', details: {} };
          }
          set(job, 'failed');
        });
      });
      return { ...job };
    },
    /** The job by id, or undefined (unknown or forgotten). */
    get(id: string): BuildJob | undefined {
      const job = jobs.get(id);
      return job && { ...job };
    },
  };
}

export type BuildJobs = ReturnType<typeof createBuildJobs>;
