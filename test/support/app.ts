import { loadConfig, type Config } from '../../server/config';
import { createApp } from '../../server/app';
import type { AppDeps } from '../../server/http/context';
import { seedDemo, type DemoSeeder } from '../../server/demo/seed';
import { DEMO_CANDIDATE, DEMO_PASSWORD } from '../../server/demo/accounts';
import { demoSeeders } from '../../server/demo/seeders';
import type { Dialect } from '../../server/db/connect';
import { seededDatabase, type TestDb } from './databases';

// One template per seeder list (by identity): pass the same array to share it across tests.
const seedKeys = new WeakMap<DemoSeeder[], string>();
let nextSeedKey = 0;
function seedKey(seeders: DemoSeeder[]): string {
  if (!seedKeys.has(seeders)) seedKeys.set(seeders, `seeders-${nextSeedKey++}`);
  return seedKeys.get(seeders)!;
}

/** Only the foundation's demo data (organization, occupations, accounts, one ticketed candidate). */
export const FOUNDATION_ONLY: DemoSeeder[] = [];

/** A controllable clock for tests. */
export function testClock(start = '2026-11-23T01:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms), set: (iso: string) => void (t = Date.parse(iso)) };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  db: TestDb;
  clock: ReturnType<typeof testClock>;
  errors: unknown[];
  /** JSON request with an optional session cookie; returns status, body and any Set-Cookie. */
  call(method: string, path: string, opts?: { body?: unknown; cookie?: string; raw?: BodyInit; headers?: Record<string, string> }): Promise<{ status: number; body: any; cookie: string | null; res: Response }>;
  /** Log in a demo staff user; returns the session cookie. */
  login(username: string, password?: string): Promise<string>;
  loginCandidate(ticketNo?: string, idNumber?: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh migrated database with demo data (none with `empty`) and the HTTP app on it (no listening socket). */
export async function makeTestApp(dialect: Dialect, opts: { seeders?: DemoSeeder[]; config?: Record<string, string>; empty?: boolean } = {}): Promise<TestApp> {
  const clock = testClock();
  const seeders = opts.seeders ?? demoSeeders;
  // Every test app starts from the same clock, so the seeded data can be copied from one template.
  // `empty`: migrated but without any data, as a production installation starts.
  const db = opts.empty
    ? await seededDatabase(dialect, 'empty', async () => undefined)
    : await seededDatabase(dialect, seedKey(seeders), async (d) => void (await seedDemo(d, clock.now(), seeders)));
  const errors: unknown[] = [];
  const config: Config = loadConfig({ NODE_ENV: 'test', SQLITE_PATH: db.sqlitePath ?? 'unused', SESSION_SECRET: 'test-secret-0123456789abcdef', ...opts.config });
  const deps: AppDeps = { db: db.db, dialect, config, now: clock.now, log: (e) => errors.push(e), events: { emit: () => undefined, disconnect: () => undefined } };
  const app = createApp(deps);
  const call: TestApp['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.cookie) headers.cookie = o.cookie;
    let body: BodyInit | undefined = o.raw;
    if (o.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.body);
    }
    const res = await app.request(path, { method, headers, body });
    const setCookie = res.headers.get('set-cookie');
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await res.clone().json() : null;
    return { status: res.status, body: parsed, cookie: setCookie ? setCookie.split(';')[0]! : null, res };
  };
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const r = await call('POST', '/api/auth/login', { body: { username, password } });
    if (r.status !== 200 || !r.cookie) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.cookie;
  };
  const loginCandidate = async (ticketNo: string = DEMO_CANDIDATE.ticketNo, idNumber: string = DEMO_CANDIDATE.idNumber) => {
    const r = await call('POST', '/api/auth/candidate-login', { body: { ticketNo, idNumber } });
    if (r.status !== 200 || !r.cookie) throw new Error(`candidate login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.cookie;
  };
  return { app, deps, db, clock, errors, call, login, loginCandidate, close: () => db.dispose() };
}
