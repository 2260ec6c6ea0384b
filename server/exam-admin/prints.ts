/**
 * Issuing admission tickets (准考证发放) and the printed documents of a batch: 认定计划 xlsx, tickets
 * (one or all), room door lists, candidate and staff sign-in sheets. Layout is server/documents'.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-trail';
import { StateConflict } from '../errors';
import { actorOf, requireRole } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { validate } from '../http/validate';
import { admissionTicketsPdf, candidateSignInSheetsPdf, planXlsx, roomDoorListsPdf, staffSignInSheetsPdf } from '../documents';
import { assertBatchOpen, batchParam, chinaDate, loadBatch, loadOrganization, type BatchRow, type Db } from './common';
import { batchSittings, deadlinesOf, publicBatch } from './batch-view';
import { admissionTickets, candidateSignIn, doorLists, planRows, staffSignIn } from './print-data';

const printQuery = z.object({
  sittingId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  candidateId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function download(bytes: Buffer, type: string, ascii: string, chinese: string) {
  return {
    body: new Uint8Array(bytes),
    headers: {
      'content-type': type,
      // Inline so the browser shows the PDF; the Chinese name for “save as”.
      'content-disposition': `${type === PDF ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chinese)}`,
      'cache-control': 'private, no-store',
    },
  };
}

async function meta(db: Db, batch: BatchRow, now: Date) {
  const org = await loadOrganization(db, batch.organization_id);
  return { organization: org.row.name, createdAt: now };
}

function nothing(what: string): never {
  throw new StateConflict('NOTHING_TO_PRINT', what);
}

/** Routes mounted at `/batches` (paths `/:id/tickets…`, `/:id/plan.xlsx`, `/:id/door-lists.pdf`, `/:id/sign-in/…`). */
export function printRoutes(deps: AppDeps) {
  const { db } = deps;
  const readers = requireRole('admin', 'supervisor');
  return new Hono<AppEnv>()
    .post('/:id/tickets/issue', requireRole('admin'), validate('param', batchParam), async (c) => {
      const actor = actorOf(c);
      const before = await loadBatch(db, actor, c.req.valid('param').id);
      assertBatchOpen(before, 'registration');
      // Tickets go out after the plan is filed (≥ 10 working days before the sitting, tickets ≥ 5).
      if (before.status === 'draft') throw new StateConflict('PLAN_NOT_FILED', '认定计划尚未备案，不能发放准考证；请先在“认定计划”中备案');
      const sittingIds = (await db.selectFrom('sittings').select('id').where('batch_id', '=', before.id).execute()).map((s) => s.id);
      const seats = sittingIds.length ? await db.selectFrom('seat_assignments').select(['id', 'candidate_id', 'ticket_issued']).where('sitting_id', 'in', sittingIds).execute() : [];
      if (seats.length === 0) throw new StateConflict('NO_SEATS', '还没有编排考场座位，无法发放准考证（准考证号由考场和座位生成）');
      const fresh = seats.filter((s) => !s.ticket_issued);
      const unseated = await db
        .selectFrom('candidates')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('batch_id', '=', before.id)
        .where('status', '!=', 'ineligible')
        .where('id', 'not in', seats.length ? seats.map((s) => s.candidate_id) : [0])
        .executeTakeFirst();
      const today = chinaDate(deps.now());
      const after = await db.transaction().execute(async (trx) => {
        if (fresh.length) {
          for (let i = 0; i < fresh.length; i += 500) {
            await trx.updateTable('seat_assignments').set({ ticket_issued: 1 }).where('id', 'in', fresh.slice(i, i + 500).map((s) => s.id)).execute();
          }
        }
        // The deadline is about the batch's tickets going out: the first issue date is the one that counts.
        const r = await trx
          .updateTable('batches')
          .set({ tickets_issued_on: before.tickets_issued_on ?? today, updated_at: deps.now().toISOString() })
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, {
          action: 'tickets.issue', objectType: 'batch', objectId: before.id,
          before: { ticketsIssuedOn: before.tickets_issued_on, issued: seats.length - fresh.length },
          after: { ticketsIssuedOn: r.tickets_issued_on, issued: seats.length, newly: fresh.map((s) => s.candidate_id) },
        }, deps.now());
        return r;
      });
      const { deadlines } = await deadlinesOf(db, after, await batchSittings(db, after.id), today);
      const deadline = deadlines.find((d) => d.key === 'ticketIssue') ?? null;
      const warnings: string[] = [];
      if (deadline && deadline.due && today > deadline.due) warnings.push(`今天（${today}）已晚于准考证发放截止日期 ${deadline.due}（首场前至少5个工作日）`);
      if (Number(unseated?.n ?? 0) > 0) warnings.push(`还有 ${Number(unseated?.n)} 名符合条件的考生未安排座位，未发放准考证`);
      return c.json({ batch: publicBatch(after), issued: fresh.length, total: seats.length, deadline, warnings });
    })
    .get('/:id/plan.xlsx', readers, validate('param', batchParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const rows = await planRows(db, batch);
      if (rows.length === 0) nothing('认定计划还没有认定职业和等级，无法导出');
      const m = await meta(db, batch, deps.now());
      const f = download(await planXlsx({ title: `${m.organization}${batch.name}认定计划`, rows }, m), XLSX, `plan-${batch.code}.xlsx`, `认定计划-${batch.code}.xlsx`);
      return c.body(f.body, 200, f.headers);
    })
    .get('/:id/tickets.pdf', readers, validate('param', batchParam), validate('query', printQuery), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const { candidateId } = c.req.valid('query');
      const tickets = await admissionTickets(db, batch, candidateId);
      if (tickets.length === 0) nothing(candidateId ? '该考生还没有安排座位，没有准考证' : '还没有编排考场座位，没有可打印的准考证');
      const f = download(await admissionTicketsPdf(tickets, await meta(db, batch, deps.now())), PDF, `tickets-${batch.code}.pdf`, `准考证-${candidateId ? tickets[0]!.ticketNumber : batch.code}.pdf`);
      return c.body(f.body, 200, f.headers);
    })
    .get('/:id/door-lists.pdf', readers, validate('param', batchParam), validate('query', printQuery), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const lists = await doorLists(db, batch, c.req.valid('query').sittingId);
      if (lists.length === 0) nothing('还没有编排考场座位，没有可打印的考场门贴');
      const f = download(await roomDoorListsPdf(lists, await meta(db, batch, deps.now())), PDF, `door-lists-${batch.code}.pdf`, `考场门贴-${batch.code}.pdf`);
      return c.body(f.body, 200, f.headers);
    })
    .get('/:id/sign-in/candidates.pdf', readers, validate('param', batchParam), validate('query', printQuery), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const sheets = await candidateSignIn(db, batch, c.req.valid('query').sittingId);
      if (sheets.length === 0) nothing('还没有编排考场座位或考评组，没有可打印的考生签到表');
      const f = download(await candidateSignInSheetsPdf(sheets, await meta(db, batch, deps.now())), PDF, `candidate-sign-in-${batch.code}.pdf`, `考生签到表-${batch.code}.pdf`);
      return c.body(f.body, 200, f.headers);
    })
    .get('/:id/sign-in/staff.pdf', readers, validate('param', batchParam), validate('query', printQuery), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      const sheets = await staffSignIn(db, batch, c.req.valid('query').sittingId);
      if (sheets.length === 0) nothing('还没有安排监考员或考评员，没有可打印的考务人员签到表');
      const f = download(await staffSignInSheetsPdf(sheets, await meta(db, batch, deps.now())), PDF, `staff-sign-in-${batch.code}.pdf`, `考务人员签到表-${batch.code}.pdf`);
      return c.body(f.body, 200, f.headers);
    });
}
