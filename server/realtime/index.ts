import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { actorFromToken, SESSION_COOKIE } from '../auth/sessions';
import type { AppDeps } from '../http/context';
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
  close(): Promise<void>;
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
  });
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
      const ip = socket.handshake.address;
      const actor = token ? await actorFromToken(deps.db, token, ip, deps.now()) : null;
      if (!actor) return next(new Error('UNAUTHENTICATED'));
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
    socket.on('clock:sync', (payload, ack) => {
      if (typeof ack !== 'function') return;
      ack({ ok: true, data: { serverNow: deps.now().getTime() } });
    });
    for (const register of features) register(io, socket, deps);
  });

  return {
    io,
    close: async () => {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redis.map((r) => r.quit().catch(() => undefined)));
    },
  };
}
