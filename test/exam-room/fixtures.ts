/**
 * Fixture builders for the exam-room tests: a paper with its pinned item rows (written directly, so the
 * tests do not wait for the question bank's demo), a sitting with a room, candidates and seats in the
 * demo batch, and a real server (HTTP + socket.io) on a random port over a fresh database of either
 * dialect with a controllable clock.
 */
import { mkdtempSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Kysely } from 'kysely';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import type { Dialect } from '../../server/db/connect';
import type { Database } from '../../server/db/schema';
import { seedDemo } from '../../server/demo/seed';
import { demoSeeders } from '../../server/demo/seeders';
import type { AppDeps } from '../../server/http/context';
import { createRealtime, type Realtime } from '../../server/realtime';
import type { ClientToServerEvents, Result, ServerToClientEvents } from '../../server/realtime/contract';
import { registerRoomHandlers, roomRuntime, type RoomRuntime } from '../../server/exam-room';
import type { Paper, PaperItem } from '../../question-bank/types';
import { freshDatabase, type TestDb } from '../support/databases';
import { testClock } from '../support/app';

/** Secret markers that must never reach a candidate. */
export const REFERENCE_MARKER = 'REFERENCE-ANSWER-参考答案-7f3a';

export interface FixtureItem {
  pin: PaperItem;
  stem: string;
  options: { label: string; text: string; fraction?: number }[];
  reference?: string;
}

/** Six items of every type; the correct options carry an import `fraction` the server must strip. */
export function fixtureItems(prefix = 'rx'): FixtureItem[] {
  const choice = (labels: string[], key: string[]) => labels.map((l) => ({ label: l, text: `选项${l}的内容`, ...(key.includes(l) ? { fraction: 1 } : {}) }));
  return [
    { pin: { itemId: `${prefix}-j1`, version: 1, type: 'judge', pointCode: 'A-A-001', marks: 1, key: ['T'], optionLabels: ['T', 'F'] }, stem: '电气设备的金属外壳应可靠接地。', options: [{ label: 'T', text: '正确' }, { label: 'F', text: '错误' }] },
    { pin: { itemId: `${prefix}-j2`, version: 2, type: 'judge', pointCode: 'A-A-002', marks: 1, key: ['F'], optionLabels: [] }, stem: '带电作业时可以单人操作。', options: [] },
    { pin: { itemId: `${prefix}-s1`, version: 1, type: 'single', pointCode: 'A-B-001', marks: 1, key: ['C'], optionLabels: ['A', 'B', 'C', 'D'] }, stem: '我国工频交流电的频率是（　）Hz。', options: choice(['A', 'B', 'C', 'D'], ['C']) },
    { pin: { itemId: `${prefix}-s2`, version: 1, type: 'single', pointCode: 'A-B-002', marks: 1, key: ['A'], optionLabels: ['A', 'B', 'C', 'D'] }, stem: '兆欧表用于测量（　）。', options: choice(['A', 'B', 'C', 'D'], ['A']) },
    { pin: { itemId: `${prefix}-m1`, version: 1, type: 'multi', pointCode: 'B-A-001', marks: 2, key: ['A', 'C', 'D'], optionLabels: ['A', 'B', 'C', 'D', 'E'] }, stem: '下列属于安全用具的有（　）。', options: choice(['A', 'B', 'C', 'D', 'E'], ['A', 'C', 'D']) },
    { pin: { itemId: `${prefix}-q1`, version: 1, type: 'subjective', pointCode: 'C-A-001', marks: 10, key: [], optionLabels: [] }, stem: '简述触电急救的步骤。', options: [], reference: REFERENCE_MARKER },
  ];
}

export interface RoomFixture {
  sittingId: number;
  roomId: number;
  paperId: number;
  items: FixtureItem[];
  candidates: { id: number; name: string; ticketNo: string; idNumber: string; seatNo: number }[];
}

let fixtureSerial = 0;

/**
 * A theory sitting of the demo batch with one room, `candidates` seated candidates (电工 四级), the
 * demo proctors assigned, and a released fixture paper. Defaults keep the sitting in the future
 * (15:00 Beijing on the clock's day), so it opens only when a test opens it.
 */
