/**
 * `/api/scoring/my/…` for candidates: 我的成绩 (published results only, every sitting of the same person),
 * 我的异议 (lodge during publicity, see the office's outcome), and their own certificate as PDF.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { componentName, levelName, objectionCategoryName, resultStatusName, type ObjectionCategory } from '../../../scoring';
import type { Component, Level } from '../../../question-bank/types';
import type { Actor } from '../../auth/actor';
import { Forbidden, NotFound } from '../../errors';
import { actorOf, requireRole } from '../../http/auth-middleware';
import type { AppDeps, AppEnv } from '../../http/context';
import { validate } from '../../http/validate';
import { parseJson, type Db } from '../common';
import { certificatesPdfOf } from '../certificate-service';
import { lodgeObjection, objectionView, statusToday } from '../publicity-service';
import type { ResultDetail } from '../results-service';
import { download, idParam, PDF } from './http-helpers';

const objectionBody = z.object({
  candidateId: z.number().int().positive().max(2_147_483_647).optional(),
  category: z.enum(['unmarkedItems', 'additionError', 'recordingError'], { message: '请选择复核类别：漏评、合分错误 或 登分错误' }),
  statement: z.string().trim().min(5, '请写明异议的具体内容（至少 5 个字）').max(1000),
});

/** The candidate rows of the signed-in person: same ID number in the same organization. */
async function ownCandidates(db: Db, actor: Actor) {
  const me = await db.selectFrom('candidates').select(['id', 'id_number']).where('id', '=', actor.candidateId!).executeTakeFirst();
  if (!me) throw new NotFound('考生', actor.candidateId ?? 0);
  return db
    .selectFrom('candidates')
    .innerJoin('batches', 'batches.id', 'candidates.batch_id')
    .innerJoin('occupations', 'occupations.id', 'candidates.occupation_id')
    .select(['candidates.id', 'candidates.name', 'candidates.level', 'candidates.batch_id', 'batches.name as batch_name', 'occupations.name as occ', 'occupations.work_type'])
    .where('candidates.id_number', '=', me.id_number)
    .where('batches.organization_id', '=', actor.organizationId!)
    .orderBy('candidates.id', 'desc')
    .execute();
}

/** Candidate routes. */
export function candidateRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/results', requireRole('candidate'), async (c) => {
      const actor = actorOf(c);
      const cands = await ownCandidates(db, actor);
      const out = [];
      for (const x of cands) {
        const pub = await db.selectFrom('publicities').selectAll().where('batch_id', '=', x.batch_id).executeTakeFirst();
        const res = await db.selectFrom('results').select(['status', 'detail_json']).where('candidate_id', '=', x.id).executeTakeFirst();
        const objections = pub ? await db.selectFrom('objections').selectAll().where('publicity_id', '=', pub.id).where('candidate_id', '=', x.id).execute() : [];
        const cert = await db.selectFrom('certificates').select(['id', 'number', 'issued_on', 'status']).where('candidate_id', '=', x.id).orderBy('id', 'desc').executeTakeFirst();
        // Results are shown only once published: a candidate learns them with everyone else.
        const published = !!pub && !!res;
        const detail = published ? parseJson<ResultDetail | null>(res.detail_json, null) : null;
        out.push({
          candidateId: x.id,
          batchName: x.batch_name,
          occupation: x.work_type ? `${x.occ}（${x.work_type}）` : x.occ,
          levelName: levelName(x.level as Level),
          published,
          status: published ? res.status : null,
          statusName: published ? resultStatusName(res.status) : '成绩尚未公布',
          components: detail
            ? (Object.values(detail.result.components) as NonNullable<ResultDetail['result']['components'][Component]>[]).map((k) => ({
                component: k.component, name: componentName(k.component), mark: k.voided ? null : k.mark, passed: k.passed, attendance: k.attendance, passMark: k.passMark,
                kept: detail.kept.some((kk) => kk.component === k.component),
              }))
            : [],
          failing: detail ? detail.result.failing.map(componentName) : [],
          kept: detail?.kept ?? [],
          publicity: pub ? { startedOn: pub.started_on, endsOn: pub.ends_on, status: statusToday(pub, objections, deps.now()) } : null,
          objections: objections.map((o) => objectionView(o)),
          certificate: cert && pub?.status === 'closed' ? { id: cert.id, number: cert.number, issuedOn: cert.issued_on, status: cert.status } : null,
        });
      }
      return c.json({ results: out });
    })
    .get('/objections', requireRole('candidate'), async (c) => {
      const actor = actorOf(c);
      const ids = (await ownCandidates(db, actor)).map((x) => x.id);
      const rows = await db.selectFrom('objections').selectAll().where('candidate_id', 'in', ids).orderBy('id', 'desc').execute();
      return c.json({ objections: rows.map((o) => objectionView(o)), categories: (['unmarkedItems', 'additionError', 'recordingError'] as ObjectionCategory[]).map((k) => ({ value: k, name: objectionCategoryName(k) })) });
    })
    .post('/objections', requireRole('candidate'), validate('json', objectionBody), async (c) => {
      const actor = actorOf(c);
      const b = c.req.valid('json');
      const own = await ownCandidates(db, actor);
      const target = b.candidateId ?? actor.candidateId!;
      if (!own.some((x) => x.id === target)) throw new Forbidden('只能对本人的成绩提出异议');
      const id = await lodgeObjection(db, actor, target, { category: b.category, statement: b.statement }, deps.now());
      return c.json({ id }, 201);
    })
    .get('/certificates/:id/pdf', requireRole('candidate'), validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const own = (await ownCandidates(db, actor)).map((x) => x.id);
      const cert = await db.selectFrom('certificates').select(['id', 'number', 'candidate_id', 'status']).where('id', '=', c.req.valid('param').id).executeTakeFirst();
      if (!cert || !own.includes(cert.candidate_id) || cert.status !== 'issued') throw new NotFound('证书', c.req.valid('param').id);
      return download(c, await certificatesPdfOf(db, deps.config, [cert.id], deps.now()), `职业技能等级证书-${cert.number}.pdf`, PDF, true);
    });
}

