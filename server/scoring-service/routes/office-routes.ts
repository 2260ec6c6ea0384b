/**
 * `/api/scoring/…` for the exam office (writes) and the quality supervisor (reads): the batch scoring
 * plan, scoring sheets, derived theory marks, marking progress, 缺考/违纪 records, substitute marks,
 * results, regrading after a key correction, publicity and objections, certificates, reports, statistics.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import {
  componentName,
  levelName,
  maskIdNumber,
  requiredComponents,
  resultStatusName,
  retakePlan,
  type ScoringSheet,
} from '../../../scoring';
import type { Component, Level } from '../../../question-bank/types';
import { recordAudit } from '../../audit/audit-trail';
import { scoringSheetsPdf, type ScoringSheetPrint } from '../../documents';
import { NotFound, StateConflict, ValidationFailed } from '../../errors';
import { actorOf, requireRole } from '../../http/auth-middleware';
import type { AppDeps, AppEnv } from '../../http/context';
import { validate } from '../../http/validate';
import { writeXlsx } from '../../documents';
import { chinaDate, loadBatch, loadCandidate, parseJson } from '../common';
import { issueCertificates, batchCertificates, certificatesPdfOf, revokeCertificate } from '../certificate-service';
import { batchGroups } from '../examiner-groups';
import { batchOutcomes, outcomeBody, recordOutcome, removeOutcome } from '../outcome-service';
import { groupState, statusOf } from '../practical-service';
import { closePublicityOf, loadPublicity, publicityView, publishResults, resolveObjectionById } from '../publicity-service';
import { applyRegrade, previewRegrade, regradeBody } from '../regrade-service';
import { rosterXlsx, statistics, summaryPdf, summaryXlsx } from '../reports-service';
import { batchResults, batchSittingDate, computeResults, pastResults, storeResults } from '../results-service';
import { checkScoringPlan, policyOf, scoringPlanBody, scoringPlanOf, withScoringPlan, type ScoringPlan } from '../scoring-plan';
import { assertSheetUnused, loadSheet, sheetBody, sheetFromBody, sheetView } from '../sheet-store';
import { batchSourceRows, readSourceImport, recordSourceMarks, sourceEntryBody, SOURCE_IMPORT_COLUMNS } from '../source-marks';
import { subjectiveOverview } from '../subjective-service';
import { theoryOutcomes } from '../theory-marks';
import { batchCandidateParam, candidateOutcomeParam, download, idParam, OFFICE, OFFICE_READERS, PDF, XLSX } from './http-helpers';
import { markedComponent } from '../../exam-admin/common';

const sheetQuery = z.object({ occupationId: z.coerce.number().int().positive().max(2_147_483_647).optional(), level: z.coerce.number().int().min(1).max(5).optional() });
const componentQuery = z.object({ component: markedComponent.default('practical') });
const computeBody = z.object({ candidateIds: z.array(z.number().int().positive().max(2_147_483_647)).max(10_000).optional() });
const resolveBody = z.object({ outcome: z.enum(['upheld', 'rejected'], { message: '请选择复核结论：成立 或 不成立' }), note: z.string().trim().min(2, '请写明复核情况').max(1000) });
const issueBody = z.object({ candidateIds: z.array(z.number().int().positive().max(2_147_483_647)).max(10_000).optional() });
const revokeBody = z.object({ reason: z.string().trim().min(4, '请写明注销原因（至少 4 个字）').max(500) });
const statsQuery = z.object({ batchId: z.coerce.number().int().positive().max(2_147_483_647).optional() });

/** Batch-level routes: `/scoring/batches/…`. */
export function officeBatchRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/', requireRole(...OFFICE_READERS), async (c) => {
      const actor = actorOf(c);
      const batches = await db.selectFrom('batches').selectAll().where('organization_id', '=', actor.organizationId!).orderBy('id', 'desc').execute();
      const out = [];
      for (const b of batches) {
        const counts = await db.selectFrom('results').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('batch_id', '=', b.id).groupBy('status').execute();
        const candidates = await db.selectFrom('candidates').select((eb) => eb.fn.countAll<number>().as('n')).where('batch_id', '=', b.id).where('status', '!=', 'ineligible').executeTakeFirst();
        const pub = await loadPublicity(db, b.id);
        const certs = await db.selectFrom('certificates').innerJoin('candidates', 'candidates.id', 'certificates.candidate_id').select((eb) => eb.fn.countAll<number>().as('n')).where('candidates.batch_id', '=', b.id).where('certificates.status', '=', 'issued').executeTakeFirst();
        out.push({
          id: b.id, code: b.code, name: b.name, status: b.status, candidates: Number(candidates?.n ?? 0),
          results: Object.fromEntries(counts.map((r) => [r.status, Number(r.n)])),
          publicity: pub ? { startedOn: pub.row.started_on, endsOn: pub.row.ends_on, status: pub.row.status, openObjections: pub.objections.filter((o) => o.status === 'open').length } : null,
          certificates: Number(certs?.n ?? 0),
        });
      }
      return c.json({ batches: out });
    })
    .get('/:id/plan', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const entries = await db
        .selectFrom('batch_entries')
        .innerJoin('occupations', 'occupations.id', 'batch_entries.occupation_id')
        .select(['batch_entries.occupation_id', 'batch_entries.level', 'batch_entries.components_json', 'occupations.name', 'occupations.code', 'occupations.work_type'])
        .where('batch_entries.batch_id', '=', batch.id)
        .execute();
      const plan = scoringPlanOf(batch);
      return c.json({
        plan,
        policy: policyOf(plan),
        entries: entries.map((e) => ({ occupationId: e.occupation_id, level: e.level, code: e.code, name: e.name, workType: e.work_type || null, components: parseJson<string[]>(e.components_json, []), levelName: levelName(e.level as Level) })),
      });
    })
    .put('/:id/plan', requireRole(...OFFICE), validate('param', idParam), validate('json', scoringPlanBody), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      if (await loadPublicity(db, batch.id)) throw new StateConflict('RESULTS_PUBLISHED', '本批次成绩已公示，评分方案不能再修改');
      const b = c.req.valid('json');
      const plan: ScoringPlan = { sources: b.sources, sheets: b.sheets, policy: b.policy as ScoringPlan['policy'], approvedBy: actor.userId, approvedAt: deps.now().toISOString() };
      checkScoringPlan(plan);
      for (const s of plan.sheets) {
        const row = await loadSheet(db, s.sheetId);
        if (row.occupation_id !== s.occupationId || row.level !== s.level || row.component !== s.component) throw new ValidationFailed([{ field: 'sheets', problem: `评分记录表 ${s.sheetId} 不属于所选职业、等级和科目` }]);
      }
      const before = scoringPlanOf(batch);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('batches').set({ plan_json: withScoringPlan(batch, plan), updated_at: deps.now().toISOString() }).where('id', '=', batch.id).execute();
        await recordAudit(trx, actor, { action: 'scoring.plan', objectType: 'batch', objectId: batch.id, before, after: plan }, deps.now());
      });
      return c.json({ plan, policy: policyOf(plan) });
    })
    .get('/:id/theory', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const policy = policyOf(scoringPlanOf(batch));
      const outcomes = await theoryOutcomes(db, batch.id, policy.subjective);
      const cands = await db.selectFrom('candidates').select(['id', 'name', 'components_json']).where('batch_id', '=', batch.id).where('status', '!=', 'ineligible').orderBy('id').execute();
      return c.json({
        attempts: cands
          .filter((x) => parseJson<string[]>(x.components_json, []).includes('theory'))
          .map((x) => {
            const o = outcomes.get(x.id);
            const base = { candidateId: x.id, name: x.name, attemptId: o?.attempt?.attemptId ?? null, paperId: o?.attempt?.paperId ?? null };
            if (!o) return { ...base, state: 'absent', label: '缺考（无作答记录）', total: null, maxTotal: null, counts: null, pending: 0 };
            switch (o.kind) {
              case 'absent':
                return { ...base, state: 'absent', label: '缺考（未开考）', total: null, maxTotal: null, counts: null, pending: 0 };
              case 'violation':
                return { ...base, state: 'violation', label: `违纪：${o.category}`, total: null, maxTotal: null, counts: null, pending: 0 };
              case 'open':
                return { ...base, state: 'open', label: '未交卷', total: null, maxTotal: null, counts: null, pending: 0 };
              case 'marked':
                return { ...base, state: o.marking.status, label: o.marking.status === 'complete' ? '已评分' : `${o.marking.pendingItems.length} 道主观题待评`, total: o.marking.total, maxTotal: o.marking.maxTotal, counts: o.marking.counts, pending: o.marking.pendingItems.length };
              default: {
                const never: never = o;
                return never;
              }
            }
          }),
      });
    })
    .get('/:id/subjective', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      return c.json({ overview: await subjectiveOverview(db, batch.id, policyOf(scoringPlanOf(batch)).subjective, deps.config.sessionSecret) });
    })
    .get('/:id/practical', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const plan = scoringPlanOf(batch);
      const policy = policyOf(plan);
      const groups = await batchGroups(db, batch.id);
      const cands = await db.selectFrom('candidates').selectAll().where('batch_id', '=', batch.id).where('status', '!=', 'ineligible').orderBy('id').execute();
      const rows = [];
      for (const x of cands) {
        for (const comp of parseJson<Component[]>(x.components_json, []).filter((k) => k !== 'theory')) {
          const st = await groupState(db, plan, policy.practical, x, comp);
          rows.push({
            candidateId: x.id, name: x.name, component: comp, componentName: componentName(comp), group: st.group?.name ?? null,
            sheets: st.kept.map((k) => ({ examinerName: k.examinerName, role: k.role, total: k.score.total, ruleFailures: k.score.ruleFailures, submittedAt: k.submittedAt })),
            ...statusOf(st),
          });
        }
      }
      return c.json({ groups: groups.map((g) => ({ sittingId: g.sittingId, component: g.component, name: g.name, members: g.members, candidates: g.candidateIds.length })), rows });
    })
    .get('/:id/candidates/:candidateId/sheets.pdf', requireRole(...OFFICE_READERS), validate('param', batchCandidateParam), validate('query', componentQuery), async (c) => {
      const actor = actorOf(c);
      const { id, candidateId } = c.req.valid('param');
      const batch = await loadBatch(db, actor, id);
      const cand = await loadCandidate(db, actor, candidateId);
      if (cand.batch_id !== batch.id) throw new NotFound('考生', candidateId);
      const component = c.req.valid('query').component;
      const plan = scoringPlanOf(batch);
      const st = await groupState(db, plan, policyOf(plan).practical, cand, component);
      if (!st.sheet || st.kept.length === 0) throw new NotFound('已提交的评分记录表');
      const sheet = parseJson<ScoringSheet>(st.sheet.sheet_json, null as unknown as ScoringSheet);
      const occ = await db.selectFrom('occupations').select(['name', 'work_type']).where('id', '=', cand.occupation_id).executeTakeFirstOrThrow();
      const code = await candidateCode(db, cand.id);
      const prints: ScoringSheetPrint[] = st.kept.map((k) => ({
        occupationName: occ.name,
        workType: occ.work_type || null,
        level: cand.level as Level,
        taskTitle: `${sheet.taskId} ${sheet.title}`,
        candidateCode: code,
        date: st.group?.sittingDate ?? chinaDate(new Date(k.submittedAt)),
        rows: sheet.rows.map((r) => {
          const s = k.score.rows.find((x) => x.rowId === r.id);
          return {
            content: r.content + (r.veto ? (r.veto === 'whole' ? '（否决项：整体）' : '（否决项）') : ''),
            marks: r.maxMarks,
            criteria: r.deductionRules.map((d) => `${d.text}，扣${d.points}分`).join('；'),
            deduction: s ? s.deducted : null,
            score: s ? s.score : null,
            veto: !!r.star,
          };
        }),
        total: k.score.total,
        vetoNote: k.score.ruleFailures.length ? ruleFailureText(k.score.ruleFailures) : null,
        examinerName: k.role === 'leader' ? `${k.examinerName} 组长裁定` : k.examinerName,
      }));
      const org = await db.selectFrom('organizations').select('name').where('id', '=', batch.organization_id).executeTakeFirstOrThrow();
      return download(c, await scoringSheetsPdf(prints, { organization: org.name, createdAt: deps.now() }), `评分记录表-${code}-${componentName(component)}.pdf`, PDF, true);
    })
    .get('/:id/outcomes', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      return c.json({ outcomes: await batchOutcomes(db, batch.id) });
    })
    .get('/:id/source-marks', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      return c.json({ marks: await batchSourceRows(db, batch.id) });
    })
    .post('/:id/source-marks', requireRole(...OFFICE), validate('param', idParam), validate('json', sourceEntryBody), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      const n = await recordSourceMarks(db, actor, batch.id, c.req.valid('json').entries, { method: 'manual' }, deps.now());
      return c.json({ recorded: n });
    })
    .post('/:id/source-marks/import', requireRole(...OFFICE), validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File)) throw new ValidationFailed([{ field: 'file', problem: '请选择要导入的 Excel 文件（.xlsx）' }]);
      const entries = await readSourceImport(db, batch.id, new Uint8Array(await file.arrayBuffer()));
      const n = await recordSourceMarks(db, actor, batch.id, entries, { method: 'import', file: file.name }, deps.now());
      return c.json({ recorded: n });
    })
    .post('/:id/results/compute', requireRole(...OFFICE), validate('param', idParam), validate('json', computeBody), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      const ids = c.req.valid('json').candidateIds;
      const pub = await loadPublicity(db, batch.id);
      if (pub) {
        // After publishing, only a candidate whose objection is being reviewed may be recomputed (复核).
        if (pub.row.status === 'closed') throw new StateConflict('PUBLICITY_CLOSED', '本批次公示已结束，认定结果不能再变更');
        if (!ids || ids.length === 0 || ids.some((id) => !pub.objections.some((o) => o.candidate_id === id))) {
          throw new StateConflict('RESULTS_PUBLISHED', '成绩已公示：只能为提出异议的考生复核后重新计算结果');
        }
      }
      const comps = await computeResults(db, batch, deps.now(), ids);
      const stored = await db.transaction().execute((trx) => storeResults(trx, actor, batch, comps, deps.now(), pub ? 'objection-review' : 'compute'));
      return c.json({
        ...stored,
        pending: comps.filter((x) => !x.result).map((x) => ({ candidateId: x.candidateId, name: x.name, problems: x.problems })),
      });
    })
    .get('/:id/results', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const rows = await batchResults(db, batch.id);
      return c.json({
        batch: { id: batch.id, name: batch.name, status: batch.status },
        results: rows.map((r) => ({ ...r, idNumber: maskIdNumber(r.idNumber), statusName: r.status ? resultStatusName(r.status) : '未计算', levelName: levelName(r.level) })),
      });
    })
    .post('/:id/publicity', requireRole(...OFFICE), validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      return c.json(await publishResults(db, actor, batch, deps.now()));
    })
    .get('/:id/publicity', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      return c.json({ publicity: await publicityView(db, batch.id, deps.now()) });
    })
    .post('/:id/publicity/close', requireRole(...OFFICE), validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      await closePublicityOf(db, actor, batch, deps.now());
      return c.json({ publicity: await publicityView(db, batch.id, deps.now()) });
    })
    .post('/:id/certificates', requireRole(...OFFICE), validate('param', idParam), validate('json', issueBody), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      return c.json(await issueCertificates(db, actor, batch, c.req.valid('json').candidateIds, deps.now()));
    })
    .get('/:id/certificates', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      return c.json({ certificates: await batchCertificates(db, batch.id) });
    })
    .get('/:id/certificates.pdf', requireRole(...OFFICE), validate('param', idParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const ids = (await batchCertificates(db, batch.id)).filter((x) => x.status === 'issued').map((x) => x.id);
      return download(c, await certificatesPdfOf(db, deps.config, ids, deps.now()), `职业技能等级证书-${batch.code}.pdf`, PDF, true);
    })
    .get('/:id/roster.xlsx', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const { bytes } = await rosterXlsx(db, batch);
      return download(c, bytes, `合格人员花名册-${batch.code}.xlsx`, XLSX);
    })
    .get('/:id/summary.xlsx', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      return download(c, await summaryXlsx(db, batch, deps.now()), `认定结果汇总表-${batch.code}.xlsx`, XLSX);
    })
    .get('/:id/summary.pdf', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      return download(c, await summaryPdf(db, batch, deps.now(), actor.name), `认定结果汇总表-${batch.code}.pdf`, PDF, true);
    });
}

