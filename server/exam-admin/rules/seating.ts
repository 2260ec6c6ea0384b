/**
 * Seat arrangement (编排座位) for theory rooms: mix occupations, levels and paper forms so that no
 * two neighbours (left/right/front/back) sit the same paper form where the numbers allow it, keep
 * the seats of candidates whose tickets are already issued, and do it reproducibly from a seed.
 *
 * Method: a greedy fill (each seat takes a candidate from the paper group that clashes least with
 * the seats already filled, preferring the largest remaining group — the grid is bipartite, so two
 * equal groups come out as a checkerboard), swap-based descent, then seeded simulated annealing to
 * get past local minima, and a final descent. Cost per neighbour pair: 1000 for the same paper form (a conflict), 1 for the same
 * occupation and level on a different form (the mixing preference).
 */
import { createRng, shuffled } from '../../../question-bank/random';
import type { Level } from '../../../question-bank/types';
import { SeatingRefused } from './errors';
import { neighbourSeats, ROOM_POLICY, validateRoom, type Room, type RoomPolicy } from './rooms';

/** What seating needs to know of a candidate. */
export interface SeatingCandidate {
  id: string;
  occupationCode: string;
  level: Level;
  /** Identifies the paper form the candidate sits (e.g. `6-31-01-03/4/theory/A`); equal keys = same paper. */
  paperKey: string;
}

/** A candidate's seat: room and seat number (1..capacity). */
export interface SeatAssignment {
  candidateId: string;
  roomId: string;
  seat: number;
}

/** Seed, kept seats and fill strategy of an arrangement. */
export interface SeatingOptions {
  seed: string;
  /** Assignments to keep as they are (candidates already holding an admission ticket). */
  fixed?: readonly SeatAssignment[];
  /** `inOrder` (default): fill rooms in the order given; `even`: spread candidates evenly over the rooms. */
  fill?: 'inOrder' | 'even';
  policy?: RoomPolicy;
}

/** Two neighbouring seats sitting the same paper form. */
export interface NeighbourConflict {
  roomId: string;
  seats: [number, number];
  paperKey: string;
}

/** Outcome of `arrangeSeats`. */
export interface SeatingResult {
  /** One assignment per candidate, ordered by room (as given) and seat. */
  assignments: SeatAssignment[];
  /** Neighbour pairs sitting the same paper form (0 = none). */
  conflicts: number;
  conflictPairs: NeighbourConflict[];
  /** Neighbour pairs of the same occupation and level on different forms (mixing quality). */
  sameOccupationLevelPairs: number;
}

const FORM_CLASH = 1000;
const SAME_OCCUPATION_LEVEL = 1;
const MAX_PASSES = 50;
const ANNEAL_ITERATIONS_PER_SEAT = 2000;
const ANNEAL_MAX_ITERATIONS = 2_000_000;

function pairCost(a: SeatingCandidate, b: SeatingCandidate): number {
  if (a.paperKey === b.paperKey) return FORM_CLASH;
  return a.occupationCode === b.occupationCode && a.level === b.level ? SAME_OCCUPATION_LEVEL : 0;
}

function checkRooms(rooms: readonly Room[], policy: RoomPolicy): void {
  const problems = rooms.flatMap((r) => validateRoom(r, policy));
  const ids = new Set<string>();
  const nos = new Set<number>();
  for (const r of rooms) {
    if (ids.has(r.id)) problems.push(`考场“${r.name}”重复`);
    if (nos.has(r.roomNo)) problems.push(`考场号${r.roomNo}被多个考场使用`);
    ids.add(r.id);
    nos.add(r.roomNo);
  }
  if (problems.length > 0) throw new SeatingRefused('ROOM_INVALID', problems.join('；'), { problems });
}

interface Slot {
  room: number;
  seat: number;
  neighbours: number[];
}

function buildSlots(rooms: readonly Room[]): { slots: Slot[]; slotOf: Map<string, number> } {
  const slots: Slot[] = [];
  const slotOf = new Map<string, number>();
  rooms.forEach((room, r) => {
    for (let seat = 1; seat <= room.capacity; seat++) {
      slotOf.set(`${room.id}#${seat}`, slots.length);
      slots.push({ room: r, seat, neighbours: [] });
    }
  });
  for (const s of slots) {
    const room = rooms[s.room]!;
    s.neighbours = neighbourSeats(room, s.seat).map((n) => slotOf.get(`${room.id}#${n}`)!);
  }
  return { slots, slotOf };
}

