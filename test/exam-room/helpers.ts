/** Small steps the realtime walkthroughs share: join a seat, watch as proctor, open the sitting. */
import type { AttemptSnapshot, PaperView } from '../../server/realtime/contract';
import { call, nextEvent, okData, type ClientSocket, type RoomServer } from './fixtures';

export const DEVICE_A = 'device-aaaaaaaaaaaa';
export const DEVICE_B = 'device-bbbbbbbbbbbb';

/** Candidate on seat `seat` connected and resumed from `device`. */
export async function join(t: RoomServer, seat: number, device = DEVICE_A, opts: { reconnection?: boolean } = {}): Promise<{ s: ClientSocket; snap: AttemptSnapshot; cookie: string }> {
  const cookie = await t.candidate(seat);
  const s = await t.connect(cookie, opts);
  const snap = okData(await call(s, 'attempt:resume', { deviceId: device }));
  return { s, snap, cookie };
}

/** A staff member watching the fixture room. */
export async function watch(t: RoomServer, user = 'proctor1') {
  const s = await t.connect(await t.staff(user));
  const snap = okData(await call(s, 'room:watch', { sitting: t.fixture.sittingId, room: t.fixture.roomId }));
  return { s, snap };
}

export const target = (t: RoomServer, reason = '测试') => ({ sitting: t.fixture.sittingId, room: t.fixture.roomId, reason });

/** Open the sitting as proctor1 (with a waiting candidate socket, wait until it hears about it). */
export async function openSitting(t: RoomServer, p: ClientSocket, waiting?: ClientSocket): Promise<void> {
  const heard = waiting ? nextEvent(waiting, 'sitting:opened') : null;
  okData(await call(p, 'proctor:open', { ...target(t), reason: '核验身份完毕，开考' }));
  await heard;
}

/** Join and be in the answering phase: returns the snapshot with the paper. */
export async function answering(t: RoomServer, seat: number, device = DEVICE_A) {
  const j = await join(t, seat, device);
  const snap = okData(await call(j.s, 'attempt:resume', { deviceId: device }));
  if (snap.clock.phase !== 'answering') throw new Error(`expected answering, got ${snap.clock.phase}`);
  return { ...j, snap, paper: paperOf(snap) };
}

/** The paper of a snapshot (a binary attachment: UTF-8 JSON). */
export function paperOf(snap: AttemptSnapshot): PaperView {
  if (!snap.paper) throw new Error('no paper in the snapshot');
  return JSON.parse(Buffer.from(snap.paper as Uint8Array).toString('utf8')) as PaperView;
}

export async function storedResponses(t: RoomServer, attemptId: number) {
  return t.db.db.selectFrom('responses').selectAll().where('attempt_id', '=', attemptId).orderBy('item_key').execute();
}

export async function events(t: RoomServer, attemptId: number) {
  return t.db.db.selectFrom('attempt_events').selectAll().where('attempt_id', '=', attemptId).orderBy('id').execute();
}

export async function attemptRow(t: RoomServer, attemptId: number) {
  return t.db.db.selectFrom('attempts').selectAll().where('id', '=', attemptId).executeTakeFirstOrThrow();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
