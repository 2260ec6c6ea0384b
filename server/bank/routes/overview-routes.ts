/**
 * `/api/bank/overview`, `/api/bank/ledger`, `/api/bank/sittings`: what the bank holds per occupation × level,
 * the 台账 of every paper, and the sittings a paper can be released to.
 */
import { Hono } from 'hono';
import { actorOf, requireRole } from '../../http/auth-middleware';
import type { AppDeps, AppEnv } from '../../http/context';
import { validate } from '../../http/validate';
import { ledgerQuery, scopeQuery } from '../schemas';
import { ledgerRows } from './paper-routes';
import { READERS } from './roles';

/** One occupation × level of the bank overview. */
export interface BankOverviewRow {
  occupationId: number;
  occupationCode: string;
  occupationName: string;
  level: number;
  items: { active: number; draft: number; retired: number; locked: number };
  byType: Record<string, number>;
  blueprintId: number | null;
  specId: number | null;
  paperSets: number;
}

/** Overview, ledger and release targets. */
export function overviewRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/overview', requireRole(...READERS), async (c) => {
      const occs = await db.selectFrom('occupations').select(['id', 'code', 'name', 'levels_json']).orderBy('code').execute();
      const counts = await db
        .selectFrom('items')
        .select(['occupation_id', 'level', 'status', 'type', 'locked'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('is_latest', '=', 1)
        .groupBy(['occupation_id', 'level', 'status', 'type', 'locked'])
        .execute();
      const bps = await db.selectFrom('blueprints').select(['id', 'occupation_id', 'level']).where('component', '=', 'theory').execute();
      const specs = await db.selectFrom('paper_specs').select(['id', 'occupation_id', 'level']).where('component', '=', 'theory').execute();
      const sets = await db
        .selectFrom('paper_sets')
        .select(['occupation_id', 'level'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy(['occupation_id', 'level'])
        .execute();
      const rows: BankOverviewRow[] = [];
      for (const o of occs) {
        for (const level of JSON.parse(o.levels_json) as number[]) {
          const mine = counts.filter((r) => r.occupation_id === o.id && r.level === level);
          const items = { active: 0, draft: 0, retired: 0, locked: 0 };
          const byType: Record<string, number> = {};
          for (const r of mine) {
            const n = Number(r.n);
            if (r.status === 'active' || r.status === 'draft' || r.status === 'retired') items[r.status] += n;
            if (r.locked === 1) items.locked += n;
            if (r.status === 'active') byType[r.type] = (byType[r.type] ?? 0) + n;
          }
          rows.push({
            occupationId: o.id,
            occupationCode: o.code,
            occupationName: o.name,
            level,
            items,
            byType,
            blueprintId: bps.find((b) => b.occupation_id === o.id && b.level === level)?.id ?? null,
            specId: specs.find((s) => s.occupation_id === o.id && s.level === level)?.id ?? null,
            paperSets: Number(sets.find((s) => s.occupation_id === o.id && s.level === level)?.n ?? 0),
          });
        }
      }
      return c.json({ rows });
    })
    .get('/ledger', requireRole(...READERS), validate('query', ledgerQuery), async (c) => {
      const q = c.req.valid('query');
      const rows = await ledgerRows(db, {
        ...(q.paperId !== undefined && { paperId: q.paperId }),
        ...(q.occupationId !== undefined && { occupationId: q.occupationId }),
        ...(q.level !== undefined && { level: q.level }),
        limit: q.limit,
      });
      return c.json({ ledger: rows });
    })
    .get('/sittings', requireRole(...READERS), validate('query', scopeQuery), async (c) => {
      const q = c.req.valid('query');
      let s = db
        .selectFrom('sittings as st')
        .innerJoin('batches as b', 'b.id', 'st.batch_id')
        .select(['st.id', 'st.component', 'st.date', 'st.start_time', 'st.duration_min', 'st.venue', 'st.status', 'b.code as batch_code', 'b.name as batch_name', 'st.batch_id'])
        .where('st.component', '=', q.component ?? 'theory')
        // Release targets are the actor's own organization's sittings only.
        .where('b.organization_id', '=', actorOf(c).organizationId!);
      if (q.occupationId !== undefined && q.level !== undefined) {
        const occupationId = q.occupationId;
        const level = q.level;
        s = s.where((eb) =>
          eb.exists(
            eb
              .selectFrom('batch_entries as e')
              .select('e.id')
              .whereRef('e.batch_id', '=', 'st.batch_id')
              .where('e.occupation_id', '=', occupationId)
              .where('e.level', '=', level),
          ),
        );
      }
      const rows = await s.orderBy('st.date', 'desc').orderBy('st.start_time').limit(200).execute();
      const slots =
        q.occupationId !== undefined && q.level !== undefined && rows.length > 0
          ? await db
              .selectFrom('sitting_papers as sp')
              .leftJoin('papers as p', 'p.id', 'sp.paper_id')
              .select(['sp.sitting_id', 'sp.paper_id', 'p.form', 'p.paper_set_id'])
              .where('sp.occupation_id', '=', q.occupationId)
              .where('sp.level', '=', q.level)
              .where('sp.sitting_id', 'in', rows.map((r) => r.id))
              .execute()
          : [];
      return c.json({
        sittings: rows.map((r) => {
          const slot = slots.find((x) => x.sitting_id === r.id && x.paper_id !== null);
          return {
            id: r.id,
            component: r.component,
            date: r.date,
            startTime: r.start_time,
            durationMin: r.duration_min,
            venue: r.venue,
            status: r.status,
            batchCode: r.batch_code,
            batchName: r.batch_name,
            paper: slot ? { id: slot.paper_id!, form: slot.form ?? '', paperSetId: slot.paper_set_id ?? null } : null,
          };
        }),
      });
    });
}
