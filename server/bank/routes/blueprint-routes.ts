/**
 * `/api/bank/blueprints` (鉴定要素细目表) and `/api/bank/specs` (试卷结构): read by the office and the
 * supervisor, written by the office; every write is validated by the domain and audited.
 */
import { Hono } from 'hono';
import { recordAudit } from '../../audit/audit-trail';
import { NotFound, StateConflict } from '../../errors';
import { actorOf, requireRole } from '../../http/auth-middleware';
import type { AppDeps, AppEnv } from '../../http/context';
import { validate } from '../../http/validate';
import type { Component, Level, PaperSpec } from '../../../question-bank';
import {
  blueprintJson,
  findBlueprint,
  findSpec,
  publicBlueprint,
  publicSpec,
  toBlueprint,
  validateSpec,
  type PublicBlueprint,
} from '../blueprint-store';
import { coverage } from '../coverage';
import { latestBank } from '../item-store';
import { occupationFor } from '../lookups';
import { idParam, blueprintBody, scopeQuery, specBody } from '../schemas';
import { READERS } from './roles';

const blueprintUpdate = blueprintBody.pick({ name: true, ranges: true, explicitCounts: true });
const specUpdate = specBody.pick({ sections: true, durationMin: true, passMark: true, multiRule: true });

/** Blueprint CRUD plus its coverage by the bank. */
export function blueprintRoutes(deps: AppDeps) {
  const { db } = deps;
  const load = async (id: number) => {
    const row = await db.selectFrom('blueprints').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('鉴定要素细目表', id);
    const occ = await occupationFor(db, row.occupation_id);
    return { row, occ };
  };
  return new Hono<AppEnv>()
    .get('/', requireRole(...READERS), validate('query', scopeQuery), async (c) => {
      const f = c.req.valid('query');
      let q = db.selectFrom('blueprints').innerJoin('occupations', 'occupations.id', 'blueprints.occupation_id').selectAll('blueprints').select('occupations.code as occ_code');
      if (f.occupationId !== undefined) q = q.where('blueprints.occupation_id', '=', f.occupationId);
      if (f.level !== undefined) q = q.where('blueprints.level', '=', f.level);
      if (f.component !== undefined) q = q.where('blueprints.component', '=', f.component);
      const rows = await q.orderBy('occupations.code').orderBy('blueprints.level', 'desc').execute();
      return c.json({ blueprints: rows.map((r) => publicBlueprint(r, r.occ_code)) });
    })
    .get('/:id', requireRole(...READERS), validate('param', idParam), async (c) => {
      const { row, occ } = await load(c.req.valid('param').id);
      return c.json({ blueprint: publicBlueprint(row, occ.code) });
    })
    .get('/:id/coverage', requireRole(...READERS), validate('param', idParam), async (c) => {
      const { row, occ } = await load(c.req.valid('param').id);
      const specRow = await findSpec(db, row.occupation_id, row.level, row.component as Component);
      const spec = specRow ? (JSON.parse(specRow.spec_json) as PaperSpec) : null;
      const bank = await latestBank(db, occ.id, occ.code, row.level);
      return c.json({ coverage: coverage(toBlueprint(row, occ.code), spec, bank) });
    })
    .post('/', requireRole('admin'), validate('json', blueprintBody), async (c) => {
      const actor = actorOf(c);
      const b = c.req.valid('json');
      const occ = await occupationFor(db, b.occupationId, b.level);
      const tree = blueprintJson({ occupationCode: occ.code, level: b.level as Level, component: b.component, ranges: b.ranges, ...(b.explicitCounts ? { explicitCounts: b.explicitCounts } : {}) });
      if (await findBlueprint(db, occ.id, b.level, b.component)) {
        throw new StateConflict('BLUEPRINT_EXISTS', `${occ.name} ${b.level} 级的鉴定要素细目表已存在，请修改现有的`);
      }
      const now = deps.now();
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('blueprints')
          .values({ occupation_id: occ.id, level: b.level, component: b.component, name: b.name, tree_json: tree, created_at: now.toISOString(), updated_at: now.toISOString() })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'blueprint.create', objectType: 'blueprint', objectId: r.id, after: publicBlueprint(r, occ.code) }, now);
        return r;
      });
      return c.json({ blueprint: publicBlueprint(row, occ.code) }, 201);
    })
    .put('/:id', requireRole('admin'), validate('param', idParam), validate('json', blueprintUpdate), async (c) => {
      const actor = actorOf(c);
      const b = c.req.valid('json');
      const { row: before, occ } = await load(c.req.valid('param').id);
      const tree = blueprintJson({
        occupationCode: occ.code,
        level: before.level as Level,
        component: before.component as Component,
        ranges: b.ranges,
        ...(b.explicitCounts ? { explicitCounts: b.explicitCounts } : {}),
      });
      const now = deps.now();
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('blueprints')
          .set({ name: b.name, tree_json: tree, updated_at: now.toISOString() })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'blueprint.update', objectType: 'blueprint', objectId: r.id, before: publicBlueprint(before, occ.code), after: publicBlueprint(r, occ.code) }, now);
        return r;
      });
      return c.json({ blueprint: publicBlueprint(row, occ.code) });
    })
    .delete('/:id', requireRole('admin'), validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const { row, occ } = await load(c.req.valid('param').id);
      const before: PublicBlueprint = publicBlueprint(row, occ.code);
      const now = deps.now();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('blueprints').where('id', '=', row.id).execute();
        await recordAudit(trx, actor, { action: 'blueprint.delete', objectType: 'blueprint', objectId: row.id, before }, now);
      });
      return c.json({ ok: true });
    });
}

