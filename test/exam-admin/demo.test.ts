import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDemo } from '../../server/demo/admin-demo';
import { DEMO_CANDIDATE } from '../../server/demo/accounts';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { pdfText } from '../documents/pdf-text';

const DIALECTS = await dialects();

describe.each(DIALECTS)('exam office demo data (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { seeders: [adminDemo] });
    office = await t.login('office');
  });
  afterAll(async () => t.close());

  it('has a draft batch with 3 occupations × 2 levels, valid candidates, seats, staff and deadlines', async () => {
    const list = await t.call('GET', '/api/batches', { cookie: office });
    expect(list.body.batches.map((b: { code: string; status: string }) => [b.code, b.status])).toEqual([
      ['261102', 'draft'],
      ['261101', 'filed'],
    ]);
    const id = list.body.batches[0].id;
    const view = await t.call('GET', `/api/batches/${id}`, { cookie: office });
    expect(view.body.entries).toHaveLength(6);
    expect(view.body.counts).toMatchObject({ candidates: 30, ineligible: 2, seated: 28, rooms: 2, ticketsIssued: 0 });
    expect(view.body.deadlines.find((d: { key: string }) => d.key === 'planFiling')).toMatchObject({ status: 'ok', verified: true });
    const candidates = await t.call('GET', `/api/batches/${id}/candidates?flag=idProblem`, { cookie: office });
    expect(candidates.body.candidates).toEqual([]);
    const staff = await t.call('GET', `/api/batches/${id}/staff`, { cookie: office });
    expect(staff.body.problems).toEqual([]);
    const seats = await t.call('GET', `/api/batches/${id}/sittings/${view.body.sittings[0].id}/seats`, { cookie: office });
    expect(seats.body.conflicts).toBe(0);
  });

  it('keeps the foundation batch, candidate and ticket working', async () => {
    const cookie = await t.loginCandidate(DEMO_CANDIDATE.ticketNo, DEMO_CANDIDATE.idNumber);
    expect(cookie).toBeTruthy();
    const list = await t.call('GET', '/api/batches', { cookie: office });
    const first = list.body.batches.find((b: { code: string }) => b.code === '261101');
    const c = await t.call('GET', `/api/batches/${first.id}/candidates`, { cookie: office });
    expect(c.body.candidates.map((x: { name: string; seat: { ticketNo: string } }) => [x.name, x.seat.ticketNo])).toEqual([[DEMO_CANDIDATE.name, DEMO_CANDIDATE.ticketNo]]);
    const view = await t.call('GET', `/api/batches/${first.id}`, { cookie: office });
    const map = await t.call('GET', `/api/batches/${first.id}/sittings/${view.body.sittings[0].id}/seats`, { cookie: office });
    expect(map.body.rooms[0].seats[0].candidate.name).toBe(DEMO_CANDIDATE.name);
    const pdf = await t.call('GET', `/api/batches/${first.id}/tickets.pdf`, { cookie: office });
    expect(pdf.status).toBe(200);
    const text = await pdfText(Buffer.from(await pdf.res.arrayBuffer()));
    expect(text.flat).toContain(DEMO_CANDIDATE.ticketNo);
    expect(text.flat).toContain('理论知识考试');
  });
});