/**
 * Arrange seats for `candidates` in `rooms`. Fixed assignments are kept exactly; everyone else is
 * placed to minimise neighbours sharing a paper form, then neighbours sharing occupation and level.
 * The result depends only on the seed and the data (not on the order of `candidates`).
 *
 * Throws `SeatingRefused`: `ROOM_INVALID` (bad room, duplicate 考场号, over capacity policy),
 * `FIXED_SEAT_INVALID` (unknown candidate/room, seat out of range, seat or candidate twice),
 * `NOT_ENOUGH_SEATS` (more candidates than seats).
 *
 * Example: 15 candidates on form A and 15 on form B in one 5×6 room → a checkerboard, `conflicts: 0`.
 */
export function arrangeSeats(
  candidates: readonly SeatingCandidate[],
  rooms: readonly Room[],
  options: SeatingOptions,
): SeatingResult {
  checkRooms(rooms, options.policy ?? ROOM_POLICY);
  const people = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(people.map((c, i) => [c.id, i]));
  if (index.size !== people.length) {
    throw new SeatingRefused('CANDIDATE_UNKNOWN', '考生名单中有重复的考生', {});
  }
  const { slots, slotOf } = buildSlots(rooms);
  const occupant: number[] = slots.map(() => -1);
  const locked: boolean[] = slots.map(() => false);

  const placed = new Set<number>();
  for (const f of options.fixed ?? []) {
    const ci = index.get(f.candidateId);
    const si = slotOf.get(`${f.roomId}#${f.seat}`);
    const where = { candidateId: f.candidateId, roomId: f.roomId, seat: f.seat };
    if (ci === undefined) throw new SeatingRefused('FIXED_SEAT_INVALID', `已发准考证的考生${f.candidateId}不在本次编排名单中`, where);
    if (si === undefined) throw new SeatingRefused('FIXED_SEAT_INVALID', `考生${f.candidateId}的已定座位（考场${f.roomId}，${f.seat}号）不存在`, where);
    if (placed.has(ci)) throw new SeatingRefused('FIXED_SEAT_INVALID', `考生${f.candidateId}有两个已定座位`, where);
    if (occupant[si] !== -1) throw new SeatingRefused('FIXED_SEAT_INVALID', `考场${f.roomId}的${f.seat}号座位被两名考生占用`, where);
    occupant[si] = ci;
    locked[si] = true;
    placed.add(ci);
  }

  const free = people.map((_, i) => i).filter((i) => !placed.has(i));
  const freeSeats = rooms.map((_, r) => slots.filter((s, si) => s.room === r && !locked[si]).length);
  const available = freeSeats.reduce((a, b) => a + b, 0);
  if (free.length > available) {
    throw new SeatingRefused('NOT_ENOUGH_SEATS', `座位不足：还需安排${free.length}名考生，只剩${available}个座位`, {
      needed: free.length,
      available,
    });
  }

  // How many newcomers each room takes.
  const take = rooms.map(() => 0);
  if ((options.fill ?? 'inOrder') === 'inOrder') {
    let left = free.length;
    rooms.forEach((_, r) => {
      take[r] = Math.min(freeSeats[r]!, left);
      left -= take[r]!;
    });
  } else {
    for (let k = 0; k < free.length; k++) {
      let best = -1;
      let bestRatio = Infinity;
      rooms.forEach((room, r) => {
        if (take[r]! >= freeSeats[r]!) return;
        const ratio = (room.capacity - freeSeats[r]! + take[r]!) / room.capacity;
        if (ratio < bestRatio) [best, bestRatio] = [r, ratio];
      });
      take[best]! += 1;
    }
  }

  const rng = createRng(`seating:${options.seed}`);
  const groups = new Map<string, number[]>();
  for (const i of free) {
    const key = people[i]!.paperKey;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  const queues = shuffled([...groups.keys()].sort(), rng).map((k) => shuffled(groups.get(k)!, rng));

  const cost = (si: number, ci: number): number => {
    let c = 0;
    for (const n of slots[si]!.neighbours) {
      const o = occupant[n]!;
      if (o >= 0) c += pairCost(people[ci]!, people[o]!);
    }
    return c;
  };

  // Greedy fill: the first `take[r]` free seats of each room, in seat order.
  for (const [r] of rooms.entries()) {
    let left = take[r]!;
    for (let si = 0; si < slots.length && left > 0; si++) {
      if (slots[si]!.room !== r || locked[si]) continue;
      let bestQ = -1;
      let bestCost = Infinity;
      for (const [q, queue] of queues.entries()) {
        if (queue.length === 0) continue;
        const c = cost(si, queue[0]!);
        if (c < bestCost || (c === bestCost && queue.length > queues[bestQ]!.length)) [bestQ, bestCost] = [q, c];
      }
      occupant[si] = queues[bestQ]!.shift()!;
      left--;
    }
  }

  // Moves are swaps between movable seats; an empty seat only swaps within its room, so each room
  // keeps its head count.
  const movable = slots.map((_, si) => si).filter((si) => !locked[si]);
  const local = (si: number): number => (occupant[si]! >= 0 ? cost(si, occupant[si]!) : 0);
  const swap = (a: number, b: number) => {
    const t = occupant[a]!;
    occupant[a] = occupant[b]!;
    occupant[b] = t;
  };
  const allowed = (a: number, b: number) =>
    a !== b && (occupant[a]! >= 0 || occupant[b]! >= 0) && ((occupant[a]! >= 0 && occupant[b]! >= 0) || slots[a]!.room === slots[b]!.room);
  const swapDelta = (a: number, b: number): number => {
    const adjacent = slots[a]!.neighbours.includes(b);
    const shared = () =>
      adjacent && occupant[a]! >= 0 && occupant[b]! >= 0 ? pairCost(people[occupant[a]!]!, people[occupant[b]!]!) : 0;
    const before = local(a) + local(b) - shared();
    swap(a, b);
    const after = local(a) + local(b) - shared();
    swap(a, b);
    return after - before;
  };
  const total = () => slots.reduce((sum, _, si) => sum + local(si), 0) / 2;

  // Steepest descent: for each seat that still costs something, take the best improving swap.
  const descend = () => {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let improved = false;
      for (const a of shuffled(movable, rng)) {
        if (occupant[a]! < 0 || local(a) === 0) continue;
        let bestB = -1;
        let bestDelta = 0;
        for (const b of movable) {
          if (!allowed(a, b)) continue;
          const d = swapDelta(a, b);
          if (d < bestDelta) [bestB, bestDelta] = [b, d];
        }
        if (bestB >= 0) {
          swap(a, bestB);
          improved = true;
        }
      }
      if (!improved) break;
    }
  };
  descend();

  // Descent stalls when two well-mixed regions meet out of step (a "domain wall" on the
  // checkerboard); simulated annealing with seeded random swaps gets past it. The temperature starts
  // at the cost of a form clash so clashes can be traded early on, and ends well below the mixing cost.
  let current = total();
  if (current > 0 && movable.length > 1) {
    let best = occupant.slice();
    let bestCost = current;
    const iterations = Math.min(ANNEAL_MAX_ITERATIONS, ANNEAL_ITERATIONS_PER_SEAT * movable.length);
    const [t0, t1] = [FORM_CLASH, 0.05];
    for (let k = 0; k < iterations && bestCost > 0; k++) {
      const temperature = t0 * Math.pow(t1 / t0, k / iterations);
      const a = movable[rng.int(movable.length)]!;
      const b = movable[rng.int(movable.length)]!;
      if (!allowed(a, b)) continue;
      const d = swapDelta(a, b);
      if (d <= 0 || rng.next() < Math.exp(-d / temperature)) {
        swap(a, b);
        current += d;
        if (current < bestCost) [best, bestCost] = [occupant.slice(), current];
      }
    }
    best.forEach((o, si) => (occupant[si] = o));
    descend();
  }

  const assignments: SeatAssignment[] = [];
  slots.forEach((s, si) => {
    if (occupant[si]! >= 0) assignments.push({ candidateId: people[occupant[si]!]!.id, roomId: rooms[s.room]!.id, seat: s.seat });
  });
  return { assignments, ...countNeighbourConflicts(assignments, candidates, rooms) };
}

