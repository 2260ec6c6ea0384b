/**
 * 组卷 as a job the client polls: starting a build answers at once with a job id, the job walks through
 * loading the bank, assembling, checking and saving, and records where it is and how parallel the forms are
 * so far. Jobs are rows of `build_jobs`, so a poll may reach any server node and a job whose node died
 * (restart, crash) reads as interrupted instead of running forever. The assembly runs in a worker thread
 * (assembly-thread.ts): its 100–300 ms of CPU on a large bank never hold up the exam room's sockets, and its
 * progress reaches the row while it runs.
 */
import { randomBytes } from 'node:crypto';
import { DomainError, type AssemblyProgress, type Component } from '../../question-bank';
import type { Kysely, Selectable } from 'kysely';
import type { BuildJobTable, Database } from '../db/schema';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import type { AppDeps } from '../http/context';
import { requireBlueprintAndSpec } from './blueprint-store';
import { latestBank } from './item-store';
import type { OccupationRef } from './lookups';
import { storePaperSet } from './paper-store';
import type { BuiltSet } from './assemble-set';
import { assembleInWorker, AssemblyStopped, type AssemblyTestHook } from './assembly-thread';

export { assembleSet, checkBuiltSet, type AssemblyRequest, type BuiltSet } from './assemble-set';

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

/** Options of `createBuildJobs`. */
export interface BuildJobsOptions {
  /** Tests only: passed to every build's assembly thread (e.g. `exitDuringAssembly` to kill it mid-build). */
  testHook?: AssemblyTestHook;
}

/** A build started in this process and not yet finished (its row not yet done or failed). */
interface RunningBuild {
  stopper: AbortController;
  /** Settles (never rejects) once the job's row holds its end. */
  done: Promise<void>;
}

/**
 * Builds running per database handle. Keyed by the handle, not the app: every server node of a process (tests
 * run several over one database) writes through it, and closing the database is what running builds must not outlive.
 */
const runningBuilds = new WeakMap<Kysely<Database>, { closing: boolean; builds: Set<RunningBuild> }>();

function runningOn(db: Kysely<Database>) {
  let r = runningBuilds.get(db);
  if (!r) runningBuilds.set(db, (r = { closing: false, builds: new Set() }));
  return r;
}

/**
 * Stop the builds writing to `db` before it is closed (server shutdown): each running assembly thread is
 * terminated and its job ends as failed with `BUILD_STOPPED` (服务器正在关闭…), a build already saving finishes
 * its save; builds started afterwards fail the same way. Resolves once every job row holds its end. Never throws.
 * Example: `await stopBuildJobs(handle.db); await handle.close();`.
 */
export async function stopBuildJobs(db: Kysely<Database>): Promise<void> {
  const r = runningOn(db);
  r.closing = true;
  const builds = [...r.builds];
  for (const b of builds) b.stopper.abort();
  await Promise.all(builds.map((b) => b.done));
}

/** A job whose row has not changed for this long while unfinished is reported as interrupted. */
export const BUILD_JOB_STALE_MS = 2 * 60_000;
/** Job rows older than this are deleted when a new build starts (the paper sets they made stay). */
export const BUILD_JOB_KEEP_MS = 7 * 24 * 3600_000;
/** At most one progress write per this interval while assembling (not one per iteration). */
const PROGRESS_WRITE_MS = 250;

/** The failure a poll reports for a job whose node stopped writing (restart, crash) before it finished. */
export const BUILD_INTERRUPTED = { code: 'BUILD_INTERRUPTED', message: '组卷任务已中断（服务器重启），请重新组卷' } as const;

type JobRow = Selectable<BuildJobTable>;

function isPhase(p: string): p is BuildPhase {
  return Object.hasOwn(PHASE_PERCENT, p);
}

/**
 * The job as a poll shows it, from its row at time `now`: an unfinished row not updated for
 * `BUILD_JOB_STALE_MS` reads as failed with `BUILD_INTERRUPTED` (its node is gone, nobody will finish it).
 */
