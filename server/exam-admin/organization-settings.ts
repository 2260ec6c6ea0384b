/**
 * Organization settings (评价机构信息) and its registered scope (备案的职业 × 等级). Admin only; every
 * change audited with before/after. The foundation's `GET /api/organization` shows them.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-trail';
import { NotFound, StateConflict, ValidationFailed } from '../errors';
import { actorOf, requireRole } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { validate } from '../http/validate';
import type { Level } from '../../question-bank/types';
import type { OrganizationType } from '../../question-bank/vocabulary';
import { loadOrganization, parseJson, type Db } from './common';
import { BatchEntryRefused, LEVEL_LABELS, validateUscc } from './rules';

/** 评价机构信息 as the office enters it (settings page and first-run setup). */
export const settingsBody = z.object({
  name: z.string().trim().min(2, '请输入机构名称').max(100),
  type: z.enum(['school', 'training', 'employer'] as const satisfies readonly OrganizationType[], { message: '机构类型应为 技工院校、社会培训评价组织 或 用人单位' }),
  uscc: z.string().trim().min(1, '请输入统一社会信用代码'),
  province: z.string().trim().regex(/^\d{2}$/, '省份代码应为2位数字（GB/T 2260，如 36 江西）'),
  certOrgCode: z.string().trim().regex(/^\d{4}$/, '证书编号中的机构代码应为4位数字（在省级备案的填 0000）'),
  certOrgSerial: z.string().trim().regex(/^\d{6}$/, '证书编号中的机构序号应为6位数字'),
  certIssuer: z.string().trim().min(2, '请输入发证机构名称').max(100),
});

const scopeBody = z.object({
  scope: z
    .array(z.object({ occupationId: z.number().int().positive().max(2_147_483_647), levels: z.array(z.number().int().min(1).max(5)).min(1, '每个职业至少选择一个等级') }))
    .refine((s) => new Set(s.map((x) => x.occupationId)).size === s.length, '同一职业不能重复出现'),
});

type OrgRow = Awaited<ReturnType<typeof loadOrganization>>['row'];

function publicOrganization(o: OrgRow) {
  return {
    id: o.id, name: o.name, type: o.type, uscc: o.uscc, province: o.province,
    certOrgCode: o.cert_org_code, certOrgSerial: o.cert_org_serial, certIssuer: o.cert_issuer,
  };
}

async function scopeOf(db: Db, organizationId: number) {
  const rows = await db
    .selectFrom('organization_scopes')
    .innerJoin('occupations', 'occupations.id', 'organization_scopes.occupation_id')
    .select(['occupations.id', 'occupations.code', 'occupations.name', 'occupations.work_type', 'organization_scopes.levels_json'])
    .where('organization_scopes.organization_id', '=', organizationId)
    .orderBy('occupations.code')
    .execute();
  return rows.map((s) => ({ occupationId: s.id, code: s.code, name: s.name, workType: s.work_type || null, levels: parseJson<number[]>(s.levels_json, []) }));
}

/** `PUT /organization` and `PUT /organization/scope` (admin). */
export function organizationSettingsRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .put('/', requireRole('admin'), validate('json', settingsBody), async (c) => {
      const actor = actorOf(c);
      const b = c.req.valid('json');
      const uscc = validateUscc(b.uscc);
      if (!uscc.ok) throw new ValidationFailed(uscc.problems.map((problem) => ({ field: 'uscc', problem })));
      const { row: before } = await loadOrganization(db, actor.organizationId!);
      const prefixChanged = before.type !== b.type || before.cert_org_code !== b.certOrgCode || before.cert_org_serial !== b.certOrgSerial || before.province !== b.province;
      if (prefixChanged) {
        // Certificate numbers embed type, province and organization code; changing them after issuing
        // would give one organization two number series.
        const issued = await db.selectFrom('certificates').select('id').where('organization_id', '=', before.id).limit(1).executeTakeFirst();
        if (issued) throw new StateConflict('CERTIFICATES_ISSUED', '本机构已颁发证书，机构类型、省份代码和证书编号前缀不能再修改', {});
      }
      const taken = await db.selectFrom('organizations').select('id').where('uscc', '=', uscc.value).where('id', '!=', before.id).executeTakeFirst();
      if (taken) throw new StateConflict('USCC_TAKEN', `统一社会信用代码 ${uscc.value} 已被其他机构使用`, { field: 'uscc' });
      const after = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('organizations')
          .set({ name: b.name, type: b.type, uscc: uscc.value, province: b.province, cert_org_code: b.certOrgCode, cert_org_serial: b.certOrgSerial, cert_issuer: b.certIssuer })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'organization.update', objectType: 'organization', objectId: r.id, before: publicOrganization(before), after: publicOrganization(r) }, deps.now());
        return r;
      });
      return c.json({ organization: publicOrganization(after) });
    })
    .put('/scope', requireRole('admin'), validate('json', scopeBody), async (c) => {
      const actor = actorOf(c);
      const { scope } = c.req.valid('json');
      const orgId = actor.organizationId!;
      const occupations = await db.selectFrom('occupations').selectAll().execute();
      for (const s of scope) {
        const o = occupations.find((x) => x.id === s.occupationId);
        if (!o) throw new NotFound('职业', s.occupationId);
        const label = `${o.name}${o.work_type ? `（${o.work_type}）` : ''}（${o.code}）`;
        if (o.licensing) {
          throw new BatchEntryRefused('OCCUPATION_LICENSING', `${label}是准入类职业（列入国家职业资格目录），不能纳入职业技能等级认定范围`, { occupationCode: o.code });
        }
        const offered = parseJson<Level[]>(o.levels_json, []);
        const bad = s.levels.filter((l) => !offered.includes(l as Level));
        if (bad.length > 0) {
          throw new BatchEntryRefused('LEVEL_NOT_OFFERED', `${label}的国家职业标准没有${bad.map((l) => LEVEL_LABELS[l as Level]).join('、')}`, { occupationCode: o.code, levels: bad });
        }
      }
      const before = await scopeOf(db, orgId);
      const after = await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('organization_scopes').where('organization_id', '=', orgId).execute();
        if (scope.length > 0) {
          await trx
            .insertInto('organization_scopes')
            .values(scope.map((s) => ({ organization_id: orgId, occupation_id: s.occupationId, levels_json: JSON.stringify([...new Set(s.levels)].sort().reverse()) })))
            .execute();
        }
        const a = await scopeOf(trx, orgId);
        await recordAudit(trx, actor, { action: 'organization.scope', objectType: 'organization', objectId: orgId, before, after: a }, deps.now());
        return a;
      });
      return c.json({ scope: after });
    });
}
