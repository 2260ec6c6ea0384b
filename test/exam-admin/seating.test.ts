import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { parseTicketNumber } from '../../server/exam-admin/rules';
import { CARER, ELECTRICIAN, LATHE, candidateRows, importRows, lastAudit, planBatch, type PlannedBatch } from './fixtures';

const DIALECTS = await dialects();

interface Seat { seat: number; column: number; row: number; candidate: { id: number; name: string; ticketNo: string; ticketIssued: boolean; paperKey: string } | null }
interface MapRoom { id: number; roomNo: number; name: string; seats: Seat[] }

describe.each(DIALECTS)('考场与座位 over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  let p: PlannedBatch;
  let roomIds: number[];
  beforeAll(async () => {
    t = await makeTestApp(dialect, { seeders: [] });
    office = await t.login('office');
    p = await planBatch(t, office, { code: '261201' });
    const rows = candidateRows(50, [
      { code: ELECTRICIAN, level: '四级' },
      { code: ELECTRICIAN, level: '五级' },
      { code: LATHE, level: '四级' },
      { code: CARER, level: '五级' },
    ]);
    expect((await importRows(t, office, p.batchId, rows)).status).toBe(201);
    roomIds = [];
    for (const name of ['第1考场', '第2考场']) {
      const r = await t.call('POST', `/api/batches/${p.batchId}/rooms`, { cookie: office, body: { name, venue: `实训楼${name === '第1考场' ? 301 : 302}` } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      roomIds.push(r.body.room.id);
    }
  });
  afterAll(async () => t.close());

  const seatMap = async () => (await t.call('GET', `/api/batches/${p.batchId}/sittings/${p.theoryId}/seats`, { cookie: office })).body as { rooms: MapRoom[]; conflicts: number; unseated: unknown[] };

  it('rooms default to 30 seats in 5 columns, numbered 1, 2, …; more than 30 is refused', async () => {
    const list = await t.call('GET', `/api/batches/${p.batchId}/rooms`, { cookie: office });
    expect(list.body.rooms.map((r: { roomNo: number; capacity: number; columns: number; rows: number }) => [r.roomNo, r.capacity, r.columns, r.rows])).toEqual([
      [1, 30, 5, 6],
      [2, 30, 5, 6],
    ]);
    const big = await t.call('POST', `/api/batches/${p.batchId}/rooms`, { cookie: office, body: { name: '大教室', venue: '礼堂', capacity: 40 } });
    expect(big.status).toBe(400);
    expect(big.body.error.message).toContain('不超过30人');
  });

  it('arranges everyone with no neighbours on the same paper and ticket numbers made of batch, room and seat', async () => {
    const r = await t.call('POST', `/api/batches/${p.batchId}/sittings/${p.theoryId}/arrange`, { cookie: office, body: {} });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ seated: 50, kept: 0, conflicts: 0 });
    const map = await seatMap();
    expect(map.unseated).toEqual([]);
    const seats = map.rooms.flatMap((room) => room.seats.filter((s) => s.candidate).map((s) => ({ room, s })));
    expect(seats).toHaveLength(50);
    for (const { room, s } of seats) {
      expect(parseTicketNumber(s.candidate!.ticketNo)).toEqual({ batchCode: '261201', roomNo: room.roomNo, seat: s.seat });
    }
    // Seats numbered from the door, front to back: seat 7 is the front of the second column.
    expect(map.rooms[0]!.seats[6]).toMatchObject({ seat: 7, column: 2, row: 1 });
    expect((await lastAudit(t, 'seats.arrange')).after.seats).toHaveLength(50);
  });

  it('the candidate logs in with the stored ticket number and ID number', async () => {
    const map = await seatMap();
    const seat = map.rooms[0]!.seats.find((s) => s.candidate)!;
    const c = await t.call('GET', `/api/batches/${p.batchId}/candidates/${seat.candidate!.id}`, { cookie: office });
    const cookie = await t.loginCandidate(seat.candidate!.ticketNo, c.body.candidate.idNumber);
    expect(cookie).toMatch(/=/);
  });

  it('moves a candidate to an empty seat with a new ticket number and an audit; a taken seat is refused', async () => {
    const map = await seatMap();
    const from = map.rooms[0]!.seats.find((s) => s.candidate)!;
    const empty = map.rooms[1]!.seats.find((s) => !s.candidate)!;
    const taken = map.rooms[0]!.seats.find((s) => s.candidate && s.seat !== from.seat)!;
    const refused = await t.call('POST', `/api/batches/${p.batchId}/sittings/${p.theoryId}/seats/move`, { cookie: office, body: { candidateId: from.candidate!.id, roomId: roomIds[0], seat: taken.seat } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SEAT_TAKEN');
    const r = await t.call('POST', `/api/batches/${p.batchId}/sittings/${p.theoryId}/seats/move`, { cookie: office, body: { candidateId: from.candidate!.id, roomId: roomIds[1], seat: empty.seat } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(parseTicketNumber(r.body.ticketNo)).toEqual({ batchCode: '261201', roomNo: 2, seat: empty.seat });
    const a = await lastAudit(t, 'seats.move');
    expect(a.before).toMatchObject({ roomId: roomIds[0], seat: from.seat, ticketNo: from.candidate!.ticketNo });
    expect(a.after).toMatchObject({ roomId: roomIds[1], seat: empty.seat, ticketNo: r.body.ticketNo });
    const beyond = await t.call('POST', `/api/batches/${p.batchId}/sittings/${p.theoryId}/seats/move`, { cookie: office, body: { candidateId: from.candidate!.id, roomId: roomIds[1], seat: 31 } });
    expect(beyond.body.error.code).toBe('SEAT_INVALID');
  });

  it('keeps the seats of candidates whose tickets were issued when re-arranging after new registrations', async () => {
    const filed = await t.call('POST', `/api/batches/${p.batchId}/file`, { cookie: office, body: {} });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    const issued = await t.call('POST', `/api/batches/${p.batchId}/tickets/issue`, { cookie: office });
    expect(issued.status).toBe(200);
    expect(issued.body.issued).toBe(50);
    const before = await seatMap();
    const ticketed = before.rooms.flatMap((r) => r.seats.filter((s) => s.candidate).map((s) => `${s.candidate!.id}@${r.id}#${s.seat}#${s.candidate!.ticketNo}`)).sort();

    const more = candidateRows(5, [{ code: LATHE, level: '五级' }], 900);
    expect((await importRows(t, office, p.batchId, more)).status).toBe(201);
    const r = await t.call('POST', `/api/batches/${p.batchId}/sittings/${p.theoryId}/arrange`, { cookie: office, body: {} });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ seated: 55, kept: 50 });
    const after = await seatMap();
    const kept = after.rooms.flatMap((room) => room.seats.filter((s) => s.candidate?.ticketIssued).map((s) => `${s.candidate!.id}@${room.id}#${s.seat}#${s.candidate!.ticketNo}`)).sort();
    expect(kept).toEqual(ticketed);

    // Moving a ticketed candidate needs an explicit reissue.
    const seat = after.rooms[0]!.seats.find((s) => s.candidate?.ticketIssued)!;
    const empty = after.rooms[1]!.seats.find((s) => !s.candidate)!;
    const move = { candidateId: seat.candidate!.id, roomId: roomIds[1], seat: empty.seat };
    const refused = await t.call('POST', `/api/batches/${p.batchId}/sittings/${p.theoryId}/seats/move`, { cookie: office, body: move });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('TICKET_ALREADY_ISSUED');
    const reissued = await t.call('POST', `/api/batches/${p.batchId}/sittings/${p.theoryId}/seats/move`, { cookie: office, body: { ...move, reissueTicket: true } });
    expect(reissued.status).toBe(200);
    expect(reissued.body.reprint).toBe(true);
  });

  it('a room of one theory sitting cannot serve another theory sitting of the batch (one seat, one ticket number)', async () => {
    const b = (await t.call('POST', '/api/batches', { cookie: office, body: { name: '两场理论', code: '261202' } })).body.batch.id as number;
    await t.call('PUT', `/api/batches/${b}/entries`, { cookie: office, body: { entries: [{ occupationId: p.occ[ELECTRICIAN], level: 4 }, { occupationId: p.occ[LATHE], level: 4 }] } });
    const sitting = async (occupationId: number, date: string) =>
      (await t.call('POST', `/api/batches/${b}/sittings`, { cookie: office, body: { component: 'theory', date, startTime: '09:00', durationMin: 90, venue: '示范中心', entries: [{ occupationId, level: 4 }] } })).body.sitting.id as number;
    const a = await sitting(p.occ[ELECTRICIAN]!, '2026-12-15');
    const c = await sitting(p.occ[LATHE]!, '2026-12-16');
    expect((await importRows(t, office, b, candidateRows(6, [{ code: ELECTRICIAN, level: '四级' }, { code: LATHE, level: '四级' }], 700))).status).toBe(201);
    const room = (await t.call('POST', `/api/batches/${b}/rooms`, { cookie: office, body: { name: '机房A', venue: '信息楼' } })).body.room.id as number;
    const first = await t.call('POST', `/api/batches/${b}/sittings/${a}/arrange`, { cookie: office, body: {} });
    expect(first.body.seated).toBe(3);
    const none = await t.call('POST', `/api/batches/${b}/sittings/${c}/arrange`, { cookie: office, body: {} });
    expect(none.body.error.code).toBe('NO_ROOMS');
    const busy = await t.call('POST', `/api/batches/${b}/sittings/${c}/arrange`, { cookie: office, body: { roomIds: [room] } });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('ROOM_IN_OTHER_SITTING');
  });

  it('edits a room: a venue change keeps the capacity; a capacity below a used seat or a new 考场号 after seating is refused', async () => {
    const r = await t.call('PATCH', `/api/batches/${p.batchId}/rooms/${roomIds[1]}`, { cookie: office, body: { venue: '实训楼402' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.room).toMatchObject({ venue: '实训楼402', capacity: 30, columns: 5, roomNo: 2 });
    const small = await t.call('PATCH', `/api/batches/${p.batchId}/rooms/${roomIds[0]}`, { cookie: office, body: { capacity: 10 } });
    expect(small.status).toBe(409);
    expect(small.body.error.message).toContain('容量不能小于');
    const renumber = await t.call('PATCH', `/api/batches/${p.batchId}/rooms/${roomIds[0]}`, { cookie: office, body: { roomNo: 9 } });
    expect(renumber.status).toBe(409);
    expect((await t.call('DELETE', `/api/batches/${p.batchId}/rooms/${roomIds[0]}`, { cookie: office })).status).toBe(409);
    expect((await lastAudit(t, 'room.update')).after.venue).toBe('实训楼402');
  });

  it('refuses arranging a practical sitting (those are examiner groups)', async () => {
    const r = await t.call('POST', `/api/batches/${p.batchId}/sittings/${p.practicalId}/arrange`, { cookie: office, body: {} });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('NOT_A_THEORY_SITTING');
  });
});
