/**
 * 考生 routes: register one by one (field-level Chinese errors), import the xlsx template all or nothing,
 * photos, and the list with filters that shows who is not eligible or has a wrong ID number.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-trail';
import type { Actor } from '../auth/actor';
import { NotFound, StateConflict, ValidationFailed } from '../errors';
import { actorOf, requireRole } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { validate } from '../http/validate';
import { candidateImportTemplateXlsx } from '../documents';
import { assertBatchOpen, assertPracticalScoringNotStarted, batchParam, chinaDate, loadBatch, loadOrganization, type BatchRow, type Db } from './common';
import { decideEligibility, eligibilityFactsBody, storedVerdict, type ExtraFacts } from './candidate-eligibility';
import { readCandidateFile } from './candidate-import';
import { candidateDecisionRoutes } from './candidate-decisions';
import { candidatePhotoBatchRoutes } from './candidate-photo-batch';
import {
  CANDIDATE_COLUMNS_NO_PHOTO,
  candidateContext,
  occupationRowOf,
  publicCandidate,
  seatsOf,
  showCandidate,
  type CandidateListRow,
} from './candidate-records';
import { batchSittings } from './batch-view';
import { checkPhoto, educationLabel, validateCandidate, type CandidateRecord } from './rules';

const cell = z.union([z.string(), z.number()]).nullable().optional();
const candidateBody = z.object({
  name: cell,
  gender: cell,
  idType: cell,
  idNumber: cell,
  birthDate: cell,
  education: cell,
  workUnit: cell,
  workYears: cell,
  /** The occupation row (职业 + 工种) applied for; alternatively `occupationCode` + `workType`. */
  occupationId: z.number().int().positive().max(2_147_483_647).optional(),
  occupationCode: cell,
  workType: cell,
  level: cell,
  eligibilityBasis: cell,
  eligibility: eligibilityFactsBody.optional(),
});
const candidateParam = batchParam.extend({ candidateId: z.coerce.number().int().positive().max(2_147_483_647) });
const listQuery = z.object({
  occupationId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  level: z.coerce.number().int().min(1).max(5).optional(),
  /** `ineligible`: not eligible; `idProblem`: ID number fails its check; `noPhoto`; `unseated`. */
  flag: z.enum(['ineligible', 'idProblem', 'noPhoto', 'unseated']).optional(),
  q: z.string().trim().max(50).optional(),
});

const PHOTO_MIME = { jpeg: 'image/jpeg', png: 'image/png' } as const;

/** The date eligibility is judged on: the first sitting, or today while there is none. */
async function eligibilityDate(db: Db, batch: BatchRow, now: Date): Promise<string> {
  const first = (await batchSittings(db, batch.id)).map((s) => s.date).sort()[0];
  return first ?? chinaDate(now);
}

function rowValues(record: CandidateRecord, occupationId: number, batchId: number, components: string, elig: ReturnType<typeof decideEligibility>, at: string) {
  return {
    batch_id: batchId,
    occupation_id: occupationId,
    level: record.level,
    name: record.name,
    gender: record.gender,
    id_type: record.idType,
    id_number: record.idNumber,
    birth_date: record.birthDate,
    education: educationLabel(record.education),
    work_unit: record.workUnit,
    work_years: record.workYears,
    eligibility_json: JSON.stringify(elig),
    components_json: components,
    ...storedVerdict(elig),
    created_at: at,
  };
}

/** Turn the form body into the rules' input (the occupation row chosen by id gives code and 工种). */
async function recordInput(db: Db, b: z.infer<typeof candidateBody>) {
  let occupationCode = b.occupationCode;
  let workType = b.workType;
  if (b.occupationId !== undefined) {
    const o = await db.selectFrom('occupations').select(['code', 'work_type']).where('id', '=', b.occupationId).executeTakeFirst();
    if (!o) throw new ValidationFailed([{ field: 'occupationId', problem: '所选职业不存在' }]);
    occupationCode = o.code;
    workType = o.work_type;
  }
  return { ...b, occupationCode, workType };
}

