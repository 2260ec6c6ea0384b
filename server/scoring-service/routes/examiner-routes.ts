/**
 * `/api/scoring/examiner/…` for examiners (考评员): their groups and candidates, the scoring sheet of a
 * candidate (own entry only until submitted), submission, the leader's decision, and the anonymous
 * subjective marking queue.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { componentName, levelName } from '../../../scoring';
import type { Level } from '../../../question-bank/types';
import type { Actor } from '../../auth/actor';
import { NotFound } from '../../errors';
import { actorOf, requireRole } from '../../http/auth-middleware';
import type { AppDeps, AppEnv } from '../../http/context';
import { validate } from '../../http/validate';
import { CANDIDATE_COLUMNS, type Db } from '../common';
import { groupsOfExaminer } from '../examiner-groups';
import { examinerSheetBody, examinerView, groupState, statusOf, submitExaminerSheet } from '../practical-service';
import { policyOf, scoringPlanOf } from '../scoring-plan';
import { examinerDuties, markingQueue, recordSubjectiveMark } from '../subjective-service';
import { candidateCode } from './office-routes';
import { answerParam, examinerComponentParam, idParam } from './http-helpers';

const queueQuery = z.object({ as: z.enum(['marker', 'leader']).default('marker') });
const markBody = z.object({ mark: z.number({ message: '请输入评分' }).min(0).max(1000), as: z.enum(['marker', 'leader']).default('marker') });

async function candidateWithBatch(db: Db, candidateId: number) {
  const cand = await db.selectFrom('candidates').select([...CANDIDATE_COLUMNS]).where('candidates.id', '=', candidateId).executeTakeFirst();
  if (!cand) throw new NotFound('考生', candidateId);
  const batch = await db.selectFrom('batches').selectAll().where('id', '=', cand.batch_id).executeTakeFirstOrThrow();
  return { cand, batch };
}

/** The scoring-sheet page of one candidate as an examiner may see it (GET and the answer to a submission). */
async function pageOf(db: Db, actor: Actor, candidateId: number, component: 'practical' | 'review') {
  const { cand, batch } = await candidateWithBatch(db, candidateId);
  const plan = scoringPlanOf(batch);
  const view = await examinerView(db, actor, plan, policyOf(plan).practical, cand, component);
  const occ = await db.selectFrom('occupations').select(['name', 'work_type']).where('id', '=', cand.occupation_id).executeTakeFirstOrThrow();
  return {
    candidate: { candidateId: cand.id, code: await candidateCode(db, cand.id), occupation: occ.work_type ? `${occ.name}（${occ.work_type}）` : occ.name, levelName: levelName(cand.level as Level) },
    batch: { id: batch.id, name: batch.name },
    componentName: componentName(component),
    ...view,
  };
}

/** Examiner routes. The group membership check happens in the service, per candidate. */
export function examinerRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/tasks', requireRole('examiner'), async (c) => {
      const actor = actorOf(c);
      const groups = await groupsOfExaminer(db, actor.userId!);
      const out = [];
      for (const g of groups) {
        const batch = await db.selectFrom('batches').selectAll().where('id', '=', g.batchId).executeTakeFirstOrThrow();
        const plan = scoringPlanOf(batch);
        const policy = policyOf(plan);
        const cands = g.candidateIds.length
          ? await db.selectFrom('candidates').innerJoin('occupations', 'occupations.id', 'candidates.occupation_id').select([...CANDIDATE_COLUMNS, 'occupations.name as occupation_name', 'occupations.work_type']).where('candidates.id', 'in', g.candidateIds).orderBy('candidates.id').execute()
          : [];
        const rows = [];
        for (const x of cands) {
          const st = await groupState(db, plan, policy.practical, x, g.component);
          const mine = st.kept.some((k) => k.role === 'member' && k.examinerId === actor.userId);
          rows.push({
            candidateId: x.id,
            code: await candidateCode(db, x.id),
            occupation: x.work_type ? `${x.occupation_name}（${x.work_type}）` : x.occupation_name,
            levelName: levelName(x.level as Level),
            submitted: mine,
            // The group's state only after this examiner's own sheet is in (independence).
            status: mine ? statusOf(st) : null,
          });
        }
        out.push({
          batchId: g.batchId, batchName: batch.name, sittingDate: g.sittingDate, component: g.component, componentName: componentName(g.component), group: g.name,
          isLeader: g.leaderId === actor.userId, members: g.members.map((m) => ({ name: m.name, duty: m.duty })), candidates: rows,
        });
      }
      const marking = [];
      for (const batchId of [...new Set(groups.map((g) => g.batchId))]) {
        const duties = await examinerDuties(db, batchId, actor.userId!);
        marking.push({ batchId, leader: duties.leader });
      }
      return c.json({ groups: out, marking });
    })
    .get('/candidates/:candidateId/:component', requireRole('examiner'), validate('param', examinerComponentParam), async (c) => {
      const { candidateId, component } = c.req.valid('param');
      return c.json(await pageOf(db, actorOf(c), candidateId, component));
    })
    .post('/candidates/:candidateId/:component', requireRole('examiner'), validate('param', examinerComponentParam), validate('json', examinerSheetBody), async (c) => {
      const actor = actorOf(c);
      const { candidateId, component } = c.req.valid('param');
      const { cand, batch } = await candidateWithBatch(db, candidateId);
      const plan = scoringPlanOf(batch);
      const policy = policyOf(plan);
      await submitExaminerSheet(db, actor, plan, policy.practical, cand, component, c.req.valid('json'), 'member', deps.now());
      return c.json(await pageOf(db, actor, candidateId, component));
    })
    .post('/candidates/:candidateId/:component/decision', requireRole('examiner'), validate('param', examinerComponentParam), validate('json', examinerSheetBody), async (c) => {
      const actor = actorOf(c);
      const { candidateId, component } = c.req.valid('param');
      const { cand, batch } = await candidateWithBatch(db, candidateId);
      const plan = scoringPlanOf(batch);
      const policy = policyOf(plan);
      await submitExaminerSheet(db, actor, plan, policy.practical, cand, component, c.req.valid('json'), 'leader', deps.now());
      return c.json(await pageOf(db, actor, candidateId, component));
    })
    .get('/batches/:id/marking', requireRole('examiner'), validate('param', idParam), validate('query', queueQuery), async (c) => {
      const actor = actorOf(c);
      const batch = await db.selectFrom('batches').selectAll().where('id', '=', c.req.valid('param').id).executeTakeFirst();
      if (!batch || batch.organization_id !== actor.organizationId) throw new NotFound('认定批次', c.req.valid('param').id);
      const queue = await markingQueue(db, batch.id, actor, c.req.valid('query').as, policyOf(scoringPlanOf(batch)).subjective, deps.config.sessionSecret);
      return c.json({ batch: { id: batch.id, name: batch.name }, queue });
    })
    .post('/batches/:id/marking/:answerId', requireRole('examiner'), validate('param', answerParam), validate('json', markBody), async (c) => {
      const actor = actorOf(c);
      const { id, answerId } = c.req.valid('param');
      const batch = await db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
      if (!batch || batch.organization_id !== actor.organizationId) throw new NotFound('认定批次', id);
      const b = c.req.valid('json');
      const r = await recordSubjectiveMark(db, batch.id, actor, { answerId, mark: b.mark, as: b.as }, policyOf(scoringPlanOf(batch)).subjective, deps.config.sessionSecret, deps.now());
      return c.json(r);
    });
}
