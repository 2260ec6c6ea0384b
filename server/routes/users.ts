import { Hono } from 'hono';
import { z } from 'zod';
import { hashPassword } from '../auth/password';
import { endUserSessions } from '../auth/sessions';
import { recordAudit } from '../audit/audit-trail';
import { NotFound, StateConflict } from '../errors';
import { actorOf, requireRole } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { idParam, validate } from '../http/validate';
import type { UserRow } from '../db/schema';

const role = z.enum(['admin', 'proctor', 'examiner', 'supervisor']);
/** Staff password policy (also used by first-run setup). */
export const password = z.string().min(8, '密码至少 8 位').max(200).regex(/[A-Za-z]/, '密码需包含字母').regex(/\d/, '密码需包含数字');
/** Staff username rule (also used by first-run setup). */
export const username = z.string().trim().min(2, '用户名至少 2 个字符').max(64).regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和减号');
const newUser = z.object({
  username,
  displayName: z.string().trim().min(1, '请输入姓名').max(50),
  role,
  password,
  workUnit: z.string().trim().max(100).default(''),
});
const patchUser = z
  .object({ displayName: z.string().trim().min(1).max(50), role, workUnit: z.string().trim().max(100), active: z.boolean() })
  .partial();

/** What the API shows of a user (never the password hash). */
export function publicUser(u: UserRow) {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, workUnit: u.work_unit, active: !!u.active, organizationId: u.organization_id };
}

/** Staff accounts, managed by the exam office admin. Every change is audited with before/after. */
export function userRoutes(deps: AppDeps) {
  const { db } = deps;
  // Accounts of the actor's own organization only: an admin elsewhere must not reach them.
  const load = async (id: number, organizationId: number | null) => {
    const u = await db.selectFrom('users').selectAll().where('id', '=', id).where('organization_id', '=', organizationId ?? -1).executeTakeFirst();
    if (!u) throw new NotFound('用户', id);
    return u;
  };
  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .get('/', async (c) => {
      const rows = await db.selectFrom('users').selectAll().where('organization_id', '=', actorOf(c).organizationId ?? -1).orderBy('id').execute();
      return c.json({ users: rows.map(publicUser) });
    })
    .post('/', validate('json', newUser), async (c) => {
      const actor = actorOf(c);
      const body = c.req.valid('json');
      const exists = await db.selectFrom('users').select('id').where('username', '=', body.username).executeTakeFirst();
      if (exists) throw new StateConflict('USERNAME_TAKEN', `用户名“${body.username}”已被使用`, { field: 'username' });
      const now = deps.now().toISOString();
      const hash = await hashPassword(body.password);
      const user = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('users')
          .values({
            organization_id: actor.organizationId!, username: body.username, display_name: body.displayName, role: body.role,
            password_hash: hash, work_unit: body.workUnit, active: 1, created_at: now, updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'user.create', objectType: 'user', objectId: row.id, after: publicUser(row) }, deps.now());
        return row;
      });
      return c.json({ user: publicUser(user) }, 201);
    })
    .patch('/:id', validate('param', idParam), validate('json', patchUser), async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const before = await load(id, actor.organizationId);
      if (id === actor.userId && (body.active === false || (body.role && body.role !== 'admin'))) {
        throw new StateConflict('SELF_LOCKOUT', '不能停用自己的账号或取消自己的管理员角色');
      }
      const after = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('users')
          .set({
            ...(body.displayName !== undefined && { display_name: body.displayName }),
            ...(body.role !== undefined && { role: body.role }),
            ...(body.workUnit !== undefined && { work_unit: body.workUnit }),
            ...(body.active !== undefined && { active: body.active ? 1 : 0 }),
            updated_at: deps.now().toISOString(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (body.active === false || (body.role && body.role !== before.role)) await endUserSessions(trx, id);
        await recordAudit(trx, actor, { action: 'user.update', objectType: 'user', objectId: id, before: publicUser(before), after: publicUser(row) }, deps.now());
        return row;
      });
      if (body.active === false || (body.role && body.role !== before.role)) deps.events.disconnect?.(`actor:user:${id}`);
      return c.json({ user: publicUser(after) });
    })
    .post('/:id/password', validate('param', idParam), validate('json', z.object({ password })), async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await load(id, actor.organizationId);
      const hash = await hashPassword(c.req.valid('json').password);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ password_hash: hash, updated_at: deps.now().toISOString() }).where('id', '=', id).execute();
        await endUserSessions(trx, id);
        await recordAudit(trx, actor, { action: 'user.password-reset', objectType: 'user', objectId: id }, deps.now());
      });
      deps.events.disconnect?.(`actor:user:${id}`);
      return c.json({ ok: true });
    })
    .post('/:id/end-sessions', validate('param', idParam), async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await load(id, actor.organizationId);
      const ended = await db.transaction().execute(async (trx) => {
        const n = await endUserSessions(trx, id);
        await recordAudit(trx, actor, { action: 'user.end-sessions', objectType: 'user', objectId: id, after: { ended: n } }, deps.now());
        return n;
      });
      deps.events.disconnect?.(`actor:user:${id}`);
      return c.json({ ended });
    });
}
