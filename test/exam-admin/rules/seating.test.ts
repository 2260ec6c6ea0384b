import { describe, expect, it } from 'vitest';
import {
  arrangeSeats,
  moveSeat,
  neighbourSeats,
  seatLabel,
  seatPosition,
  SeatingRefused,
  validateRoom,
  type Room,
  type SeatAssignment,
  type SeatingCandidate,
} from '../../../server/exam-admin/rules';

function room(id: string, roomNo: number, capacity = 30, columns = 5, rows = 6): Room {
  return { id, roomNo, name: `${300 + roomNo}`, columns, rows, capacity };
}

function group(n: number, form: string, occupationCode = '6-31-01-03', level: 1 | 2 | 3 | 4 | 5 = 4): SeatingCandidate[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${form}${String(i).padStart(2, '0')}`,
    occupationCode,
    level,
    paperKey: `${occupationCode}/${level}/theory/${form}`,
  }));
}

/** Independent recount: neighbours from column/row arithmetic (seat s → column ⌈s/rows⌉, row (s−1) mod rows + 1). */
function recount(assignments: SeatAssignment[], candidates: SeatingCandidate[], rooms: Room[]): number {
  const paper = new Map(candidates.map((c) => [c.id, c.paperKey]));
  const at = new Map(assignments.map((a) => [`${a.roomId}/${a.seat}`, paper.get(a.candidateId)]));
  let clashes = 0;
  for (const r of rooms) {
    for (let s = 1; s <= r.capacity; s++) {
      const col = Math.ceil(s / r.rows);
      const row = ((s - 1) % r.rows) + 1;
      const right = col < r.columns ? s + r.rows : null;
      const behind = row < r.rows ? s + 1 : null;
      for (const n of [right, behind]) {
        if (n === null || n > r.capacity) continue;
        const a = at.get(`${r.id}/${s}`);
        if (a !== undefined && a === at.get(`${r.id}/${n}`)) clashes++;
      }
    }
  }
  return clashes;
}

function refusal(fn: () => unknown): SeatingRefused {
  try {
    fn();
  } catch (e) {
    if (e instanceof SeatingRefused) return e;
    throw e;
  }
  throw new Error('expected SeatingRefused');
}

describe('room layout and seat numbering', () => {
  const r = room('r1', 1);

  it('numbers seats from the door, front to back, then the next column', () => {
    expect(seatPosition(r, 1)).toEqual({ column: 1, row: 1 });
    expect(seatPosition(r, 6)).toEqual({ column: 1, row: 6 });
    expect(seatPosition(r, 7)).toEqual({ column: 2, row: 1 });
    expect(seatLabel(r, 15)).toBe('第3列第3排');
  });

  it('finds left, right, front and back neighbours, only among seats in use', () => {
    expect(neighbourSeats(r, 8).sort((a, b) => a - b)).toEqual([2, 7, 9, 14]);
    expect(neighbourSeats(r, 1).sort((a, b) => a - b)).toEqual([2, 7]);
    expect(neighbourSeats(room('r2', 2, 26), 20).sort((a, b) => a - b)).toEqual([14, 19, 21, 26]);
    expect(neighbourSeats(room('r2', 2, 25), 20).sort((a, b) => a - b)).toEqual([14, 19, 21]);
  });

  it('refuses rooms above 30 candidates or beyond their desks', () => {
    expect(validateRoom(room('r', 1, 36, 6, 6))).toEqual(['考场“301”容量36超过每考场30人的上限']);
    expect(validateRoom(room('r', 1, 30, 4, 6))).toEqual(['考场“301”容量30超过座位数4×6']);
  });
});

describe('seat arrangement', () => {
  it('seats two equal forms as a checkerboard: no neighbour shares a paper', () => {
    const candidates = [...group(15, 'A'), ...group(15, 'B')];
    const rooms = [room('r1', 1)];
    const r = arrangeSeats(candidates, rooms, { seed: 'batch-1' });
    expect(r.assignments).toHaveLength(30);
    expect(r.conflicts).toBe(0);
    expect(recount(r.assignments, candidates, rooms)).toBe(0);
  });

  it('does far better than seating in list order', () => {
    const candidates = [...group(10, 'A'), ...group(10, 'B'), ...group(5, 'C', '6-18-02-04', 3), ...group(5, 'D', '4-10-01-05', 5)];
    const rooms = [room('r1', 1)];
    const naive = candidates.map((c, i) => ({ candidateId: c.id, roomId: 'r1', seat: i + 1 }));
    expect(recount(naive, candidates, rooms)).toBeGreaterThan(20);
    const r = arrangeSeats(candidates, rooms, { seed: 'batch-1' });
    expect(r.conflicts).toBe(0);
    expect(recount(r.assignments, candidates, rooms)).toBe(0);
  });

  it('reaches the minimum when one form is too large to avoid clashes (20 A + 10 B in 5×6: 13)', () => {
    // 15 A fill one colour of the checkerboard; the 5 others go to the two corners (2 neighbours
    // each) and three edge seats (3 each) of the other colour: 2+2+3+3+3 = 13.
    const candidates = [...group(20, 'A'), ...group(10, 'B')];
    const r = arrangeSeats(candidates, [room('r1', 1)], { seed: 'batch-1' });
    expect(r.conflicts).toBe(13);
    expect(recount(r.assignments, candidates, [room('r1', 1)])).toBe(13);
  });

  it('uses empty seats to separate a large form (14 A + 6 B in 30 seats: no clash)', () => {
    const candidates = [...group(14, 'A'), ...group(6, 'B')];
    const r = arrangeSeats(candidates, [room('r1', 1)], { seed: 'batch-1' });
    expect(r.conflicts).toBe(0);
  });

  it('keeps the seats of ticketed candidates exactly', () => {
    const candidates = [...group(15, 'A'), ...group(15, 'B'), ...group(10, 'C', '6-18-02-04', 3)];
    const rooms = [room('r1', 1), room('r2', 2)];
    const fixed: SeatAssignment[] = [
      { candidateId: 'A00', roomId: 'r2', seat: 30 },
      { candidateId: 'A01', roomId: 'r2', seat: 29 },
      { candidateId: 'B03', roomId: 'r1', seat: 1 },
    ];
    const r = arrangeSeats(candidates, rooms, { seed: 'batch-1', fixed });
    for (const f of fixed) expect(r.assignments).toContainEqual(f);
    expect(r.assignments).toHaveLength(40);
    expect(new Set(r.assignments.map((a) => `${a.roomId}/${a.seat}`)).size).toBe(40);
    expect(r.conflicts).toBe(recount(r.assignments, candidates, rooms));
  });

  it('is reproducible from the seed, whatever the order of the list', () => {
    const candidates = [...group(12, 'A'), ...group(9, 'B'), ...group(7, 'C', '6-18-02-04', 3)];
    const rooms = [room('r1', 1)];
    const a = arrangeSeats(candidates, rooms, { seed: 's-42' });
    const b = arrangeSeats([...candidates].reverse(), rooms, { seed: 's-42' });
    expect(b).toEqual(a);
    const others = ['s-1', 's-2', 's-3'].map((seed) => arrangeSeats(candidates, rooms, { seed }).assignments);
    expect(others.some((o) => JSON.stringify(o) !== JSON.stringify(a.assignments))).toBe(true);
  });

  it('fills rooms in order by default, or evenly on request', () => {
    const candidates = group(40, 'A').map((c, i) => ({ ...c, paperKey: `form-${i % 4}` }));
    const rooms = [room('r1', 1), room('r2', 2)];
    const count = (list: SeatAssignment[], id: string) => list.filter((a) => a.roomId === id).length;
    const inOrder = arrangeSeats(candidates, rooms, { seed: 'x' }).assignments;
    expect([count(inOrder, 'r1'), count(inOrder, 'r2')]).toEqual([30, 10]);
    const even = arrangeSeats(candidates, rooms, { seed: 'x', fill: 'even' }).assignments;
    expect([count(even, 'r1'), count(even, 'r2')]).toEqual([20, 20]);
  });

  it('refuses when seats run out, naming the shortfall', () => {
    const e = refusal(() => arrangeSeats(group(31, 'A'), [room('r1', 1)], { seed: 'x' }));
    expect(e).toMatchObject({ code: 'NOT_ENOUGH_SEATS', message: '座位不足：还需安排31名考生，只剩30个座位' });
  });

  it('refuses broken fixed seats and duplicate room numbers', () => {
    const rooms = [room('r1', 1)];
    expect(refusal(() => arrangeSeats(group(2, 'A'), rooms, { seed: 'x', fixed: [{ candidateId: 'A00', roomId: 'r1', seat: 31 }] })).code).toBe(
      'FIXED_SEAT_INVALID',
    );
    const twice = [
      { candidateId: 'A00', roomId: 'r1', seat: 3 },
      { candidateId: 'A01', roomId: 'r1', seat: 3 },
    ];
    expect(refusal(() => arrangeSeats(group(2, 'A'), rooms, { seed: 'x', fixed: twice })).message).toBe('考场r1的3号座位被两名考生占用');
    expect(refusal(() => arrangeSeats(group(2, 'A'), [room('r1', 1), room('r2', 1)], { seed: 'x' })).code).toBe('ROOM_INVALID');
  });
});

describe('moving a seat', () => {
  const rooms = [room('r1', 1, 30), room('r2', 2, 20, 4, 5)];
  const list: SeatAssignment[] = [
    { candidateId: 'c1', roomId: 'r1', seat: 1 },
    { candidateId: 'c2', roomId: 'r1', seat: 2 },
  ];

  it('moves to a free seat and leaves the input untouched', () => {
    const moved = moveSeat(list, rooms, { candidateId: 'c1', roomId: 'r2', seat: 20 });
    expect(moved).toEqual([
      { candidateId: 'c1', roomId: 'r2', seat: 20 },
      { candidateId: 'c2', roomId: 'r1', seat: 2 },
    ]);
    expect(list[0]).toEqual({ candidateId: 'c1', roomId: 'r1', seat: 1 });
  });

  it('refuses a taken seat, a seat beyond capacity and an unknown room', () => {
    expect(refusal(() => moveSeat(list, rooms, { candidateId: 'c1', roomId: 'r1', seat: 2 }))).toMatchObject({
      code: 'SEAT_TAKEN',
      kind: 'conflict',
      message: '考场“301”2号座位已有考生c2',
    });
    expect(refusal(() => moveSeat(list, rooms, { candidateId: 'c1', roomId: 'r2', seat: 21 })).message).toBe('考场“302”只有1–20号座位');
    expect(refusal(() => moveSeat(list, rooms, { candidateId: 'c1', roomId: 'r9', seat: 1 })).code).toBe('ROOM_INVALID');
    expect(refusal(() => moveSeat(list, rooms, { candidateId: 'c9', roomId: 'r1', seat: 5 })).code).toBe('CANDIDATE_UNKNOWN');
  });

  it('refuses to move a ticketed candidate unless the ticket is reissued', () => {
    const move = { candidateId: 'c1', roomId: 'r1', seat: 5 };
    expect(refusal(() => moveSeat(list, rooms, move, { ticketed: ['c1'] })).code).toBe('TICKET_ALREADY_ISSUED');
    expect(moveSeat(list, rooms, move, { ticketed: ['c1'], reissueTicket: true })[0]).toEqual(move);
  });
});
