import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/server';
import { originAllowed } from '../../server/realtime';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
import { testClock } from '../support/app';

const servers: RunningServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  for (const s of servers.splice(0)) await s.close();
});

async function start(env: Record<string, string> = {}, clock = testClock()) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'skillcert-sock-')), 'db.sqlite');
  const s = await startServer(loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: file, ...env }), { now: clock.now, log: () => undefined, seeders: [] });
  servers.push(s);
  return s;
}

async function login(base: string, username: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** Connect with the given headers; resolves 'connected' or the refusal. */
function open(base: string, headers: Record<string, string>, transport: 'websocket' | 'polling' = 'websocket') {
  const client = connect(base, { transports: [transport], extraHeaders: headers, reconnection: false });
  sockets.push(client);
  return new Promise<{ client: Socket; result: 'connected' | 'refused' }>((resolve) => {
    client.on('connect', () => resolve({ client, result: 'connected' }));
    client.on('connect_error', () => resolve({ client, result: 'refused' }));
  });
}

describe('the socket.io origin rule', () => {
  it('allows no Origin, the public origin and the same host; refuses any other site and Origin: null', () => {
    const pub = 'https://exam.school.cn';
    expect(originAllowed(undefined, 'exam.school.cn', pub)).toBe(true);
    expect(originAllowed('https://exam.school.cn', '127.0.0.1:8080', pub)).toBe(true);
    expect(originAllowed('http://10.1.1.5:8080', '10.1.1.5:8080', pub)).toBe(true);
    expect(originAllowed('https://evil.example', 'exam.school.cn', pub)).toBe(false);
    expect(originAllowed('https://exam.school.cn.evil.example', 'exam.school.cn', pub)).toBe(false);
    expect(originAllowed('http://10.1.1.5:9090', '10.1.1.5:8080', pub)).toBe(false);
    expect(originAllowed('null', 'exam.school.cn', pub)).toBe(false);
  });

  it('a page on another site cannot open a socket with the user’s cookie; the app’s own page and Node clients can', async () => {
    const s = await start({ PUBLIC_ORIGIN: 'https://exam.school.cn' });
    const cookie = await login(s.url, 'proctor1');
    const host = new URL(s.url).host;
    expect((await open(s.url, { cookie, origin: 'https://evil.example' })).result).toBe('refused');
    expect((await open(s.url, { cookie, origin: 'https://evil.example' }, 'polling')).result).toBe('refused');
    expect((await open(s.url, { cookie })).result).toBe('connected'); // no Origin: socket.io-client in Node, bench/room
    expect((await open(s.url, { cookie, origin: `http://${host}` })).result).toBe('connected');
    expect((await open(s.url, { cookie, origin: 'https://exam.school.cn' }, 'polling')).result).toBe('connected');
  });
});

describe('sockets and the session behind them', () => {
  it('a socket whose session expired is disconnected; one with a live session stays', async () => {
    const clock = testClock();
    const s = await start({ SESSION_TTL_HOURS: '1' }, clock);
    const early = await login(s.url, 'proctor1');
    const first = await open(s.url, { cookie: early });
    expect(first.result).toBe('connected');
    clock.advance(45 * 60_000);
    const later = await open(s.url, { cookie: await login(s.url, 'proctor2') });
    expect(later.result).toBe('connected');
    expect(s.realtime.disconnectExpired(clock.now())).toBe(0);

    clock.advance(16 * 60_000); // the first session is now 61 minutes old
    const reason = new Promise<string>((resolve) => first.client.on('disconnect', resolve));
    expect(s.realtime.disconnectExpired(clock.now())).toBe(1);
    expect(await reason).toBe('io server disconnect');
    expect(later.client.connected).toBe(true);
    // And it cannot come back with the expired cookie.
    expect((await open(s.url, { cookie: early })).result).toBe('refused');
  });

  it('logging out ends the sockets of that session only: another login of the same user stays connected', async () => {
    const s = await start();
    const pc1 = await login(s.url, 'proctor1');
    const pc2 = await login(s.url, 'proctor1');
    const a = await open(s.url, { cookie: pc1 });
    const b = await open(s.url, { cookie: pc2 });
    expect([a.result, b.result]).toEqual(['connected', 'connected']);
    const reason = new Promise<string>((resolve) => a.client.on('disconnect', resolve));
    const out = await fetch(`${s.url}/api/auth/logout`, { method: 'POST', headers: { cookie: pc1 } });
    expect(out.status).toBe(200);
    expect(await reason).toBe('io server disconnect');
    expect(b.client.connected).toBe(true);
    expect((await open(s.url, { cookie: pc1 })).result).toBe('refused');
  });

  it('with TRUST_PROXY the socket and the HTTP request see the same forwarded client address', async () => {
    const s = await start({ TRUST_PROXY: '127.0.0.1' });
    const forwarded = { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' };
    const cookie = await login(s.url, 'proctor1', forwarded);
    const audit = await s.deps.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').executeTakeFirstOrThrow();
    expect(audit.ip).toBe('203.0.113.7');
    expect((await open(s.url, { cookie, ...forwarded })).result).toBe('connected');
    const [socket] = await s.realtime.io.fetchSockets();
    expect(socket!.data.ip).toBe('203.0.113.7');
  });

  it('without TRUST_PROXY a socket’s address is its TCP peer, whatever the header says', async () => {
    const s = await start();
    const cookie = await login(s.url, 'proctor1');
    expect((await open(s.url, { cookie, 'x-forwarded-for': '203.0.113.7' })).result).toBe('connected');
    const [socket] = await s.realtime.io.fetchSockets();
    expect(socket!.data.ip).toBe('127.0.0.1');
  });
});
