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
  type Component,
} from '../../question-bank';
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
    const t0 = performance.now();
    const result = buildParallelPapers(bank, blueprint, spec, {
      seed: job.seed,
      forms: req.forms,
      maxOverlap: req.maxOverlap,
      ...(req.maxExposure !== undefined && { maxExposure: req.maxExposure }),
      onProgress: (p) => {
        job.progress = p;
      },
    });
    const buildMs = Math.round(performance.now() - t0);
    set(job, 'checking');
    await Promise.resolve();
    const violations = checkParallelPapers({
      papers: result.papers,
      bank,
      blueprint,
      spec,
      forms: req.forms,
      maxOverlap: req.maxOverlap,
      ...(req.maxExposure !== undefined && { maxExposure: req.maxExposure }),
    });
    if (violations.length > 0) {
      // Never store papers that break the blueprint; this is a defect of the assembly, reported as such.
      throw new DomainError('ASSEMBLY_VIOLATION', `组卷结果未通过校验：${violations[0]!.message}`, 'conflict', { violations });
    }
    set(job, 'saving');
    const quality: SetQuality = {
      stats: result.stats,
      deviation: result.deviation,
      overlap: result.overlap,
      options: result.options,
      violations,
      eligibleItems: eligibleItems(bank, blueprint, spec, req.maxExposure).length,
      buildMs,
    };
    const now = deps.now();
    const stored = await deps.db.transaction().execute(async (trx) => {
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
    });
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
