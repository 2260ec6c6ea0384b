import { Hono } from 'hono';
import { NotFound } from '../errors';
import { actorOf, requireRole, STAFF } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';

/** The organization the signed-in staff member belongs to, with its registered scope. */
export function organizationRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>().get('/', requireRole(...STAFF), async (c) => {
    const actor = actorOf(c);
    const org = await db.selectFrom('organizations').selectAll().where('id', '=', actor.organizationId!).executeTakeFirst();
    if (!org) throw new NotFound('评价机构');
    const scope = await db
      .selectFrom('organization_scopes')
      .innerJoin('occupations', 'occupations.id', 'organization_scopes.occupation_id')
      .select(['occupations.id', 'occupations.code', 'occupations.name', 'occupations.work_type', 'organization_scopes.levels_json'])
      .where('organization_id', '=', org.id)
      .execute();
    return c.json({
      organization: {
        id: org.id, name: org.name, type: org.type, uscc: org.uscc, province: org.province,
        certOrgCode: org.cert_org_code, certOrgSerial: org.cert_org_serial, certIssuer: org.cert_issuer,
      },
      scope: scope.map((s) => ({ occupationId: s.id, code: s.code, name: s.name, workType: s.work_type || null, levels: JSON.parse(s.levels_json) as number[] })),
    });
  });
}