/** Routes on one candidate: `/scoring/candidates/…`. */
export function officeCandidateRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .put('/:id/outcomes', requireRole(...OFFICE), validate('param', idParam), validate('json', outcomeBody), async (c) => {
      const actor = actorOf(c);
      const cand = await loadCandidate(db, actor, c.req.valid('param').id);
      await recordOutcome(db, actor, cand, c.req.valid('json'), deps.now());
      return c.json({ outcomes: await batchOutcomes(db, cand.batch_id) });
    })
    .delete('/:id/outcomes/:component', requireRole(...OFFICE), validate('param', candidateOutcomeParam), async (c) => {
      const actor = actorOf(c);
      const { id, component } = c.req.valid('param');
      const cand = await loadCandidate(db, actor, id);
      await removeOutcome(db, actor, cand, component, deps.now());
      return c.json({ outcomes: await batchOutcomes(db, cand.batch_id) });
    })
    .get('/:id/retake', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const cand = await loadCandidate(db, actor, c.req.valid('param').id);
      const batch = await loadBatch(db, actor, cand.batch_id);
      const today = chinaDate(deps.now());
      // Every result of this person for this occupation and level, this batch's included (id -1 excludes none).
      const past = await pastResults(db, { ...batch, id: -1 }, cand, today);
      const plan = retakePlan(past, today, { level: cand.level as Level, windowMonths: policyOf(scoringPlanOf(batch)).retakeWindowMonths });
      return c.json({ required: requiredComponents(cand.level as Level), ...plan, sittingDate: await batchSittingDate(db, batch.id, today) });
    });
}

