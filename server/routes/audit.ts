import { Hono } from 'hono';
import { z } from 'zod';
import { verifyAuditChain } from '../audit/audit-trail';
import { requireRole } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { validate } from '../http/validate';

const query = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  objectType: z.string().max(40).optional(),
  objectId: z.string().max(40).optional(),
  action: z.string().max(60).optional(),
});

/** The audit trail (全程留痕): read by the office and the quality supervisor; nobody can change it. */
export function auditRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .use(requireRole('admin', 'supervisor'))
    .get('/', validate('query', query), async (c) => {
      const q = c.req.valid('query');
      let sel = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit);
      if (q.before) sel = sel.where('id', '<', q.before);
      if (q.objectType) sel = sel.where('object_type', '=', q.objectType);
      if (q.objectId) sel = sel.where('object_id', '=', q.objectId);
      if (q.action) sel = sel.where('action', 'like', `${q.action}%`);
      const rows = await sel.execute();
      return c.json({
        entries: rows.map((r) => ({
          id: r.id, at: r.at, actor: r.actor_id, role: r.actor_role, ip: r.ip, action: r.action,
          objectType: r.object_type, objectId: r.object_id,
          before: r.before_json ? JSON.parse(r.before_json) : null, after: r.after_json ? JSON.parse(r.after_json) : null,
        })),
      });
    })
    .get('/verify', async (c) => c.json(await verifyAuditChain(db)));
}
