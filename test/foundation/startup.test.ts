import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
import { redisAvailable, TEST_REDIS_URL } from '../support/databases';

const tmp = () => path.join(mkdtempSync(path.join(tmpdir(), 'skillcert-start-')), 'db.sqlite');
const servers: RunningServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  for (const s of servers.splice(0)) await s.close();
});

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

describe('starting the system', () => {
  it('migrates a new SQLite file, loads demo data once, and keeps data on a second start', async () => {
    const file = tmp();
    const first = await startServer(loadConfig({ NODE_ENV: 'test', PORT: '0', SQLITE_PATH: file }), { log: () => undefined });
    servers.push(first);
    expect(first.seeded).toBe(true);
    const cookie = await login(first.url, 'office');
    const created = await fetch(`${first.url}/api/users`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ username: 'kept', displayName: '保留的账号', role: 'proctor', password: 'Password1' }),
    });
    expect(created.status).toBe(201);
    await servers.pop()!.close();
    const second = await startServer(loadConfig({ NODE_ENV: 'test', PORT: '0', SQLITE_PATH: file }), { log: () => undefined });
    servers.push(second);
    expect(second.seeded).toBe(false);
    const users = await (await fetch(`${second.url}/api/users`, { headers: { cookie: await login(second.url, 'office') } })).json();
    expect(users.users.map((u: { username: string }) => u.username)).toContain('kept');
  });

  it('serves the client and the API on one port', async () => {
    const s = await startServer(loadConfig({ NODE_ENV: 'test', PORT: '0', SQLITE_PATH: tmp() }), { log: () => undefined });
    servers.push(s);
    const html = await (await fetch(`${s.url}/office`)).text();
    expect(html).toContain('<div id="root">');
    expect((await (await fetch(`${s.url}/api/health`)).json()).ok).toBe(true);
  });

  it('npm run audit:verify reports an intact chain and names a tampered row', async () => {
    const file = tmp();
    const s = await startServer(loadConfig({ NODE_ENV: 'test', PORT: '0', SQLITE_PATH: file }), { log: () => undefined });
    await login(s.url, 'office');
    await login(s.url, 'proctor1');
    const handle = s.handle;
    const ok = spawnSync('npx', ['tsx', 'scripts/audit-verify.ts'], { env: { ...process.env, SQLITE_PATH: file }, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('audit chain intact');
    await handle.db.updateTable('audit_log').set({ ip: '6.6.6.6' }).where('id', '=', 2).execute();
    await s.close();
    const bad = spawnSync('npx', ['tsx', 'scripts/audit-verify.ts'], { env: { ...process.env, SQLITE_PATH: file }, encoding: 'utf8' });
    expect(bad.status).toBe(3);
    expect(bad.stderr).toContain('row id 2');
  });
});

const redisUp = await redisAvailable('the multi-node socket.io test is');

describe.skipIf(!redisUp)('two nodes behind the Redis adapter', () => {
  it('an event emitted on one node reaches a client connected to the other', async () => {
    const file = tmp();
    const env = { NODE_ENV: 'test', PORT: '0', SQLITE_PATH: file, REDIS_URL: TEST_REDIS_URL } as const;
    const a = await startServer(loadConfig(env), { log: () => undefined });
    servers.push(a);
    const b = await startServer(loadConfig(env), { log: () => undefined });
    servers.push(b);
    const cookie = await login(b.url, 'office');
    const client = connect(b.url, { transports: ['websocket'], extraHeaders: { cookie } });
    sockets.push(client);
    await new Promise<void>((resolve, reject) => {
      client.on('connect', () => resolve());
      client.on('connect_error', reject);
    });
    const got = new Promise<{ message: string }>((resolve) => client.on('system:notice', resolve));
    // Node A does not hold this socket; only the adapter can deliver it.
    a.deps.events.emit('actor:user:1', 'system:notice', { message: '跨节点通知', at: new Date().toISOString() });
    expect((await got).message).toBe('跨节点通知');
  });
});
