import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { ELECTRICIAN, idNumber, lastAudit, planBatch, type PlannedBatch } from './fixtures';

const DIALECTS = await dialects();

describe.each(DIALECTS)('人工认定申报资格 over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let p: PlannedBatch;
  let seq = 100;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { seeders: [] });
    office = await t.login('office');
    p = await planBatch(t, office);
  });
  afterAll(async () => t.close());

  /** A 四级 electrician with 2 work years: the rules say not eligible. */
  const registerIneligible = async (name: string, batchId = p.batchId) => {
    const r = await t.call('POST', `/api/batches/${batchId}/candidates`, {
      cookie: office,
      body: { name, idType: '201', idNumber: idNumber('19950505', (seq += 2)), education: '高中', workUnit: '南昌市红星电器厂', workYears: 2, occupationId: p.occ[ELECTRICIAN], level: 4, eligibilityBasis: '从事本职业工作2年，另有外省五级证书' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.candidate.eligible).toBe(false);
    return r.body.candidate as { id: number; name: string };
  };
  const decide = (id: number, body: unknown, batchId = p.batchId, cookie = office) =>
    t.call('PUT', `/api/batches/${batchId}/candidates/${id}/eligibility-decision`, { cookie, body });
  const withdraw = (id: number, batchId = p.batchId) => t.call('DELETE', `/api/batches/${batchId}/candidates/${id}/eligibility-decision`, { cookie: office });
  const DECISION = { eligible: true, reason: '外省五级证书经核验属实（证书系统查询截图存档）', basis: '取得本职业五级证书后累计从事本职业工作4年以上（外省证书）' };

  it('records a manual decision: the candidate counts as eligible, shown with who and when, audited before/after', async () => {
    const c = await registerIneligible('周润发');
    const r = await decide(c.id, DECISION);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.candidate).toMatchObject({
      eligible: true, rulesEligible: false, eligibilityBasis: DECISION.basis,
      manualDecision: { eligible: true, reason: DECISION.reason, basis: DECISION.basis, byName: expect.any(String), at: '2026-11-23T01:00:00.000Z' },
    });
    expect(r.body.candidate.manualDecision.byName.length).toBeGreaterThan(0);
    const list = await t.call('GET', `/api/batches/${p.batchId}/candidates?flag=ineligible`, { cookie: office });
    expect(list.body.candidates.map((x: { id: number }) => x.id)).not.toContain(c.id);
    const a = await lastAudit(t, 'candidate.eligibility-decide');
    expect(a.object_id).toBe(String(c.id));
    expect(a.before).toMatchObject({ eligible: false, manualDecision: null });
    expect(a.after).toMatchObject({ eligible: true, manualDecision: { reason: DECISION.reason } });
  });

  it('a manual decision survives an edit of the facts, not a change of level', async () => {
    const c = await registerIneligible('吴彦祖');
    expect((await decide(c.id, DECISION)).status).toBe(200);
    const edited = await t.call('PATCH', `/api/batches/${p.batchId}/candidates/${c.id}`, { cookie: office, body: { workUnit: '南昌市蓝天电器厂' } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.candidate).toMatchObject({ eligible: true, manualDecision: { reason: DECISION.reason } });
    const relevel = await t.call('PATCH', `/api/batches/${p.batchId}/candidates/${c.id}`, { cookie: office, body: { level: 5 } });
    expect(relevel.status, JSON.stringify(relevel.body)).toBe(200);
    expect(relevel.body.candidate.manualDecision).toBeNull();
  });

  it('requires a reason, and a basis when eligible; records a “not eligible” decision too', async () => {
    const c = await registerIneligible('梁家辉');
    const noReason = await decide(c.id, { eligible: true, reason: ' ', basis: '某依据' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('认定理由');
    const noBasis = await decide(c.id, { eligible: true, reason: '证书核验属实' });
    expect(noBasis.status).toBe(400);
    expect(noBasis.body.error.message).toContain('申报依据');
    const no = await decide(c.id, { eligible: false, reason: '所附工作证明无法核实' });
    expect(no.status, JSON.stringify(no.body)).toBe(200);
    expect(no.body.candidate).toMatchObject({ eligible: false, eligibilityBasis: '', manualDecision: { eligible: false, reason: '所附工作证明无法核实' } });
    expect((await decide(c.id, DECISION, p.batchId, await t.login('supervisor'))).status).toBe(403);
  });

  it('withdraws the decision back to the rules’ verdict, audited; withdrawing twice is refused', async () => {
    const c = await registerIneligible('张曼玉');
    expect((await decide(c.id, DECISION)).status).toBe(200);
    const w = await withdraw(c.id);
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect(w.body.candidate).toMatchObject({ eligible: false, manualDecision: null, eligibilityBasis: '' });
    const a = await lastAudit(t, 'candidate.eligibility-withdraw');
    expect(a.before).toMatchObject({ eligible: true, manualDecision: { reason: DECISION.reason } });
    expect(a.after).toMatchObject({ eligible: false, manualDecision: null });
    const again = await withdraw(c.id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('NO_MANUAL_DECISION');
  });

  it('is refused once the candidate’s ticket is issued', async () => {
    const c = await registerIneligible('刘嘉玲');
    expect((await decide(c.id, DECISION)).status).toBe(200);
    await t.call('POST', `/api/batches/${p.batchId}/rooms`, { cookie: office, body: { name: '第1考场', venue: '实训楼301' } });
    const arranged = await t.call('POST', `/api/batches/${p.batchId}/sittings/${p.theoryId}/arrange`, { cookie: office, body: {} });
    expect(arranged.status, JSON.stringify(arranged.body)).toBe(200);
    // Seated but not yet issued: becoming ineligible needs the seat cleared first.
    const seated = await decide(c.id, { eligible: false, reason: '复核不通过' });
    expect(seated.status).toBe(409);
    expect(seated.body.error.code).toBe('CANDIDATE_SEATED');
    const seat = await t.db.db.selectFrom('seat_assignments').select('id').where('candidate_id', '=', c.id).executeTakeFirstOrThrow();
    await t.db.db.updateTable('seat_assignments').set({ ticket_issued: 1 }).where('id', '=', seat.id).execute();
    for (const r of [await decide(c.id, { ...DECISION, reason: '再次确认' }), await withdraw(c.id)]) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('TICKET_ALREADY_ISSUED');
      expect(r.body.error.message).toContain('准考证已发放');
    }
    const still = await t.call('GET', `/api/batches/${p.batchId}/candidates/${c.id}`, { cookie: office });
    expect(still.body.candidate.manualDecision.reason).toBe(DECISION.reason);
  });

  it('is refused once the batch is past registration (exam running or closed)', async () => {
    const q = await planBatch(t, office, { name: '已结束批次' });
    const c = await registerIneligible('黎姿', q.batchId);
    expect((await decide(c.id, DECISION, q.batchId)).status).toBe(200);
    for (const status of ['running', 'closed']) {
      await t.db.db.updateTable('batches').set({ status }).where('id', '=', q.batchId).execute();
      for (const r of [await decide(c.id, DECISION, q.batchId), await withdraw(c.id, q.batchId)]) {
        expect(r.status).toBe(409);
        expect(r.body.error.code).toBe('BATCH_CLOSED_FOR_CHANGES');
      }
    }
  });
});
