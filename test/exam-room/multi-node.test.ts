/**
 * The proctor's live room view with two server nodes over one database and the Redis adapter: the view
 * is the same whatever node the proctor and each candidate are on, a proctor gets each change once, and
 * the candidates of a node that died go offline within the reconcile period.
 */
import type { Server as HttpServer } from 'node:http';
import { serve } from '@hono/node-server';
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase, type DbHandle, type Dialect } from '../../server/db/connect';
import { seedDemo } from '../../server/demo/seed';
import { demoSeeders } from '../../server/demo/seeders';
import { registerRoomHandlers, roomRuntime, type RoomRuntime } from '../../server/exam-room';
import type { AppDeps } from '../../server/http/context';
import { createRealtime, type Realtime } from '../../server/realtime';
import type { RoomLogEntry, SeatLive } from '../../server/realtime/contract';
import { testClock } from '../support/app';
import { dialects, freshDatabase, redisAvailable, TEST_PG_URL, TEST_REDIS_URL, type TestDb } from '../support/databases';
import { buildRoomFixture, call, nextEvent, okData, type ClientSocket, type RoomFixture } from './fixtures';
import { paperOf, sleep } from './helpers';

const REDIS_URL = TEST_REDIS_URL;
const redisUp = await redisAvailable('the multi-node live room test is');
const DIALECTS = redisUp ? await dialects() : [];

/** Reconcile period of the test nodes (production: 10 s). */
const RECONCILE_MS = 300;

interface Node {
  url: string;
  rt: RoomRuntime;
  realtime: Realtime;
  errors: unknown[];
  connect(cookie: string): Promise<ClientSocket>;
  login(path: string, body: unknown): Promise<string>;
  close(): Promise<void>;
}

/** One server node (HTTP + socket.io + the Redis adapter) over its own connection to the shared database. */
async function startNode(dialect: Dialect, db: TestDb, clock: ReturnType<typeof testClock>): Promise<Node> {
  const handle: DbHandle = dialect === 'sqlite'
    ? openDatabase({ databaseUrl: null, sqlitePath: db.sqlitePath! })
    : openDatabase({ databaseUrl: TEST_PG_URL, sqlitePath: '', pgSchema: db.pgSchema!, pgPoolSize: 5 });
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: db.sqlitePath ?? '/nonexistent/unused.sqlite', PUBLIC_ORIGIN: 'https://exam.example.cn', REDIS_URL });
  const errors: unknown[] = [];
  const ref: { current: Realtime | null } = { current: null };
  const deps: AppDeps = {
    db: handle.db, dialect, config, now: clock.now, log: (e) => errors.push(e),
    events: { emit: (room, event, payload) => (ref.current?.io.to(room) as unknown as { emit(e: string, p: unknown): void } | undefined)?.emit(event, payload) },
  };
  const server = await new Promise<HttpServer>((resolve) => {
    const s = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as HttpServer));
  });
  const realtime = await createRealtime(server, deps, [registerRoomHandlers]);
  ref.current = realtime;
  const rt = roomRuntime(deps);
  rt.attach(realtime.io, 100, { reconcileMs: RECONCILE_MS });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const sockets: ClientSocket[] = [];
  return {
    url, rt, realtime, errors,
    connect: (cookie) =>
      new Promise((resolve, reject) => {
        const s: ClientSocket = ioClient(url, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true, reconnection: false });
        sockets.push(s);
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      }),
    login: async (p, body) => {
      const res = await fetch(url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 200) throw new Error(`${p} failed: ${res.status} ${await res.text()}`);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    },
    close: async () => {
      for (const s of sockets) s.disconnect();
      await realtime.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rt.stop();
      await handle.close();
    },
  };
}

const seatOf = (seats: SeatLive[], seatNo: number) => seats.find((s) => s.seatNo === seatNo);

