/**
 * `/api/bank/builds`, `/api/bank/paper-sets`, `/api/bank/papers`: build three parallel papers (a job the client
 * polls), compare the forms, print paper, answer key and quality report, and move each paper through its
 * lifecycle — approved by a second office user, released to a sitting, used, archived — with a 台账 row and an
 * audit row for every step.
 */
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/audit-trail';
import type { Actor } from '../../auth/actor';
import type { Database } from '../../db/schema';
import { paperQualityReportPdf, theoryAnswerKeyPdf, theoryPaperPdf } from '../../documents';
import { NotFound, StateConflict } from '../../errors';
import { actorOf, requireRole } from '../../http/auth-middleware';
import type { AppDeps, AppEnv } from '../../http/context';
import { validate } from '../../http/validate';
import { findBlueprint, specMaxMark, toBlueprint } from '../blueprint-store';
import type { BuildJobs } from '../build-jobs';
import { occupationFor, organizationName } from '../lookups';
import type { BlueprintNode } from '../../../question-bank';
import { paperStep, type StepOptions } from '../paper-actions';
import { addLedger, type PaperEvent } from '../paper-lifecycle';
import { listPaperSets, loadPaper, loadPaperSet, paperState } from '../paper-store';
import { paperItemRowsOrNull, qualityReportPrint, theoryPaperPrint } from '../print';
import { analysePaperSitting, applyAnalysis } from '../sitting-analysis';
import { idParam, analysisBody, analysisQuery, buildBody, jobParam, noteBody, releaseBody, scopeQuery } from '../schemas';
import { download } from './transfer-routes';
import { READERS } from './roles';

const PDF = 'application/pdf';

/** Build jobs: start and poll. */
export function buildRoutes(deps: AppDeps, jobs: BuildJobs) {
  return new Hono<AppEnv>()
    .post('/', requireRole('admin'), validate('json', buildBody), async (c) => {
      const b = c.req.valid('json');
      const occupation = await occupationFor(deps.db, b.occupationId, b.level);
      // Fail fast on what is missing, so the office is told before a job exists.
      if (!(await findBlueprint(deps.db, occupation.id, b.level, b.component))) throw new NotFound('鉴定要素细目表');
      const job = await jobs.start(
        {
          occupation,
          level: b.level,
          component: b.component,
          ...(b.seed !== undefined && { seed: b.seed }),
          forms: b.forms,
          maxOverlap: b.maxOverlap,
          ...(b.maxExposure !== undefined && { maxExposure: b.maxExposure }),
        },
        actorOf(c),
      );
      return c.json({ job }, 202);
    })
    .get('/:jobId', requireRole(...READERS), validate('param', jobParam), async (c) => {
      // Scoped to the caller's organization: another one's job is not found (existence not disclosed).
      const job = await jobs.get(c.req.valid('param').jobId, actorOf(c).organizationId);
      if (!job) throw new NotFound('组卷任务', c.req.valid('param').jobId);
      return c.json({ job });
    });
}

/** Paper sets: list, detail (the comparison of forms), quality report PDF. */
export function paperSetRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/', requireRole(...READERS), validate('query', scopeQuery), async (c) => {
      const q = c.req.valid('query');
      const sets = await listPaperSets(db, {
        ...(q.occupationId !== undefined && { occupationId: q.occupationId }),
        ...(q.level !== undefined && { level: q.level }),
        limit: 100,
      });
      return c.json({ paperSets: sets });
    })
    .get('/:id', requireRole(...READERS), validate('param', idParam), async (c) => {
      const set = await loadPaperSet(db, c.req.valid('param').id);
      const bpRow = await findBlueprint(db, set.occupationId, set.level, set.component);
      // Every 鉴定范围 (not the 鉴定点), top-down, with its full code as `rangeMarks` keys it.
      const ranges: { code: string; name: string; weight: number; depth: number }[] = [];
      const walk = (nodes: BlueprintNode[], prefix: string, depth: number) => {
        for (const n of nodes) {
          if (!n.children || n.children.length === 0) continue;
          const code = prefix ? `${prefix}-${n.code}` : n.code;
          ranges.push({ code, name: n.name, weight: n.weight, depth });
          walk(n.children, code, depth + 1);
        }
      };
      if (bpRow) walk(toBlueprint(bpRow, set.occupationCode).ranges, '', 0);
      return c.json({ paperSet: set, ranges });
    })
    .get('/:id/quality-report', requireRole(...READERS), validate('param', idParam), async (c) => {
      const set = await loadPaperSet(db, c.req.valid('param').id);
      const occ = await occupationFor(db, set.occupationId);
      const bpRow = await findBlueprint(db, set.occupationId, set.level, set.component);
      const first = set.papers[0] ? (await loadPaper(db, set.papers[0].id)).content : null;
      const maxMark = first ? specMaxMark(first.spec) : 100;
      const print = qualityReportPrint(set, bpRow ? toBlueprint(bpRow, occ.code) : null, occ, maxMark);
      const pdf = await paperQualityReportPdf(print, { organization: await organizationName(db, actorOf(c).organizationId), createdAt: deps.now() });
      return download(c, pdf, `${occ.name}-${set.level}级-组卷质量报告-${set.id}.pdf`, PDF);
    });
}