/** Scoring sheet definitions: `/scoring/sheets`. */
export function sheetRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/', requireRole(...OFFICE_READERS), validate('query', sheetQuery), async (c) => {
      const q = c.req.valid('query');
      let sel = db.selectFrom('scoring_sheets').selectAll().orderBy('id');
      if (q.occupationId) sel = sel.where('occupation_id', '=', q.occupationId);
      if (q.level) sel = sel.where('level', '=', q.level);
      const rows = await sel.execute();
      const views = [];
      for (const r of rows) views.push(await sheetView(db, r));
      return c.json({ sheets: views });
    })
    .post('/', requireRole(...OFFICE), validate('json', sheetBody), async (c) => {
      const actor = actorOf(c);
      const b = c.req.valid('json');
      const sheet = await sheetFromBody(db, b);
      const dup = await db.selectFrom('scoring_sheets').select('id').where('occupation_id', '=', b.occupationId).where('level', '=', b.level).where('component', '=', b.component).where('task', '=', b.taskId).executeTakeFirst();
      if (dup) throw new StateConflict('SHEET_EXISTS', `该职业等级已有试题编号为 ${b.taskId} 的评分记录表`);
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('scoring_sheets')
          .values({ occupation_id: b.occupationId, level: b.level, component: b.component, task: b.taskId, sheet_json: JSON.stringify(sheet), created_at: deps.now().toISOString() })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'scoring.sheet-create', objectType: 'scoring_sheet', objectId: r.id, after: { component: b.component, sheet } }, deps.now());
        return r;
      });
      return c.json({ sheet: await sheetView(db, row) }, 201);
    })
    .get('/:id', requireRole(...OFFICE_READERS), validate('param', idParam), async (c) => {
      return c.json({ sheet: await sheetView(db, await loadSheet(db, c.req.valid('param').id)) });
    })
    .put('/:id', requireRole(...OFFICE), validate('param', idParam), validate('json', sheetBody), async (c) => {
      const actor = actorOf(c);
      const before = await loadSheet(db, c.req.valid('param').id);
      await assertSheetUnused(db, before.id);
      const b = c.req.valid('json');
      const sheet = await sheetFromBody(db, b);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('scoring_sheets').set({ occupation_id: b.occupationId, level: b.level, component: b.component, task: b.taskId, sheet_json: JSON.stringify(sheet) }).where('id', '=', before.id).execute();
        await recordAudit(trx, actor, { action: 'scoring.sheet-update', objectType: 'scoring_sheet', objectId: before.id, before: JSON.parse(before.sheet_json), after: sheet }, deps.now());
      });
      return c.json({ sheet: await sheetView(db, await loadSheet(db, before.id)) });
    })
    .delete('/:id', requireRole(...OFFICE), validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const before = await loadSheet(db, c.req.valid('param').id);
      await assertSheetUnused(db, before.id);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('scoring_sheets').where('id', '=', before.id).execute();
        await recordAudit(trx, actor, { action: 'scoring.sheet-delete', objectType: 'scoring_sheet', objectId: before.id, before: JSON.parse(before.sheet_json) }, deps.now());
      });
      return c.json({ ok: true });
    });
}

