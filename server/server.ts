import type { Server as HttpServer } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { Config } from './config';
import { openDatabase, type DbHandle } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { createApp } from './app';
import { createRealtime, type Realtime, type RegisterHandlers } from './realtime';
import type { AppDeps } from './http/context';
import { seedDemo, type DemoSeeder } from './demo/seed';
import { realtimeFeatures } from './realtime/features';
import { demoSeeders } from './demo/seeders';
import { stopBuildJobs } from './bank/build-jobs';
import { purgeExpired, PURGE_INTERVAL_MS } from './auth/purge';

export interface RunningServer {
  url: string;
  port: number;
  deps: AppDeps;
  handle: DbHandle;
  realtime: Realtime;
  seeded: boolean;
  close(): Promise<void>;
}

export interface StartOptions {
  now?: () => Date;
  log?: (e: unknown) => void;
  features?: RegisterHandlers[];
  seeders?: DemoSeeder[];
}

/**
 * config → db (migrated, demo data when empty) → app → realtime → listen. Used by `server/main.ts`
 * and by tests and benchmarks that need a real server on a random port (`port: 0`).
 */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  await migrateToLatest(handle.db);
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((e: unknown) => console.error(e));
  const realtimeRef: { current: Realtime | null } = { current: null };
  const deps: AppDeps = {
    db: handle.db,
    dialect: handle.dialect,
    config,
    now,
    log,
    // Untyped bridge for HTTP handlers; socket handlers use the typed contract directly.
    events: {
      emit: (room, event, payload) => (realtimeRef.current?.io.to(room) as unknown as { emit(e: string, p: unknown): void } | undefined)?.emit(event, payload),
      disconnect: (room) => realtimeRef.current?.io.in(room).disconnectSockets(true),
    },
  };
  const seeded = config.demoData ? await seedDemo(handle.db, now(), opts.seeders ?? demoSeeders) : false;
  const app = createApp(deps);
  // socket.io attaches before the port opens: after a restart, thousands of candidates reconnect at
  // once, and an upgrade arriving before the handler exists would be dropped and retried later.
  const server = createAdaptorServer({ fetch: app.fetch }) as HttpServer;
  const realtime = await createRealtime(server, deps, opts.features ?? realtimeFeatures);
  realtimeRef.current = realtime;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Expired sessions and stale login counters are deleted at start and then hourly; the timer never
  // keeps the process alive and a failed purge is logged and retried next hour.
  const purge = () => purgeExpired(handle.db, now()).catch((e: unknown) => log(e));
  const purging = new Set<Promise<unknown>>();
  const runPurge = () => {
    const p = purge().finally(() => purging.delete(p));
    purging.add(p);
  };
  runPurge();
  const purgeTimer = setInterval(runPurge, PURGE_INTERVAL_MS);
  purgeTimer.unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://localhost:${port}`,
    port,
    deps,
    handle,
    realtime,
    seeded,
    close: async () => {
      clearInterval(purgeTimer);
      await Promise.all(purging); // never close the database under a running purge
      await realtime.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopBuildJobs(handle.db); // a build running now fails with a clear message instead of writing to a closed database
      await handle.close();
    },
  };
}