/**
 * Count neighbour pairs sharing a paper form (conflicts) and sharing occupation and level on
 * different forms, for any arrangement (e.g. after manual moves). Assignments naming unknown rooms
 * or candidates are ignored.
 */
export function countNeighbourConflicts(
  assignments: readonly SeatAssignment[],
  candidates: readonly SeatingCandidate[],
  rooms: readonly Room[],
): Pick<SeatingResult, 'conflicts' | 'conflictPairs' | 'sameOccupationLevelPairs'> {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const at = new Map<string, SeatingCandidate>();
  for (const a of assignments) {
    const c = byId.get(a.candidateId);
    if (c) at.set(`${a.roomId}#${a.seat}`, c);
  }
  const conflictPairs: NeighbourConflict[] = [];
  let sameOccupationLevelPairs = 0;
  for (const room of rooms) {
    for (let seat = 1; seat <= room.capacity; seat++) {
      const me = at.get(`${room.id}#${seat}`);
      if (!me) continue;
      for (const n of neighbourSeats(room, seat)) {
        if (n <= seat) continue; // each pair once
        const other = at.get(`${room.id}#${n}`);
        if (!other) continue;
        if (other.paperKey === me.paperKey) conflictPairs.push({ roomId: room.id, seats: [seat, n], paperKey: me.paperKey });
        else if (other.occupationCode === me.occupationCode && other.level === me.level) sameOccupationLevelPairs++;
      }
    }
  }
  return { conflicts: conflictPairs.length, conflictPairs, sameOccupationLevelPairs };
}
