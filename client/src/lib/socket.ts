/**
 * The one socket module of the client: a typed socket.io connection authenticated by the session
 * cookie, acknowledgements as `Result` values (a lost ack becomes a `TIMEOUT` result instead of a hang),
 * and the server clock corrected for latency (`clock:sync`). Only types are imported from the server.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Result, ServerToClientEvents } from '../../../server/realtime/contract';

/** The typed socket of the exam room. */
export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
type AckResult<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/**
 * Open a socket to this origin. Reconnects quickly (0.5–1.5 s, ±50 % jitter) so a room full of candidates
 * is back within seconds after a network blip or a server restart, without all arriving at once.
 */
export function openSocket(): RoomSocket {
  return io({
    withCredentials: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 1500,
    randomizationFactor: 0.5,
    timeout: 8000,
  });
}

/** Emit with an ack; resolves with the server's `Result`, or `{ ok: false, code: 'TIMEOUT' }` after `timeoutMs`. */
export async function request<E extends keyof ClientToServerEvents>(s: RoomSocket, event: E, payload: Payload<E>, timeoutMs = 8000): Promise<AckResult<E>> {
  try {
    const emitter = s.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<AckResult<E>> };
    return await emitter.emitWithAck(event, payload);
  } catch {
    return { ok: false, error: { code: 'TIMEOUT', message: '服务器未响应，稍后自动重试' } } as AckResult<E>;
  }
}

/** The data of a `Result`, or an Error with the server's Chinese message. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.data;
}

/**
 * The server's clock as seen from here: `now()` = local time + offset, where the offset comes from the
 * `clock:sync` sample with the shortest round trip (its one-way latency is at most half of it).
 */
export class ServerClock {
  #offset = 0;
  #bestRtt = Infinity;

  /** Take `samples` round trips and keep the best; call again after each reconnect. */
  async sync(s: RoomSocket, samples = 4): Promise<void> {
    this.#bestRtt = Infinity;
    for (let i = 0; i < samples; i++) {
      const t0 = Date.now();
      const r = await request(s, 'clock:sync', { clientSentAt: t0 }, 5000);
      const t1 = Date.now();
      if (!r.ok) continue;
      this.observe(r.data.serverNow, t0, t1);
    }
  }

  /** Use one server timestamp taken between local `sentAt` and `receivedAt`. */
  observe(serverNow: number, sentAt: number, receivedAt: number): void {
    const rtt = receivedAt - sentAt;
    if (rtt > this.#bestRtt) return;
    this.#bestRtt = rtt;
    this.#offset = serverNow + rtt / 2 - receivedAt;
  }

  /** Server time now, epoch ms. */
  now(): number {
    return Date.now() + this.#offset;
  }

  get offsetMs(): number {
    return this.#offset;
  }
}

/** `mm:ss` or `h:mm:ss` for a duration in ms (never negative). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}