export function jobFromRow(row: JobRow, now: Date): BuildJob {
  const stored: BuildPhase = isPhase(row.phase) ? row.phase : 'failed';
  const finished = stored === 'done' || stored === 'failed';
  const stale = !finished && now.getTime() - Date.parse(row.updated_at) > BUILD_JOB_STALE_MS;
  const phase: BuildPhase = stale ? 'failed' : stored;
  const error: BuildJob['error'] = stale
    ? { ...BUILD_INTERRUPTED, details: { lastPhase: stored, lastPhaseName: BUILD_PHASE_NAMES[stored], updatedAt: row.updated_at } }
    : row.error_json
      ? (JSON.parse(row.error_json) as BuildJob['error'])
      : stored === 'failed'
        ? { code: 'INTERNAL', message: '组卷失败', details: {} }
        : null;
  return {
    id: row.id,
    phase,
    phaseName: BUILD_PHASE_NAMES[phase],
    percent: stale ? PHASE_PERCENT.failed : row.percent,
    progress: row.progress_json ? (JSON.parse(row.progress_json) as AssemblyProgress) : null,
    seed: row.seed,
    startedBy: row.requested_by,
    startedAt: row.created_at,
    paperSetId: row.paper_set_id,
    error,
  };
}

/**
 * Build jobs stored in `build_jobs`, so any server node answers a poll and a restart forgets nothing: the row is
 * created when the build starts, updated at every phase change and at most every 250 ms of assembly progress,
 * and ends with the paper set or the error (code, Chinese message, details). The assembly runs in its own
 * thread; a thread that dies fails the job with `ASSEMBLY_WORKER_FAILED` (组卷线程意外终止…), never leaves it
 * running. A failed write of progress is logged, never fatal to the build; a failed final write leaves the row
 * to go stale (reported as interrupted). `stopBuildJobs(db)` stops the running builds before the database closes.
 */
