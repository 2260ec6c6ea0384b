/**
 * A room watched live (proctor or supervisor): `room:watch` gives the snapshot, then `room:seats`,
 * `room:sitting` and `room:log` keep it current (about once a second). Re-watches after a reconnect.
 */
import { createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { ClientToServerEvents, RoomLogEntry, RoomSnapshot, SeatLive } from '../../../server/realtime/contract';
import { openSocket, request, ServerClock } from '../lib/socket';

type ProctorEvent = Extract<keyof ClientToServerEvents, `proctor:${string}`>;

/** Watch one room live over the socket; `act` runs a proctor action and resolves with an error message or null. */
export function createLiveRoom(sittingId: number, roomId: number) {
  const s = openSocket();
  const clock = new ServerClock();
  const [snapshot, setSnapshot] = createSignal<Omit<RoomSnapshot, 'seats' | 'log'> | null>(null);
  const [seats, setSeats] = createStore<Record<number, SeatLive>>({});
  const [log, setLog] = createSignal<RoomLogEntry[]>([]);
  const [online, setOnline] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [tick, setTick] = createSignal(0);

  async function watch(): Promise<void> {
    const r = await request(s, 'room:watch', { sitting: sittingId, room: roomId });
    if (!r.ok) return void setError(r.error.message);
    setError(null);
    const { seats: list, log: entries, ...rest } = r.data;
    setSnapshot(rest);
    setSeats(reconcile(Object.fromEntries(list.map((x) => [x.seatNo, x]))));
    setLog(entries);
  }

  s.on('connect', async () => {
    setOnline(true);
    await clock.sync(s, 3);
    await watch();
  });
  s.on('disconnect', () => setOnline(false));
  s.on('room:seats', (p) => {
    if (p.sitting !== sittingId || p.room !== roomId) return;
    for (const seat of p.seats) setSeats(seat.seatNo, reconcile(seat));
  });
  s.on('room:sitting', (p) => {
    if (p.room !== roomId) return;
    const cur = snapshot();
    if (cur) setSnapshot({ ...cur, sitting: p.sitting });
  });
  s.on('room:log', (p) => {
    if (p.sitting === sittingId && p.room === roomId) setLog((l) => [...l, ...p.entries].slice(-200));
  });
  const timer = setInterval(() => setTick((n) => n + 1), 1000);

  /** Run a proctor action; resolves with the server's Chinese error message, or null when done. */
  async function act<E extends ProctorEvent>(event: E, payload: Omit<Parameters<ClientToServerEvents[E]>[0], 'sitting' | 'room'>): Promise<string | null> {
    const r = await request(s, event, { ...payload, sitting: sittingId, room: roomId } as Parameters<ClientToServerEvents[E]>[0]);
    return r.ok ? null : r.error.message;
  }

  return {
    snapshot, seats, log, online, error, act,
    serverNow: () => (tick(), clock.now()),
    close: () => {
      clearInterval(timer);
      s.disconnect();
    },
  };
}

/** The live room object the view renders. */
export type LiveRoomStore = ReturnType<typeof createLiveRoom>;

/** The state word shown on a seat, with "offline N s" derived from the server clock. */
export function seatState(seat: SeatLive, now: number): { text: string; cls: string } {
  const offline = !seat.online && seat.phase !== 'absent' && seat.phase !== 'submitted';
  if (offline) {
    const secs = seat.offlineSince ? Math.max(0, Math.round((now - seat.offlineSince) / 1000)) : null;
    return { text: secs === null ? '离线' : `离线 ${secs} 秒`, cls: 'offline' };
  }
  switch (seat.phase) {
    case 'absent':
      return { text: '未到', cls: 'absent' };
    case 'lobby':
      return { text: '候考', cls: 'lobby' };
    case 'answering':
      return { text: '作答中', cls: 'answering' };
    case 'paused':
      return { text: '已暂停', cls: 'paused' };
    case 'submitted':
      return { text: '已交卷', cls: 'submitted' };
    default: {
      const never: never = seat.phase;
      return never;
    }
  }
}

/** Time left of a seat by the server clock, or null. */
export function seatRemaining(seat: SeatLive, now: number): number | null {
  if (seat.phase === 'answering' && seat.endsAt !== null) return Math.max(0, seat.endsAt - now);
  if (seat.phase === 'paused') return seat.remainingMs;
  return null;
}