/** Everything else of the office: objections, certificates, regrading, statistics, templates. */
export function officeMiscRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .post('/objections/:id/resolve', requireRole(...OFFICE), validate('param', idParam), validate('json', resolveBody), async (c) => {
      const actor = actorOf(c);
      await resolveObjectionById(db, actor, c.req.valid('param').id, c.req.valid('json'), deps.now());
      return c.json({ ok: true });
    })
    .get('/certificates/:id/pdf', requireRole(...OFFICE), validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const cert = await db.selectFrom('certificates').select(['id', 'number', 'organization_id']).where('id', '=', c.req.valid('param').id).executeTakeFirst();
      if (!cert || cert.organization_id !== actor.organizationId) throw new NotFound('证书', c.req.valid('param').id);
      return download(c, await certificatesPdfOf(db, deps.config, [cert.id], deps.now()), `职业技能等级证书-${cert.number}.pdf`, PDF, true);
    })
    .post('/certificates/:id/revoke', requireRole(...OFFICE), validate('param', idParam), validate('json', revokeBody), async (c) => {
      await revokeCertificate(db, actorOf(c), c.req.valid('param').id, c.req.valid('json').reason, deps.now());
      return c.json({ ok: true });
    })
    .post('/regrade/preview', requireRole(...OFFICE), validate('json', regradeBody), async (c) => {
      const p = await previewRegrade(db, actorOf(c).organizationId!, c.req.valid('json').corrections);
      return c.json({ changed: p.changed, unchangedCount: p.unchangedCount, papers: p.papers, fingerprint: p.fingerprint, locked: p.locked, oldKeys: p.oldKeys });
    })
    .post('/regrade/apply', requireRole(...OFFICE), validate('json', regradeBody), async (c) => {
      const b = c.req.valid('json');
      const p = await applyRegrade(db, actorOf(c), b.corrections, b.expect, deps.now());
      return c.json({ applied: true, changed: p.changed, unchangedCount: p.unchangedCount });
    })
    .get('/statistics', requireRole(...OFFICE_READERS), validate('query', statsQuery), async (c) => {
      const actor = actorOf(c);
      const q = c.req.valid('query');
      if (q.batchId) await loadBatch(db, actor, q.batchId);
      return c.json(await statistics(db, actor.organizationId!, q.batchId ?? null));
    })
    .get('/source-marks/template.xlsx', requireRole(...OFFICE), async (c) => {
      const bytes = await writeXlsx([{ name: '成绩', header: [...SOURCE_IMPORT_COLUMNS], rows: [['110105199003071239', '黄小明', '理论知识考试', '结课成绩', 86, '2025-2026学年第一学期期末考试']] }], { organization: '', createdAt: deps.now() });
      return download(c, bytes, '替代成绩导入模板.xlsx', XLSX);
    });
}

/** 考生编号 shown to examiners and printed on scoring sheets: the admission ticket number, not the name. */
export async function candidateCode(db: AppDeps['db'], candidateId: number): Promise<string> {
  const seat = await db.selectFrom('seat_assignments').select('ticket_no').where('candidate_id', '=', candidateId).orderBy('id').executeTakeFirst();
  return seat?.ticket_no ?? `K${String(candidateId).padStart(6, '0')}`;
}

function ruleFailureText(f: readonly string[]): string {
  const names: Record<string, string> = { wholeVeto: '触发整体否决项', star: '★项未达到要求', safety: '违反安全操作规程' };
  return `${f.map((x) => names[x] ?? x).join('、')}，技能操作考核不合格`;
}