describe.skipIf(!redisUp).each(DIALECTS)('live room across two nodes (%s)', (dialect) => {
  let db: TestDb;
  let a: Node;
  let b: Node;
  let fixture: RoomFixture;
  const clock = testClock();
  const closed = new Set<Node>();

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    await seedDemo(db.db, clock.now(), demoSeeders);
    fixture = await buildRoomFixture(db.db, { now: clock.now(), candidates: 3, proctors: ['proctor1', 'proctor2'] });
    a = await startNode(dialect, db, clock);
    b = await startNode(dialect, db, clock);
  }, 60_000);

  afterAll(async () => {
    for (const n of [a, b]) if (n && !closed.has(n)) await n.close();
    await db?.dispose();
  });

  const ref = () => ({ sitting: fixture.sittingId, room: fixture.roomId });
  const staff = async (node: Node, username: string) => node.connect(await node.login('/api/auth/login', { username, password: 'Demo2026!' }));
  const candidate = async (node: Node, seatNo: number) => {
    const c = fixture.candidates.find((x) => x.seatNo === seatNo)!;
    return node.connect(await node.login('/api/auth/candidate-login', { ticketNo: c.ticketNo, idNumber: c.idNumber }));
  };
  const seatEvent = (p: ClientSocket, seatNo: number, pred: (s: SeatLive) => boolean) =>
    nextEvent(p, 'room:seats', (e) => e.room === fixture.roomId && e.seats.some((s) => s.seatNo === seatNo && pred(s)));

  let proctorA: ClientSocket;
  let attempt1 = 0;

  it('a proctor on node A sees a candidate of node B come online, answer, and go offline', async () => {
    proctorA = await staff(a, 'proctor1');
    const watched = okData(await call(proctorA, 'room:watch', ref()));
    expect(seatOf(watched.seats, 1)?.online).toBe(false);

    const online = seatEvent(proctorA, 1, (s) => s.online);
    const cand = await candidate(b, 1);
    const lobby = okData(await call(cand, 'attempt:resume', { deviceId: 'device-node-b-0001' }));
    attempt1 = lobby.attemptId;
    const seen = await online;
    expect(seatOf(seen.seats, 1)?.attemptId).toBe(attempt1);

    // The proctor on A opens the room; the candidate on B hears of it and gets the paper.
    const opened = nextEvent(cand, 'sitting:opened');
    okData(await call(proctorA, 'proctor:open', { ...ref(), reason: '核验身份完毕，开考' }));
    await opened;
    const snap = okData(await call(cand, 'attempt:resume', { deviceId: 'device-node-b-0001' }));
    expect(snap.clock.phase).toBe('answering');
    const singles = paperOf(snap).items.filter((i) => i.type === 'single');

    const one = seatEvent(proctorA, 1, (s) => s.answered === 1);
    okData(await call(cand, 'answer:save', { attempt: attempt1, item: singles[0]!.id, seq: 1, value: ['A'] }));
    expect(seatOf((await one).seats, 1)?.phase).toBe('answering');
    const two = seatEvent(proctorA, 1, (s) => s.answered === 2);
    okData(await call(cand, 'answer:save', { attempt: attempt1, item: singles[1]!.id, seq: 2, value: ['B'] }));
    await two;

    // Paused on A: the candidate's heartbeat, answered by B from memory, has the paused clock.
    const paused = nextEvent(cand, 'attempt:clock', (e) => e.clock.phase === 'paused');
    okData(await call(proctorA, 'proctor:pause', { ...ref(), reason: '考生身体不适', attempt: attempt1 }));
    await paused;
    expect(okData(await call(cand, 'attempt:heartbeat', { attempt: attempt1 })).clock.phase).toBe('paused');
    const resumed = nextEvent(cand, 'attempt:clock', (e) => e.clock.phase === 'answering');
    okData(await call(proctorA, 'proctor:resume', { ...ref(), reason: '考生恢复', attempt: attempt1 }));
    await resumed;
    expect(okData(await call(cand, 'attempt:heartbeat', { attempt: attempt1 })).clock.phase).toBe('answering');

    const offline = seatEvent(proctorA, 1, (s) => !s.online);
    cand.disconnect();
    const gone = seatOf((await offline).seats, 1)!;
    expect(gone.offlineSince).not.toBeNull();
    expect(gone.answered).toBe(2);
  });

  it('a warning given on node A shows to a second proctor watching from node B, once to the first', async () => {
    const proctorB = await staff(b, 'proctor2');
    const watched = okData(await call(proctorB, 'room:watch', ref()));
    // B loaded the room after everything above: its snapshot already agrees with A's view.
    expect(seatOf(watched.seats, 1)).toMatchObject({ answered: 2, online: false, phase: 'answering' });

    const logA: RoomLogEntry[] = [];
    proctorA.on('room:log', (e) => logA.push(...e.entries));
    const warnedSeat = seatEvent(proctorB, 1, (s) => s.warnings === 1);
    const warnedLog = nextEvent(proctorB, 'room:log', (e) => e.entries.some((l) => l.kind === 'warning' && l.seatNo === 1));
    okData(await call(proctorA, 'proctor:warn', { ...ref(), reason: '东张西望', attempt: attempt1, message: '请勿东张西望' }));
    await warnedSeat;
    expect((await warnedLog).entries.find((l) => l.kind === 'warning')?.text).toContain('请勿东张西望');

    await sleep(500); // several ticks of both nodes: a copy relayed by node B would have arrived by now
    expect(logA.filter((l) => l.kind === 'warning' && l.text.includes('请勿东张西望'))).toHaveLength(1);
    proctorB.disconnect();
  });

  it('the candidates of a node that dies show offline on node A within the reconcile period', async () => {
    const online = seatEvent(proctorA, 3, (s) => s.online);
    const cand = await candidate(b, 3);
    okData(await call(cand, 'attempt:resume', { deviceId: 'device-node-b-0003' }));
    await online;

    // A dead node says nothing: nothing B would still send reaches A.
    (b.realtime.io as unknown as { serverSideEmit: () => boolean }).serverSideEmit = () => true;
    const offline = seatEvent(proctorA, 3, (s) => !s.online && s.offlineSince !== null);
    closed.add(b);
    await b.close();
    await offline;
  });
});
