import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electricianSheet } from '../../server/demo/scoring-demo';
import { DEMO_CANDIDATE } from '../../server/demo/accounts';
import { makeTestApp, type TestApp } from '../support/app';
import { dialects } from '../support/databases';

const DIALECTS = await dialects();

describe.each(DIALECTS)('scoring sheets and the demo data (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let occupationId: number;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await t.login('office');
    occupationId = (await t.db.db.selectFrom('occupations').select('id').where('code', '=', '6-31-01-03').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  it('a scoring sheet whose marks do not add up to 100 is refused with every problem named', async () => {
    const s = electricianSheet();
    const rows = s.rows.map((r) => (r.id === '5' ? { ...r, maxMarks: 5, deductionRules: [{ text: '超时', points: -1 }] } : r));
    const r = await t.call('POST', '/api/scoring/sheets', { cookie: office, body: { occupationId, level: 3, component: 'practical', taskId: 'X-1', title: s.title, rows } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('SCORING_SHEET_INVALID');
    expect(r.body.error.details.problems).toEqual(['评分项 5 的扣分标准“超时”扣分值 -1 应为正数', '各项配分之和为 95，应为 100']);
  });

  it('the demo 电工 四级 sheet is in use, so it cannot be changed any more', async () => {
    const list = await t.call('GET', `/api/scoring/sheets?occupationId=${occupationId}&level=4`, { cookie: office });
    const sheet = list.body.sheets[0];
    expect(sheet).toMatchObject({ component: 'practical', used: true, sheet: { taskId: 'DG4-01', title: '三相异步电动机正反转控制线路安装与调试' } });
    expect(sheet.sheet.rows.filter((r: any) => r.star).map((r: any) => r.id)).toEqual(['3', '4']);
    const s = electricianSheet();
    const r = await t.call('PUT', `/api/scoring/sheets/${sheet.id}`, { cookie: office, body: { occupationId, level: 4, component: 'practical', taskId: s.taskId, title: '改', rows: s.rows } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('SHEET_IN_USE');
  });

  it('the demo finished batch verifies out of the box and has the expected results', async () => {
    const v = await t.call('GET', `/api/public/certificates/verify?no=S000036010001264000001&name=${encodeURIComponent('陈志强')}`);
    expect(v.status).toBe(200);
    expect(v.body.certificate).toMatchObject({ levelName: '四级/中级工', issuedOn: '2026-10-26', idNumber: '360102********4519' });
    const batches = await t.call('GET', '/api/scoring/batches', { cookie: office });
    const done = batches.body.batches.find((b: any) => b.code === '261001');
    expect(done).toMatchObject({ status: 'closed', candidates: 6, results: { pass: 3, fail: 2, absent: 1 }, certificates: 3, publicity: { startedOn: '2026-10-19', endsOn: '2026-10-23', status: 'closed' } });
    // A candidate of that batch sees 我的成绩 with the certificate.
    const cand = await t.loginCandidate('26100100104', '360105199608214527');
    const mine = await t.call('GET', '/api/scoring/my/results', { cookie: cand });
    expect(mine.body.results[0]).toMatchObject({ statusName: '合格', certificate: { number: 'S000036010001264000003', status: 'issued' } });
    const pdf = await t.call('GET', `/api/scoring/my/certificates/${mine.body.results[0].certificate.id}/pdf`, { cookie: cand });
    expect(pdf.res.headers.get('content-type')).toBe('application/pdf');
  });

  it('examiner1 finds 黄小明’s practical in the current demo batch and the demo candidate has no published result yet', async () => {
    const tasks = await t.call('GET', '/api/scoring/examiner/tasks', { cookie: await t.login('examiner1') });
    const current = tasks.body.groups.find((g: any) => g.batchName.includes('第11期'));
    expect(current).toMatchObject({ component: 'practical', group: '第一考评组', isLeader: true });
    expect(current.candidates.map((c: any) => c.code)).toContain(DEMO_CANDIDATE.ticketNo);
    const mine = await t.call('GET', '/api/scoring/my/results', { cookie: await t.loginCandidate() });
    expect(mine.body.results[0]).toMatchObject({ published: false, statusName: '成绩尚未公布', components: [] });
  });
});
