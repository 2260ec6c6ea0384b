import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import { systemActor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import type { Database } from '../db/schema';
import { blueprintJson } from '../bank/blueprint-store';
import { assembleSet, checkBuiltSet, saveBuiltSet } from '../bank/build-jobs';
import { demoBanks } from '../bank/demo-bank';
import { insertDrafts, latestBank } from '../bank/item-store';
import { occupationFor } from '../bank/lookups';
import { paperStep } from '../bank/paper-actions';
import type { DemoContext, DemoSeeder } from './seed';

/** The fixed seed of the demo paper set, so every fresh demo has the same papers A/B/C. */
export const DEMO_PAPER_SEED = '2026-电工-四级-演示';

async function userActor(trx: Kysely<Database>, ctx: DemoContext, username: string): Promise<Actor> {
  const id = ctx.users[username]!;
  const u = await trx.selectFrom('users').select(['display_name', 'role']).where('id', '=', id).executeTakeFirstOrThrow();
  return {
    kind: 'user', role: u.role, auditId: `user:${id}`, ip: 'demo', userId: id, candidateId: null,
    seatAssignmentId: null, organizationId: ctx.organizationId, name: u.display_name, sessionId: null,
  };
}

/**
 * Demo data of the bank: 细目表, 试卷结构 and a generated bank for 电工 四级 and 三级, 车工 四级 and 养老护理员
 * 四级; then the office builds the 电工 四级 theory set with a fixed seed, office2 approves A/B/C and office
 * releases form A to the demo theory sitting, so the exam room has a paper out of the box. Everything goes
 * through the same functions the API uses (validation, 台账, audit).
 */
export const bankDemo: DemoSeeder = async (trx, ctx) => {
  const at = ctx.now.toISOString();
  const office = await userActor(trx, ctx, 'office');
  const banks = demoBanks();
  for (const bank of banks) {
    const occupationId = ctx.occupations[bank.occupationCode];
    if (occupationId === undefined) continue;
    await trx
      .insertInto('blueprints')
      .values({ occupation_id: occupationId, level: bank.level, component: 'theory', name: bank.name, tree_json: blueprintJson(bank.blueprint), created_at: at, updated_at: at })
      .execute();
    await trx
      .insertInto('paper_specs')
      .values({ occupation_id: occupationId, level: bank.level, component: 'theory', spec_json: JSON.stringify(bank.spec), created_at: at, updated_at: at })
      .execute();
    await insertDrafts(
      trx,
      bank.items.map((i) => i.draft),
      { occupationId, occupationCode: bank.occupationCode, level: bank.level, userId: office.userId, now: at },
      bank.items.map((i) => i.statsN),
    );
    await recordAudit(trx, systemActor('demo'), { action: 'demo.bank', objectType: 'itemBank', objectId: `${bank.occupationCode}/${bank.level}`, after: { items: bank.items.length, blueprint: bank.name } }, ctx.now);
  }

  // The 电工 四级 theory papers of the demo sitting: built by office, approved by office2, form A released.
  const occupation = await occupationFor(trx, ctx.occupations['6-31-01-03']!);
  const demo = banks.find((b) => b.occupationCode === '6-31-01-03' && b.level === 4)!;
  const bank = await latestBank(trx, occupation.id, occupation.code, 4);
  const req = { occupation, level: 4, component: 'theory' as const, forms: 3, maxOverlap: 0 };
  const built = assembleSet(bank, demo.blueprint, demo.spec, { ...req, seed: DEMO_PAPER_SEED });
  checkBuiltSet(built, bank, demo.blueprint, demo.spec, req);
  const set = await saveBuiltSet(trx, office, ctx.now, req, built);
  const office2 = await userActor(trx, ctx, 'office2');
  for (const id of Object.values(set.paperIds)) await paperStep(trx, office2, ctx.now, id, 'approve', { note: '演示：复核通过' });
  await paperStep(trx, office, ctx.now, set.paperIds.A!, 'release', { sittingId: ctx.theorySittingId, note: '演示：A 卷用于本场理论考试，B、C 卷备用' });
};