async function paperView(db: Kysely<Database>, id: number) {
  const { paper, set, content } = await loadPaper(db, id);
  const occ = await occupationFor(db, set.occupation_id);
  const rows = await paperItemRowsOrNull(db, content);
  const ledger = await ledgerRows(db, { paperId: id, limit: 200 });
  return {
    paper: { ...paperState(paper), occupationId: occ.id, occupationCode: occ.code, occupationName: occ.name, level: set.level, component: set.component, builtBy: set.created_by, createdAt: paper.created_at },
    spec: content.spec,
    items: rows.map(({ pin, row }, i) => ({
      no: i + 1,
      itemId: pin.itemId,
      version: pin.version,
      rowId: row?.id ?? null,
      type: pin.type,
      pointCode: pin.pointCode,
      marks: pin.marks,
      key: pin.key,
      stem: row?.stem ?? '（题库中没有这道试题的这个版本）',
      options: row ? (JSON.parse(row.options_json) as { label: string; text: string }[]) : pin.optionLabels.map((label) => ({ label, text: '' })),
      reference: row?.reference ?? null,
      difficulty: row?.difficulty ?? null,
      discrimination: row?.discrimination ?? null,
    })),
    ledger,
  };
}

/** One 台账 row as the ledger page shows it. */
export interface LedgerRow {
  id: number;
  at: string;
  event: string;
  paperId: number;
  form: string;
  paperSetId: number;
  occupationName: string;
  level: number;
  sittingId: number | null;
  sittingDate: string | null;
  batchName: string | null;
  actorName: string | null;
  note: string;
}

/** 台账 rows, newest first, filtered by paper or occupation × level. */
export async function ledgerRows(db: Kysely<Database>, f: { paperId?: number; occupationId?: number; level?: number; limit: number }): Promise<LedgerRow[]> {
  let q = db
    .selectFrom('paper_ledger as l')
    .innerJoin('papers as p', 'p.id', 'l.paper_id')
    .innerJoin('paper_sets as s', 's.id', 'p.paper_set_id')
    .innerJoin('occupations as o', 'o.id', 's.occupation_id')
    .leftJoin('users as u', 'u.id', 'l.actor_id')
    .leftJoin('sittings as st', 'st.id', 'l.sitting_id')
    .leftJoin('batches as b', 'b.id', 'st.batch_id')
    .select([
      'l.id',
      'l.at',
      'l.event',
      'l.paper_id',
      'p.form',
      'p.paper_set_id',
      'o.name as occupation_name',
      's.level',
      'l.sitting_id',
      'st.date as sitting_date',
      'b.name as batch_name',
      'u.display_name as actor_name',
      'l.note',
    ]);
  if (f.paperId !== undefined) q = q.where('l.paper_id', '=', f.paperId);
  if (f.occupationId !== undefined) q = q.where('s.occupation_id', '=', f.occupationId);
  if (f.level !== undefined) q = q.where('s.level', '=', f.level);
  const rows = await q.orderBy('l.id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    event: r.event,
    paperId: r.paper_id,
    form: r.form,
    paperSetId: r.paper_set_id,
    occupationName: r.occupation_name,
    level: r.level,
    sittingId: r.sitting_id,
    sittingDate: r.sitting_date ?? null,
    batchName: r.batch_name ?? null,
    actorName: r.actor_name ?? null,
    note: r.note,
  }));
}

