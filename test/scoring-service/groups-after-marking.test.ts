import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScoringBatch, demoPaper } from '../../server/demo/scoring-demo';
import { dialects } from '../support/databases';
import { defineSheet, people, scoringWorld, sheetEntry, type ScoringWorld } from './setup';

const DIALECTS = await dialects();

describe.each(DIALECTS)('examiner groups stay put once sheets are submitted (%s)', (dialect) => {
  let w: ScoringWorld;
  beforeAll(async () => {
    w = await scoringWorld(dialect);
    await defineSheet(w);
  });
  afterAll(async () => w?.close());

  it('after the first sheet, registering, deleting a marked candidate and editing groups are refused with 409; the sheet still counts', async () => {
    // A filed batch: registration is still open, the practical is being scored.
    const b = await buildScoringBatch(w.t.db.db, {
      organizationId: w.orgId, code: '270901', name: '测试批次270901', status: 'filed', occupationId: w.electrician, level: 4,
      theoryDate: '2026-11-20', practicalDate: '2026-11-20', paper: demoPaper('P270901', 4), candidates: people(2, '分组'),
      group: { name: '第一组', leaderId: w.users.examiner1!, examinerIds: [w.users.examiner2!, w.users.examiner3!] },
      createdBy: w.users.office!, at: '2026-11-01T00:00:00.000Z',
    });
    const [first] = b.candidateIds as [number, number];
    const sheet = await w.t.call('POST', `/api/scoring/examiner/candidates/${first}/practical`, { cookie: w.cookie.examiner2, body: sheetEntry({ '2': 2 }) });
    expect(sheet.status).toBe(200);

    const model = await w.t.db.db.selectFrom('candidates').selectAll().where('id', '=', first).executeTakeFirstOrThrow();
    const added = await w.t.call('POST', `/api/batches/${b.batchId}/candidates`, {
      cookie: w.cookie.office,
      body: { name: '新考生', gender: '女', idType: '201', idNumber: '11010519491231002X', birthDate: '1949-12-31', education: model.education, workUnit: '某单位', workYears: 40, occupationId: model.occupation_id, level: model.level, eligibilityBasis: model.eligibility_basis },
    });
    expect(added.status).toBe(409);
    expect(added.body.error).toMatchObject({ code: 'PRACTICAL_SCORING_STARTED', message: expect.stringContaining('考评组') });

    // Tickets not yet issued, so only the marks stand in the way of deleting.
    await w.t.db.db.updateTable('seat_assignments').set({ ticket_issued: 0 }).where('candidate_id', '=', first).execute();
    const removed = await w.t.call('DELETE', `/api/batches/${b.batchId}/candidates/${first}`, { cookie: w.cookie.office });
    expect(removed.status).toBe(409);
    expect(removed.body.error.code).toBe('CANDIDATE_HAS_RECORDS');

    const regroup = await w.t.call('PUT', `/api/batches/${b.batchId}/sittings/${b.practicalSittingId}/groups`, {
      cookie: w.cookie.office, body: { name: '第二组', leaderId: w.users.examiner1!, examinerIds: [w.users.examiner2!, w.users.examiner3!] },
    });
    expect(regroup.status).toBe(409);
    expect(regroup.body.error.code).toBe('PRACTICAL_SCORING_STARTED');

    const again = await w.t.call('GET', `/api/scoring/examiner/candidates/${first}/practical`, { cookie: w.cookie.examiner2 });
    expect(again.status).toBe(200);
    expect(await w.t.db.db.selectFrom('candidates').select('id').where('batch_id', '=', b.batchId).execute()).toHaveLength(2);
  });
});
