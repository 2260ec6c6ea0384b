import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { sessionFromToken, SESSION_COOKIE, sessionRoom } from '../auth/sessions';
import type { AppDeps } from '../http/context';
import { clientIpResolver } from '../http/client-ip';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from './contract';

/** Cookie header → map; only our session cookie is read from it. */
function parseCookie(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** A feature's handlers, registered per connected socket. */
export type RegisterHandlers = (io: IoServer, socket: IoSocket, deps: AppDeps) => void;

export interface Realtime {
  io: IoServer;
  /**
   * Disconnect this node's sockets whose session expired by `now` (also run every minute on its own).
   * Returns how many were disconnected. The client is told `io server disconnect` and does not retry
   * by itself; its next handshake is refused as UNAUTHENTICATED and the page asks for a new login.
   */
  disconnectExpired(now: Date): number;
  close(): Promise<void>;
}

/** How often each node looks for sockets whose session has expired. */
export const SESSION_SWEEP_MS = 60_000;

/**
 * The socket.io origin rule: a browser's handshake (it always sends Origin) must come from our public
 * origin or from the very host it was sent to (same-origin, whatever name the school's DNS uses);
 * otherwise a page on another site could open a socket carrying the user's cookie. No Origin header
 * means a non-browser client (socket.io-client in Node, the room benchmark): allowed, since it must
 * still present a session cookie. `Origin: null` (sandboxed frames, file://) is refused.
 * Example: `originAllowed('https://exam.school.cn', 'exam.school.cn', 'https://exam.school.cn') === true`.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, publicOrigin: string): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === 'null') return false;
  if (url.origin === new URL(publicOrigin).origin) return true;
  return host !== undefined && url.host === host.toLowerCase();
}

/**
 * socket.io on the HTTP server: sessions authenticate in `io.use` (the same cookie as HTTP), the Redis
 * adapter joins several nodes when `REDIS_URL` is set, and each feature registers its handlers.
 */
export async function createRealtime(httpServer: HttpServer, deps: AppDeps, features: RegisterHandlers[]): Promise<Realtime> {
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    connectionStateRecovery: undefined,
    allowRequest: (req: IncomingMessage, callback) => {
      const allowed = originAllowed(req.headers.origin, req.headers.host, deps.config.publicOrigin);
      callback(allowed ? null : 'ORIGIN_NOT_ALLOWED', allowed);
    },
  });
  const resolveIp = clientIpResolver(deps.config.trustProxy);
  // When each connected socket's session ends (ms since epoch); read by the sweep below.
  const expiries = new WeakMap<IoSocket, number>();
  // Which session each socket was opened with, so a logout can end exactly that session's sockets.
  const sessionIds = new WeakMap<IoSocket, string>();
  let redis: Redis[] = [];
  if (deps.config.redisUrl) {
    const pub = new Redis(deps.config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    redis = [pub, sub];
  }

  io.use(async (socket, next) => {
    try {
      const cookies = parseCookie(socket.handshake.headers.cookie ?? '');
      const token = cookies[SESSION_COOKIE];
      const ip = resolveIp(socket.handshake.address, socket.handshake.headers['x-forwarded-for']);
      const session = token ? await sessionFromToken(deps.db, token, ip, deps.now()) : null;
      if (!session) return next(new Error('UNAUTHENTICATED'));
      const { actor } = session;
      expiries.set(socket, session.expiresAt.getTime());
      if (actor.sessionId) sessionIds.set(socket, actor.sessionId);
      socket.data = {
        actorId: actor.auditId, role: actor.role, userId: actor.userId, candidateId: actor.candidateId,
        seatAssignmentId: actor.seatAssignmentId, organizationId: actor.organizationId, name: actor.name, ip,
      };
      next();
    } catch (e) {
      deps.log(e);
      next(new Error('INTERNAL'));
    }
  });

  io.on('connection', (socket) => {
    // A personal room per actor, so any node can reach this person (notices, forced logout).
    void socket.join(`actor:${socket.data.actorId}`);
    const sessionId = sessionIds.get(socket);
    if (sessionId) void socket.join(sessionRoom(sessionId));
    socket.on('clock:sync', (payload, ack) => {
      if (typeof ack !== 'function') return;
      ack({ ok: true, data: { serverNow: deps.now().getTime() } });
    });
    for (const register of features) register(io, socket, deps);
  });

  const disconnectExpired = (now: Date): number => {
    let n = 0;
    for (const socket of io.of('/').sockets.values()) {
      const expiresAt = expiries.get(socket);
      if (expiresAt !== undefined && expiresAt <= now.getTime()) {
        socket.disconnect(true);
        n++;
      }
    }
    return n;
  };
  const sweep = setInterval(() => disconnectExpired(deps.now()), SESSION_SWEEP_MS);
  sweep.unref();

  return {
    io,
    disconnectExpired,
    close: async () => {
      clearInterval(sweep);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redis.map((r) => r.quit().catch(() => undefined)));
    },
  };
}