/** Papers: view, print, lifecycle, item analysis. */
export function paperRoutes(deps: AppDeps) {
  const { db } = deps;

  const step = (actor: Actor, id: number, event: PaperEvent, opts: StepOptions = {}) =>
    db.transaction().execute((trx) => paperStep(trx, actor, deps.now(), id, event, opts));

  const printed = async (actor: Actor, id: number, what: string) => {
    const now = deps.now();
    await db.transaction().execute(async (trx) => {
      await addLedger(trx, { paperId: id, event: 'printed', actorId: actor.userId, note: what, at: now.toISOString() });
      await recordAudit(trx, actor, { action: 'paper.print', objectType: 'paper', objectId: id, after: { document: what } }, now);
    });
  };

  const printable = async (id: number) => {
    const { set, content } = await loadPaper(db, id);
    const occ = await occupationFor(db, set.occupation_id);
    return { occ, print: await theoryPaperPrint(db, content, occ, set.id) };
  };

  return new Hono<AppEnv>()
    .get('/:id', requireRole(...READERS), validate('param', idParam), async (c) => c.json(await paperView(db, c.req.valid('param').id)))
    .get('/:id/pdf', requireRole(...READERS), validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const id = c.req.valid('param').id;
      const { occ, print } = await printable(id);
      const pdf = await theoryPaperPdf(print, { organization: await organizationName(db, actor.organizationId), createdAt: deps.now() });
      await printed(actor, id, '试卷');
      return download(c, pdf, `${occ.name}-${print.level}级-理论知识试卷-${print.form}卷.pdf`, PDF);
    })
    .get('/:id/answer-key', requireRole(...READERS), validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const id = c.req.valid('param').id;
      const { occ, print } = await printable(id);
      const pdf = await theoryAnswerKeyPdf(print, { organization: await organizationName(db, actor.organizationId), createdAt: deps.now() });
      await printed(actor, id, '标准答案');
      return download(c, pdf, `${occ.name}-${print.level}级-标准答案-${print.form}卷.pdf`, PDF);
    })
    .post('/:id/approve', requireRole('admin'), validate('param', idParam), async (c) => {
      const r = await step(actorOf(c), c.req.valid('param').id, 'approve');
      return c.json({ paper: paperState(r) });
    })
    .post('/:id/release', requireRole('admin'), validate('param', idParam), validate('json', releaseBody), async (c) => {
      const { sittingId, note } = c.req.valid('json');
      const r = await step(actorOf(c), c.req.valid('param').id, 'release', { sittingId, note });
      return c.json({ paper: paperState(r) });
    })
    .post('/:id/use', requireRole('admin'), validate('param', idParam), validate('json', noteBody), async (c) => {
      const r = await step(actorOf(c), c.req.valid('param').id, 'use', { note: c.req.valid('json').note });
      return c.json({ paper: paperState(r) });
    })
    .post('/:id/archive', requireRole('admin'), validate('param', idParam), validate('json', noteBody), async (c) => {
      const r = await step(actorOf(c), c.req.valid('param').id, 'archive', { note: c.req.valid('json').note });
      return c.json({ paper: paperState(r) });
    })
    .get('/:id/analysis', requireRole(...READERS), validate('param', idParam), validate('query', analysisQuery), async (c) => {
      const id = c.req.valid('param').id;
      const { content } = await loadPaper(db, id);
      const analysis = await analysePaperSitting(db, id, content, c.req.valid('query').sittingId);
      return c.json({ analysis, applied: await analysisApplied(db, id, c.req.valid('query').sittingId) });
    })
    .post('/:id/analysis', requireRole('admin'), validate('param', idParam), validate('json', analysisBody), async (c) => {
      const actor = actorOf(c);
      const id = c.req.valid('param').id;
      const { sittingId } = c.req.valid('json');
      const { set, content } = await loadPaper(db, id);
      const occ = await occupationFor(db, set.occupation_id);
      if (await analysisApplied(db, id, sittingId)) {
        throw new StateConflict('ANALYSIS_APPLIED', '该场次的试题分析已计入题库，不能重复计入');
      }
      const analysis = await analysePaperSitting(db, id, content, sittingId);
      const now = deps.now();
      const changes = await db.transaction().execute(async (trx) => {
        const ch = await applyAnalysis(trx, content, analysis, occ.code);
        await addLedger(trx, { paperId: id, event: 'analysed', sittingId, actorId: actor.userId, note: `${analysis.candidates} 人，KR-20 ${analysis.kr20 === null ? '—' : analysis.kr20.toFixed(3)}`, at: now.toISOString() });
        await recordAudit(trx, actor, { action: 'paper.analyse', objectType: 'paper', objectId: id, after: { sittingId, candidates: analysis.candidates, kr20: analysis.kr20, items: ch } }, now);
        return ch;
      });
      return c.json({ analysis, updated: changes.length });
    });
}

async function analysisApplied(db: Kysely<Database>, paperId: number, sittingId: number): Promise<boolean> {
  const row = await db.selectFrom('paper_ledger').select('id').where('paper_id', '=', paperId).where('sitting_id', '=', sittingId).where('event', '=', 'analysed').executeTakeFirst();
  return row !== undefined;
}