/** Routes mounted at `/batches` (paths `/:id/candidates…`). */
export function candidateRoutes(deps: AppDeps) {
  const { db } = deps;

  /** Validate a record for the batch; field problems → 400 with every field named. */
  const check = async (batch: BatchRow, body: z.infer<typeof candidateBody>, exceptId: number) => {
    const { ctx, occupations, entries } = await candidateContext(db, batch.id, deps.now());
    const r = validateCandidate(await recordInput(db, body), ctx);
    if (!r.ok) throw new ValidationFailed(r.problems.map((p) => ({ field: p.field, problem: p.problem })));
    const dup = await db.selectFrom('candidates').select(['id', 'name']).where('batch_id', '=', batch.id).where('id_number', '=', r.value.idNumber).where('id', '!=', exceptId).executeTakeFirst();
    if (dup) {
      throw new StateConflict('CANDIDATE_DUPLICATE', `证件号码 ${r.value.idNumber} 的考生（${dup.name}）已在本批次报名，不能重复报名`, {
        fields: [{ field: 'idNumber', problem: '该证件号码已在本批次报名' }], candidateId: dup.id,
      });
    }
    const occ = occupationRowOf(occupations, r.value.occupationCode, r.value.workType)!;
    const entry = entries.find((e) => e.occupationCode === occ.code && e.workType === (occ.work_type || null) && e.level === r.value.level)!;
    const org = await loadOrganization(db, batch.organization_id);
    const elig = decideEligibility(r.value, body.eligibility ?? {}, org.type, await eligibilityDate(db, batch, deps.now()));
    return { record: r.value, occ, components: JSON.stringify(entry.components), elig };
  };

  const show = (batchId: number, id: number) => showCandidate(db, batchId, id, deps.now());

  const loadCandidate = async (actor: Actor, batchId: number, id: number) => {
    const batch = await loadBatch(db, actor, batchId);
    const before = await show(batch.id, id);
    return { batch, before };
  };

  return new Hono<AppEnv>()
    .route('/', candidateDecisionRoutes(deps))
    .route('/', candidatePhotoBatchRoutes(deps))
    .get('/:id/candidates', requireRole('admin', 'supervisor'), validate('param', batchParam), validate('query', listQuery), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const f = c.req.valid('query');
      let q = db.selectFrom('candidates').select(CANDIDATE_COLUMNS_NO_PHOTO).where('candidates.batch_id', '=', batch.id);
      if (f.occupationId) q = q.where('candidates.occupation_id', '=', f.occupationId);
      if (f.level) q = q.where('candidates.level', '=', f.level);
      if (f.flag === 'ineligible') q = q.where('candidates.status', '=', 'ineligible');
      if (f.flag === 'noPhoto') q = q.where('candidates.photo_type', 'is', null);
      if (f.q) q = q.where((eb) => eb.or([eb('candidates.name', 'like', `%${f.q}%`), eb('candidates.id_number', 'like', `%${f.q!.toUpperCase()}%`)]));
      const rows = (await q.orderBy('candidates.id').execute()) as CandidateListRow[];
      const occupations = await db.selectFrom('occupations').selectAll().execute();
      const seats = await seatsOf(db, batch.id);
      const today = chinaDate(deps.now());
      let list = rows.map((r) => publicCandidate(r, occupations.find((o) => o.id === r.occupation_id), today, seats.get(r.id) ?? null));
      if (f.flag === 'idProblem') list = list.filter((x) => x.idProblems.length > 0);
      if (f.flag === 'unseated') list = list.filter((x) => x.seat === null && x.eligible);
      const all = await db
        .selectFrom('candidates')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('batch_id', '=', batch.id)
        .groupBy('status')
        .execute();
      return c.json({
        candidates: list,
        totals: {
          all: all.reduce((s, r) => s + Number(r.n), 0),
          ineligible: Number(all.find((r) => r.status === 'ineligible')?.n ?? 0),
          shown: list.length,
        },
      });
    })
    .get('/:id/candidates/template.xlsx', requireRole('admin', 'supervisor'), validate('param', batchParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const org = await loadOrganization(db, batch.organization_id);
      const bytes = await candidateImportTemplateXlsx({ organization: org.row.name, createdAt: deps.now() });
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="candidates-template.xlsx"; filename*=UTF-8''${encodeURIComponent(`考生信息导入模板-${batch.code}.xlsx`)}`,
      });
    })
    .get('/:id/candidates/:candidateId', requireRole('admin', 'supervisor'), validate('param', candidateParam), async (c) => {
      const { id, candidateId } = c.req.valid('param');
      const { before } = await loadCandidate(actorOf(c), id, candidateId);
      return c.json({ candidate: before });
    })
    .post('/:id/candidates', requireRole('admin'), validate('param', batchParam), validate('json', candidateBody), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      assertBatchOpen(batch, 'registration');
      await assertPracticalScoringNotStarted(db, batch.id);
      const { record, occ, components, elig } = await check(batch, c.req.valid('json'), 0);
      const id = await db.transaction().execute(async (trx) => {
        const r = await trx.insertInto('candidates').values(rowValues(record, occ.id, batch.id, components, elig, deps.now().toISOString())).returning('id').executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'candidate.create', objectType: 'candidate', objectId: r.id, after: { ...record, eligibility: elig } }, deps.now());
        return r.id;
      });
      return c.json({ candidate: await show(batch.id, id) }, 201);
    })
    .patch('/:id/candidates/:candidateId', requireRole('admin'), validate('param', candidateParam), validate('json', candidateBody.partial()), async (c) => {
      const actor = actorOf(c);
      const { id, candidateId } = c.req.valid('param');
      const { batch, before } = await loadCandidate(actor, id, candidateId);
      assertBatchOpen(batch, 'registration');
      const b = c.req.valid('json');
      const merged = {
        name: before.name, gender: before.gender, idType: before.idType, idNumber: before.idNumber, birthDate: before.birthDate,
        education: before.education, workUnit: before.workUnit, workYears: before.workYears, occupationId: before.occupationId,
        // With a manual decision the stored basis is the office's, not the candidate's declaration.
        level: before.level, eligibilityBasis: before.manualDecision ? before.eligibility.declared : before.eligibility.declared || before.eligibilityBasis,
        eligibility: before.eligibility.explicit as ExtraFacts,
        ...Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)),
      } as z.infer<typeof candidateBody>;
      if (b.occupationCode !== undefined) delete merged.occupationId;
      const { record, occ, components, elig: rulesElig } = await check(batch, merged, candidateId);
      // A manual decision (人工认定) was made for this application: it survives edits of the facts, not a change of
      // occupation or level (a different application the office has not judged).
      const keepManual = before.manualDecision && occ.id === before.occupationId && record.level === before.level;
      const elig = keepManual ? { ...rulesElig, manual: before.manualDecision! } : rulesElig;
      if (occ.id !== before.occupationId || record.level !== before.level) await assertPracticalScoringNotStarted(db, batch.id);
      if (before.seat && (occ.id !== before.occupationId || record.level !== before.level)) {
        throw new StateConflict('CANDIDATE_SEATED', '考生已编排座位，不能再修改申报职业或等级；请先清除其座位', {});
      }
      if (before.seat?.ticketIssued && (record.idNumber !== before.idNumber || record.name !== before.name)) {
        throw new StateConflict('TICKET_ALREADY_ISSUED', '准考证已发放，姓名和证件号码不能再修改（准考证上印有这些信息）', {});
      }
      await db.transaction().execute(async (trx) => {
        const { created_at: _keep, batch_id: _b, ...values } = rowValues(record, occ.id, batch.id, components, elig, before.createdAt);
        await trx.updateTable('candidates').set(values).where('id', '=', candidateId).execute();
        await recordAudit(trx, actor, { action: 'candidate.update', objectType: 'candidate', objectId: candidateId, before, after: { ...record, eligibility: elig } }, deps.now());
      });
      return c.json({ candidate: await show(batch.id, candidateId) });
    })
    .delete('/:id/candidates/:candidateId', requireRole('admin'), validate('param', candidateParam), async (c) => {
      const actor = actorOf(c);
      const { id, candidateId } = c.req.valid('param');
      const { batch, before } = await loadCandidate(actor, id, candidateId);
      assertBatchOpen(batch, 'registration');
      if (before.seat?.ticketIssued) throw new StateConflict('TICKET_ALREADY_ISSUED', '准考证已发放，不能删除该考生');
      const started = await db.selectFrom('attempts').select('id').where('candidate_id', '=', candidateId).limit(1).executeTakeFirst();
      if (started) throw new StateConflict('CANDIDATE_HAS_ATTEMPT', '该考生已参加考试，不能删除');
      // Marks, records and results reference the candidate: refuse plainly instead of failing on the foreign key.
      for (const table of ['examiner_marks', 'source_marks', 'component_outcomes', 'results', 'certificates'] as const) {
        const kept = await db.selectFrom(table).select('id').where('candidate_id', '=', candidateId).limit(1).executeTakeFirst();
        if (kept) throw new StateConflict('CANDIDATE_HAS_RECORDS', '该考生已有评分、考场记录或认定结果，不能删除');
      }
      await assertPracticalScoringNotStarted(db, batch.id);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('seat_assignments').where('candidate_id', '=', candidateId).execute();
        await trx.deleteFrom('candidates').where('id', '=', candidateId).execute();
        await recordAudit(trx, actor, { action: 'candidate.delete', objectType: 'candidate', objectId: candidateId, before }, deps.now());
      });
      return c.json({ ok: true });
    })
    .post('/:id/candidates/import', requireRole('admin'), validate('param', batchParam), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      assertBatchOpen(batch, 'registration');
      await assertPracticalScoringNotStarted(db, batch.id);
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) throw new ValidationFailed([{ field: 'file', problem: '请选择要导入的 Excel 文件（.xlsx）' }]);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { ctx, occupations, entries } = await candidateContext(db, batch.id, deps.now());
      const existing = await db.selectFrom('candidates').select('id_number').where('batch_id', '=', batch.id).execute();
      const rows = await readCandidateFile(bytes, { ...ctx, existingIdNumbers: existing.map((e) => e.id_number) });
      const org = await loadOrganization(db, batch.organization_id);
      const asOf = await eligibilityDate(db, batch, deps.now());
      const at = deps.now().toISOString();
      const values = rows.map((r) => {
        const occ = occupationRowOf(occupations, r.candidate.occupationCode, r.candidate.workType)!;
        const entry = entries.find((e) => e.occupationCode === occ.code && e.workType === (occ.work_type || null) && e.level === r.candidate.level)!;
        return rowValues(r.candidate, occ.id, batch.id, JSON.stringify(entry.components), decideEligibility(r.candidate, r.extra, org.type, asOf), at);
      });
      const inserted = await db.transaction().execute(async (trx) => {
        const ids: { id: number; name: string; id_number: string }[] = [];
        // Chunks keep each statement under the parameter limits of SQLite and PostgreSQL.
        for (let i = 0; i < values.length; i += 500) {
          ids.push(...(await trx.insertInto('candidates').values(values.slice(i, i + 500)).returning(['id', 'name', 'id_number']).execute()));
        }
        await recordAudit(trx, actor, {
          action: 'candidate.import', objectType: 'batch', objectId: batch.id,
          before: { candidates: existing.length },
          after: { file: file.name, imported: ids.length, candidates: ids.map((x) => [x.id, x.name, x.id_number]) },
        }, deps.now());
        return ids;
      });
      const ineligible = values.filter((v) => v.status === 'ineligible').length;
      return c.json({ imported: inserted.length, ineligible, firstId: inserted[0]?.id ?? null }, 201);
    })
    .get('/:id/candidates/:candidateId/photo', requireRole('admin', 'supervisor'), validate('param', candidateParam), async (c) => {
      const { id, candidateId } = c.req.valid('param');
      const batch = await loadBatch(db, actorOf(c), id);
      const row = await db.selectFrom('candidates').select(['photo', 'photo_type']).where('id', '=', candidateId).where('batch_id', '=', batch.id).executeTakeFirst();
      if (!row) throw new NotFound('考生', candidateId);
      if (!row.photo || !row.photo_type) throw new NotFound('考生照片', candidateId);
      return c.body(new Uint8Array(row.photo), 200, { 'content-type': row.photo_type, 'cache-control': 'private, no-store' });
    })
    .post('/:id/candidates/:candidateId/photo', requireRole('admin'), validate('param', candidateParam), async (c) => {
      const actor = actorOf(c);
      const { id, candidateId } = c.req.valid('param');
      const { batch, before } = await loadCandidate(actor, id, candidateId);
      assertBatchOpen(batch, 'registration');
      const form = await c.req.parseBody();
      const file = form.photo;
      if (!(file instanceof File)) throw new ValidationFailed([{ field: 'photo', problem: '请选择照片文件（JPEG 或 PNG）' }]);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const r = checkPhoto(bytes);
      if (!r.ok || !r.format) throw new ValidationFailed(r.problems.map((problem) => ({ field: 'photo', problem })));
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('candidates').set({ photo: bytes, photo_type: PHOTO_MIME[r.format!] }).where('id', '=', candidateId).execute();
        await recordAudit(trx, actor, {
          action: 'candidate.photo', objectType: 'candidate', objectId: candidateId,
          before: { hasPhoto: before.hasPhoto }, after: { hasPhoto: true, format: r.format, width: r.width, height: r.height, bytes: r.bytes },
        }, deps.now());
      });
      return c.json({ candidate: await show(batch.id, candidateId) });
    });
}