/** Paper spec CRUD. */
export function specRoutes(deps: AppDeps) {
  const { db } = deps;
  const load = async (id: number) => {
    const row = await db.selectFrom('paper_specs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound('试卷结构', id);
    return row;
  };
  return new Hono<AppEnv>()
    .get('/', requireRole(...READERS), validate('query', scopeQuery), async (c) => {
      const f = c.req.valid('query');
      let q = db.selectFrom('paper_specs').selectAll();
      if (f.occupationId !== undefined) q = q.where('occupation_id', '=', f.occupationId);
      if (f.level !== undefined) q = q.where('level', '=', f.level);
      if (f.component !== undefined) q = q.where('component', '=', f.component);
      const rows = await q.orderBy('occupation_id').orderBy('level', 'desc').execute();
      return c.json({ specs: rows.map(publicSpec) });
    })
    .get('/:id', requireRole(...READERS), validate('param', idParam), async (c) => {
      return c.json({ spec: publicSpec(await load(c.req.valid('param').id)) });
    })
    .post('/', requireRole('admin'), validate('json', specBody), async (c) => {
      const actor = actorOf(c);
      const b = c.req.valid('json');
      const occ = await occupationFor(db, b.occupationId, b.level);
      const spec: PaperSpec = {
        occupationCode: occ.code,
        level: b.level as Level,
        component: b.component,
        sections: b.sections,
        durationMin: b.durationMin,
        passMark: b.passMark,
        multiRule: b.multiRule,
      };
      validateSpec(spec);
      if (await findSpec(db, occ.id, b.level, b.component)) {
        throw new StateConflict('SPEC_EXISTS', `${occ.name} ${b.level} 级的试卷结构已存在，请修改现有的`);
      }
      const now = deps.now();
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('paper_specs')
          .values({ occupation_id: occ.id, level: b.level, component: b.component, spec_json: JSON.stringify(spec), created_at: now.toISOString(), updated_at: now.toISOString() })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'spec.create', objectType: 'paperSpec', objectId: r.id, after: publicSpec(r) }, now);
        return r;
      });
      return c.json({ spec: publicSpec(row) }, 201);
    })
    .put('/:id', requireRole('admin'), validate('param', idParam), validate('json', specUpdate), async (c) => {
      const actor = actorOf(c);
      const b = c.req.valid('json');
      const before = await load(c.req.valid('param').id);
      const old = JSON.parse(before.spec_json) as PaperSpec;
      const spec: PaperSpec = { ...old, sections: b.sections, durationMin: b.durationMin, passMark: b.passMark, multiRule: b.multiRule };
      validateSpec(spec);
      const now = deps.now();
      const row = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('paper_specs')
          .set({ spec_json: JSON.stringify(spec), updated_at: now.toISOString() })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'spec.update', objectType: 'paperSpec', objectId: r.id, before: publicSpec(before), after: publicSpec(r) }, now);
        return r;
      });
      return c.json({ spec: publicSpec(row) });
    })
    .delete('/:id', requireRole('admin'), validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const row = await load(c.req.valid('param').id);
      const now = deps.now();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('paper_specs').where('id', '=', row.id).execute();
        await recordAudit(trx, actor, { action: 'spec.delete', objectType: 'paperSpec', objectId: row.id, before: publicSpec(row) }, now);
      });
      return c.json({ ok: true });
    });
}
