import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hashPassword } from '../auth/password';
import { recordAudit } from '../audit/audit-trail';
import { systemActor } from '../auth/actor';
import { DEMO_CANDIDATE, DEMO_PASSWORD, DEMO_STAFF } from './accounts';
import { chinaDate } from '../exam-admin/common';

/** A later issue's demo data, run after the foundation's, inside the same transaction. */
export type DemoSeeder = (trx: Kysely<Database>, ctx: DemoContext) => Promise<void>;

export interface DemoContext {
  now: Date;
  organizationId: number;
  /** occupation code → id */
  occupations: Record<string, number>;
  /** username → id */
  users: Record<string, number>;
  batchId: number;
  theorySittingId: number;
  roomId: number;
}

// Sitting and filing dates are Chinese calendar days, whatever the server's time zone.
const today = (d: Date) => chinaDate(d);
const daysBefore = (d: Date, n: number) => chinaDate(new Date(d.getTime() - n * 86_400_000));

/**
 * Load demo data into an empty database (no organization yet): one 社会培训评价组织, real occupations,
 * one account per role, a batch with a theory sitting today and a candidate with an admission ticket.
 * Returns false (and changes nothing) when the database already has data, so a second start keeps it.
 */
export async function seedDemo(db: Kysely<Database>, now: Date, more: DemoSeeder[] = []): Promise<boolean> {
  const existing = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const org = await trx
      .insertInto('organizations')
      .values({
        name: '江西省示范职业技能评价中心', type: 'training', uscc: '91350100M000100Y43', province: '36',
        cert_org_code: '0000', cert_org_serial: '010001', cert_issuer: '江西省示范职业技能评价中心', created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const occupations: Record<string, number> = {};
    const catalogue = [
      { code: '6-31-01-03', name: '电工', levels: [5, 4, 3, 2, 1], licensing: 0 },
      { code: '6-18-01-01', name: '车工', levels: [5, 4, 3, 2, 1], licensing: 0 },
      { code: '4-10-01-05', name: '养老护理员', levels: [5, 4, 3, 2, 1], licensing: 0 },
      { code: '6-18-02-04', name: '焊工', levels: [5, 4, 3, 2, 1], licensing: 0 },
      { code: '4-07-05-04', name: '消防设施操作员', levels: [5, 4, 3, 2, 1], licensing: 1 },
    ];
    for (const o of catalogue) {
      const row = await trx
        .insertInto('occupations')
        .values({ code: o.code, name: o.name, work_type: '', levels_json: JSON.stringify(o.levels), licensing: o.licensing, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      occupations[o.code] = row.id;
      if (!o.licensing) {
        await trx.insertInto('organization_scopes').values({ organization_id: org.id, occupation_id: row.id, levels_json: JSON.stringify([5, 4, 3]) }).execute();
      }
    }
    const users: Record<string, number> = {};
    for (const u of DEMO_STAFF) {
      const row = await trx
        .insertInto('users')
        .values({ organization_id: org.id, username: u.username, display_name: u.displayName, role: u.role, password_hash: hash, work_unit: '江西省示范职业技能评价中心', created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      users[u.username] = row.id;
    }
    const batch = await trx
      .insertInto('batches')
      .values({
        organization_id: org.id, code: '261101', name: '2026年第11期职业技能等级认定（演示）', status: 'filed',
        // Filed and ticketed in good time before today's demo sitting, so its deadlines show as met.
        plan_filed_on: daysBefore(now, 21), tickets_issued_on: daysBefore(now, 10),
        created_by: users.office!, created_at: at, updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('batch_entries').values({ batch_id: batch.id, occupation_id: occupations['6-31-01-03']!, level: 4, components_json: JSON.stringify(['theory', 'practical']) }).execute();
    const sitting = await trx
      .insertInto('sittings')
      .values({ batch_id: batch.id, component: 'theory', date: today(now), start_time: '09:00', duration_min: 90, venue: '示范中心实训楼', status: 'scheduled' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const room = await trx.insertInto('rooms').values({ batch_id: batch.id, name: '第1考场', venue: '示范中心实训楼301', capacity: 30, columns: 5 }).returning('id').executeTakeFirstOrThrow();
    const cand = await trx
      .insertInto('candidates')
      .values({
        batch_id: batch.id, occupation_id: occupations['6-31-01-03']!, level: 4, name: DEMO_CANDIDATE.name, gender: '男', id_type: '201',
        id_number: DEMO_CANDIDATE.idNumber, birth_date: '1990-03-07', education: '高中', work_unit: '南昌示范电力公司', work_years: 6,
        eligibility_basis: '取得本职业五级证书后累计从事本职业工作4年以上', components_json: JSON.stringify(['theory', 'practical']), created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('seat_assignments').values({ sitting_id: sitting.id, room_id: room.id, seat_no: 1, candidate_id: cand.id, ticket_no: DEMO_CANDIDATE.ticketNo, ticket_issued: 1 }).execute();
    await recordAudit(trx, systemActor('demo'), { action: 'demo.seed', objectType: 'organization', objectId: org.id, after: { occupations: Object.keys(occupations), users: Object.keys(users) } }, now);
    const ctx: DemoContext = { now, organizationId: org.id, occupations, users, batchId: batch.id, theorySittingId: sitting.id, roomId: room.id };
    for (const seeder of more) await seeder(trx, ctx);
  });
  return true;
}