export function createBuildJobs(deps: AppDeps, opts: BuildJobsOptions = {}) {
  const { db } = deps;
  const running = runningOn(db);

  const run = async (id: string, seed: string, req: BuildRequest, actor: Actor, signal: AbortSignal): Promise<void> => {
    // Writes of one job go out in order; a progress write reads the newest progress when it runs, so progress
    // arriving faster than the database answers becomes one write, not many.
    let chain: Promise<void> = Promise.resolve();
    let progress: AssemblyProgress | null = null;
    let progressPending = false;
    const write = (patch: Partial<Omit<JobRow, 'id' | 'organization_id' | 'created_at'>>): Promise<void> => {
      chain = chain.then(async () => {
        await db
          .updateTable('build_jobs')
          .set({ ...patch, updated_at: deps.now().toISOString() })
          .where('id', '=', id)
          .execute();
      });
      return chain;
    };
    const phase = (p: BuildPhase, extra: Partial<JobRow> = {}) =>
      write({ phase: p, percent: PHASE_PERCENT[p], ...(progress && { progress_json: JSON.stringify(progress) }), ...extra });

    await phase('loading');
    const { blueprint, spec } = await requireBlueprintAndSpec(db, req.occupation, req.level, req.component);
    const bank = await latestBank(db, req.occupation.id, req.occupation.code, req.level);
    await phase('assembling');
    // The first progress is written at once (a poll sees the build moving), later ones at most every 250 ms.
    let lastWrite = -Infinity;
    const built = await assembleInWorker(bank, blueprint, spec, { ...req, seed }, {
      progressEveryMs: PROGRESS_WRITE_MS,
      log: deps.log,
      signal,
      onChecking: () => void phase('checking').catch((e: unknown) => deps.log(e)),
      ...(opts.testHook && { testHook: opts.testHook }),
      onProgress: (p) => {
        progress = p;
        // Wall-clock throttle (not deps.now(): that is the business clock, frozen in tests).
        if (progressPending || performance.now() - lastWrite < PROGRESS_WRITE_MS) return;
        progressPending = true;
        lastWrite = performance.now();
        chain = chain
          .then(async () => {
            progressPending = false;
            await db
              .updateTable('build_jobs')
              .set({ progress_json: JSON.stringify(progress), updated_at: deps.now().toISOString() })
              .where('id', '=', id)
              .execute();
          })
          .catch((e: unknown) => deps.log(e));
      },
    });
    // Checked in the thread (`onChecking` wrote the phase); the job's writes stay in order through `chain`.
    await phase('saving');
    await chain;
    const now = deps.now();
    // The set and the job's end in one transaction: a stored set is never left behind a job that reads as interrupted.
    await db.transaction().execute(async (trx) => {
      const stored = await saveBuiltSet(trx, actor, now, req, built);
      await trx
        .updateTable('build_jobs')
        .set({ phase: 'done', percent: PHASE_PERCENT.done, progress_json: progress && JSON.stringify(progress), paper_set_id: stored.setId, error_json: null, updated_at: now.toISOString() })
        .where('id', '=', id)
        .execute();
    });
  };

  return {
    /**
     * Store a new job row (deleting rows older than `BUILD_JOB_KEEP_MS`) and start the build after this
     * request; returns the job as first polled. Throws only if the row cannot be written.
     */
    async start(req: BuildRequest, actor: Actor): Promise<BuildJob> {
      const now = deps.now();
      const at = now.toISOString();
      const id = randomBytes(9).toString('base64url');
      const seed = req.seed ?? randomBytes(8).toString('hex');
      await db.deleteFrom('build_jobs').where('created_at', '<', new Date(now.getTime() - BUILD_JOB_KEEP_MS).toISOString()).execute();
      const row = await db
        .insertInto('build_jobs')
        .values({
          id,
          organization_id: actor.organizationId!,
          requested_by: actor.userId!,
          request_json: JSON.stringify({
            occupationId: req.occupation.id,
            occupationCode: req.occupation.code,
            level: req.level,
            component: req.component,
            forms: req.forms,
            maxOverlap: req.maxOverlap,
            maxExposure: req.maxExposure ?? null,
            seedGiven: req.seed !== undefined,
          }),
          seed,
          phase: 'queued',
          percent: PHASE_PERCENT.queued,
          progress_json: null,
          error_json: null,
          paper_set_id: null,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      // The build runs after this request has answered; it is registered at once so that stopping the
      // server waits for it (and a build stopped before its thread started fails the same way).
      const stopper = new AbortController();
      const entry: RunningBuild = {
        stopper,
        done: new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => {
            if (running.closing) throw new AssemblyStopped();
            return run(id, seed, req, actor, stopper.signal);
          })
          .catch(async (e: unknown) => {
            let error: NonNullable<BuildJob['error']>;
            if (e instanceof DomainError) {
              error = { code: e.code, message: e.message, details: e.details };
            } else {
              deps.log(e);
              error = { code: 'INTERNAL', message: '组卷时服务器内部错误，请稍后重试或联系管理员', details: {} };
            }
            try {
              await db
                .updateTable('build_jobs')
                .set({ phase: 'failed', percent: PHASE_PERCENT.failed, error_json: JSON.stringify(error), updated_at: deps.now().toISOString() })
                .where('id', '=', id)
                .execute();
            } catch (w) {
              // The row stays unfinished and reads as interrupted once stale.
              deps.log(w);
            }
          })
          .finally(() => running.builds.delete(entry)),
      };
      running.builds.add(entry);
      return jobFromRow(row, now);
    },
    /** The job `id` of `organizationId`, or undefined (unknown, another organization's, or deleted). */
    async get(id: string, organizationId: number | null): Promise<BuildJob | undefined> {
      if (organizationId === null) return undefined;
      const row = await db.selectFrom('build_jobs').selectAll().where('id', '=', id).where('organization_id', '=', organizationId).executeTakeFirst();
      return row && jobFromRow(row, deps.now());
    },
  };
}

export type BuildJobs = ReturnType<typeof createBuildJobs>;