export async function buildRoomFixture(
  db: Kysely<Database>,
  opts: { now: Date; candidates?: number; startTime?: string; durationMin?: number; graceSeconds?: number; sebJson?: string | null; proctors?: string[] } ,
): Promise<RoomFixture> {
  const n = ++fixtureSerial;
  const at = opts.now.toISOString();
  const batch = await db.selectFrom('batches').select(['id', 'organization_id']).where('code', '=', '261101').executeTakeFirstOrThrow();
  const occ = await db.selectFrom('occupations').select('id').where('code', '=', '6-31-01-03').executeTakeFirstOrThrow();
  const office = await db.selectFrom('users').select('id').where('username', '=', 'office').executeTakeFirstOrThrow();
  const items = fixtureItems(`rx${n}`);
  for (const it of items) {
    await db
      .insertInto('items')
      .values({
        item_uid: it.pin.itemId, version: it.pin.version, occupation_id: occ.id, level: 4, type: it.pin.type, stem: it.stem,
        options_json: JSON.stringify(it.options), key_json: JSON.stringify(it.pin.key), reference: it.reference ?? null,
        point_code: it.pin.pointCode, difficulty: 0.6, discrimination: 0.3, enemy_group: null, status: 'active', created_by: office.id, created_at: at,
      })
      .execute();
  }
  const paper: Paper = {
    form: 'A',
    spec: {
      occupationCode: '6-31-01-03', level: 4, component: 'theory',
      sections: [{ type: 'judge', count: 2, marksPerItem: 1 }, { type: 'single', count: 2, marksPerItem: 1 }, { type: 'multi', count: 1, marksPerItem: 2 }, { type: 'subjective', count: 1, marksPerItem: 10 }],
      durationMin: opts.durationMin ?? 60, passMark: 60, multiRule: { kind: 'allOrNothing' },
    },
    items: items.map((i) => i.pin),
  };
  const set = await db
    .insertInto('paper_sets')
    .values({ occupation_id: occ.id, level: 4, component: 'theory', seed: `fixture-${n}`, algorithm_version: 'fixture', bank_hash: 'fixture', quality_json: '{}', created_by: office.id, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const paperRow = await db
    .insertInto('papers')
    .values({ paper_set_id: set.id, form: 'A', status: 'released', content_json: JSON.stringify(paper), approved_by: office.id, approved_at: at, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sitting = await db
    .insertInto('sittings')
    .values({
      batch_id: batch.id, component: 'theory', date: new Date(opts.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10), start_time: opts.startTime ?? '15:00',
      duration_min: opts.durationMin ?? 60, venue: '测试考点', status: 'scheduled', grace_seconds: opts.graceSeconds ?? 30, seb_json: opts.sebJson ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('sitting_papers').values({ sitting_id: sitting.id, occupation_id: occ.id, level: 4, paper_set_id: set.id, paper_id: paperRow.id }).execute();
  const room = await db.insertInto('rooms').values({ batch_id: batch.id, name: `测试第${n}考场`, venue: '测试考点101', capacity: 30, columns: 5 }).returning('id').executeTakeFirstOrThrow();
  for (const username of opts.proctors ?? ['proctor1']) {
    const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    await db.insertInto('staff_assignments').values({ batch_id: batch.id, user_id: u.id, duty: 'proctor', sitting_id: sitting.id, room_id: room.id, group_name: null }).execute();
  }
  const candidates: RoomFixture['candidates'] = [];
  for (let i = 1; i <= (opts.candidates ?? 3); i++) {
    const idNumber = `4401${String(n).padStart(4, '0')}${String(i).padStart(6, '0')}X${i}`.slice(0, 18);
    const name = `考生${n}-${i}`;
    const c = await db
      .insertInto('candidates')
      .values({ batch_id: batch.id, occupation_id: occ.id, level: 4, name, gender: '男', id_type: '201', id_number: idNumber, birth_date: '1990-01-01', components_json: '["theory"]', created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ticketNo = `9${String(n).padStart(5, '0')}${String(i).padStart(4, '0')}`;
    await db.insertInto('seat_assignments').values({ sitting_id: sitting.id, room_id: room.id, seat_no: i, candidate_id: c.id, ticket_no: ticketNo, ticket_issued: 1 }).execute();
    candidates.push({ id: c.id, name, ticketNo, idNumber, seatNo: i });
  }
  return { sittingId: sitting.id, roomId: room.id, paperId: paperRow.id, items, candidates };
}

/**
 * A further room of the fixture's sitting with its own seated candidates and proctors (default: the demo
 * proctor2, who is not assigned to the first room).
 */
export async function addFixtureRoom(
  db: Kysely<Database>,
  fixture: RoomFixture,
  opts: { now: Date; candidates?: number; proctors?: string[] },
): Promise<{ roomId: number; candidates: RoomFixture['candidates'] }> {
  const n = ++fixtureSerial;
  const at = opts.now.toISOString();
  const batch = await db.selectFrom('batches').select('id').where('code', '=', '261101').executeTakeFirstOrThrow();
  const occ = await db.selectFrom('occupations').select('id').where('code', '=', '6-31-01-03').executeTakeFirstOrThrow();
  const room = await db.insertInto('rooms').values({ batch_id: batch.id, name: `测试第${n}考场`, venue: '测试考点102', capacity: 30, columns: 5 }).returning('id').executeTakeFirstOrThrow();
  for (const username of opts.proctors ?? ['proctor2']) {
    const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    await db.insertInto('staff_assignments').values({ batch_id: batch.id, user_id: u.id, duty: 'proctor', sitting_id: fixture.sittingId, room_id: room.id, group_name: null }).execute();
  }
  const candidates: RoomFixture['candidates'] = [];
  for (let i = 1; i <= (opts.candidates ?? 2); i++) {
    const idNumber = `4402${String(n).padStart(4, '0')}${String(i).padStart(6, '0')}X${i}`.slice(0, 18);
    const name = `考生${n}-${i}`;
    const c = await db
      .insertInto('candidates')
      .values({ batch_id: batch.id, occupation_id: occ.id, level: 4, name, gender: '女', id_type: '201', id_number: idNumber, birth_date: '1991-01-01', components_json: '["theory"]', created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ticketNo = `8${String(n).padStart(5, '0')}${String(i).padStart(4, '0')}`;
    await db.insertInto('seat_assignments').values({ sitting_id: fixture.sittingId, room_id: room.id, seat_no: i, candidate_id: c.id, ticket_no: ticketNo, ticket_issued: 1 }).execute();
    candidates.push({ id: c.id, name, ticketNo, idNumber, seatNo: i });
  }
  return { roomId: room.id, candidates };
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A running exam-room server for realtime tests. */
export interface RoomServer {
  url: string;
  db: TestDb;
  deps: AppDeps;
  clock: ReturnType<typeof testClock>;
  rt: RoomRuntime;
  errors: unknown[];
  fixture: RoomFixture;
  /** Session cookie of a demo staff user or a fixture candidate (by seat number). */
  staff(username: string): Promise<string>;
  candidate(seatNo: number): Promise<string>;
  /** Session cookie of any candidate (e.g. one of a room added with `addFixtureRoom`). */
  candidateLogin(c: { ticketNo: string; idNumber: string }): Promise<string>;
  /** A connected socket.io client with that cookie (websocket transport, no automatic reconnection unless asked). */
  connect(cookie: string, opts?: { reconnection?: boolean }): Promise<ClientSocket>;
  close(): Promise<void>;
}

/** Start a real server over a fresh database of `dialect`, with the demo data and one room fixture. */
export async function startRoomServer(dialect: Dialect, fixtureOpts: Omit<Parameters<typeof buildRoomFixture>[1], 'now'> = {}): Promise<RoomServer> {
  const db = await freshDatabase(dialect);
  const clock = testClock();
  const errors: unknown[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'skillcert-room-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: db.sqlitePath ?? path.join(dir, 'unused.sqlite'), PUBLIC_ORIGIN: 'https://exam.example.cn' });
  const realtimeRef: { current: Realtime | null } = { current: null };
  const deps: AppDeps = {
    db: db.db, dialect, config, now: clock.now, log: (e) => errors.push(e),
    events: { emit: (room, event, payload) => (realtimeRef.current?.io.to(room) as unknown as { emit(e: string, p: unknown): void } | undefined)?.emit(event, payload) },
  };
  await seedDemo(db.db, clock.now(), demoSeeders);
  const fixture = await buildRoomFixture(db.db, { now: clock.now(), ...fixtureOpts });
  const app = createApp(deps);
  const server = await new Promise<HttpServer>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as HttpServer));
  });
  const realtime = await createRealtime(server, deps, [registerRoomHandlers]);
  realtimeRef.current = realtime;
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const sockets: ClientSocket[] = [];
  const post = async (p: string, body: unknown) => {
    const res = await fetch(url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`${p} failed: ${res.status} ${await res.text()}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const rt = roomRuntime(deps);
  rt.attach(realtime.io, 3_600_000); // tests drive the tick themselves (rt.tick()) with the controlled clock
  return {
    url, db, deps, clock, rt, errors, fixture,
    staff: (username) => post('/api/auth/login', { username, password: 'Demo2026!' }),
    candidate: (seatNo) => {
      const c = fixture.candidates.find((x) => x.seatNo === seatNo)!;
      return post('/api/auth/candidate-login', { ticketNo: c.ticketNo, idNumber: c.idNumber });
    },
    candidateLogin: (c) => post('/api/auth/candidate-login', { ticketNo: c.ticketNo, idNumber: c.idNumber }),
    connect: (cookie, o = {}) =>
      new Promise((resolve, reject) => {
        const s: ClientSocket = ioClient(url, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true, reconnection: o.reconnection ?? false, reconnectionDelay: 100, reconnectionDelayMax: 300 });
        sockets.push(s);
        s.once('connect', () => resolve(s));
        s.once('connect_error', (e) => reject(e));
      }),
    close: async () => {
      for (const s of sockets) s.disconnect();
      await realtime.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rt.stop();
      await db.dispose();
    },
  };
}

/** Emit with an ack and return the `Result` (rejects only when no ack arrives within 5 s). */
export function call<E extends keyof ClientToServerEvents>(
  s: ClientSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return (s.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<never> }).emitWithAck(event, payload);
}

/** The data of an ok result, or a thrown error naming the refusal. */
export function okData<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.data;
}

/** Wait until `pred` holds for a received event (rejects after 5 s). */
export function nextEvent<E extends keyof ServerToClientEvents>(s: ClientSocket, event: E, pred: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5000);
    const handler = (...args: unknown[]) => {
      if (!(pred as (...a: unknown[]) => boolean)(...args)) return;
      clearTimeout(timer);
      (s.off as (e: string, f: unknown) => void)(event, handler);
      resolve(args[0] as Parameters<ServerToClientEvents[E]>[0]);
    };
    (s.on as (e: string, f: unknown) => void)(event, handler);
  });
}
