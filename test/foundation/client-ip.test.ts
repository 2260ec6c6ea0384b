import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import { clientIpResolver } from '../../server/http/client-ip';
import { dialects } from '../support/databases';
import { FOUNDATION_ONLY, makeTestApp, type TestApp } from '../support/app';

const DIALECTS = await dialects();

describe('TRUST_PROXY configuration', () => {
  it('is off by default and accepts a hop count or a list of proxy addresses/CIDRs', () => {
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'off' });
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual({ kind: 'off' });
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual({ kind: 'hops', hops: 1 });
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual({ kind: 'addresses', addresses: ['127.0.0.1', '10.0.0.0/8', '::1'] });
  });

  it('stops the start with a message naming TRUST_PROXY on a bad value', () => {
    for (const bad of ['nginx', '10.0.0.0/33', '99', '1.2.3.4/8/1']) {
      try {
        loadConfig({ TRUST_PROXY: bad });
        expect.unreachable(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        expect((e as ConfigError).message).toContain('TRUST_PROXY');
      }
    }
  });
});

describe('which address is the client', () => {
  const nginxAppended = '6.6.6.6, 203.0.113.7'; // a forged entry the client sent, then the address nginx saw

  it('off: the TCP peer, whatever X-Forwarded-For says', () => {
    const ip = clientIpResolver({ kind: 'off' });
    expect(ip('10.0.0.2', nginxAppended)).toBe('10.0.0.2');
    expect(ip('::ffff:10.0.0.2', undefined)).toBe('10.0.0.2');
  });

  it('one hop: the address the proxy saw, never one the client prepended', () => {
    const ip = clientIpResolver({ kind: 'hops', hops: 1 });
    expect(ip('10.0.0.2', nginxAppended)).toBe('203.0.113.7');
    expect(ip('10.0.0.2', undefined)).toBe('10.0.0.2');
  });

  it('a proxy list: the header is read only when the peer is a listed proxy, and only past listed proxies', () => {
    const ip = clientIpResolver({ kind: 'addresses', addresses: ['127.0.0.1', '10.0.0.0/8'] });
    expect(ip('::ffff:127.0.0.1', nginxAppended)).toBe('203.0.113.7');
    expect(ip('127.0.0.1', '6.6.6.6, 203.0.113.7, 10.1.2.3')).toBe('203.0.113.7'); // two of our proxies
    expect(ip('198.51.100.4', nginxAppended)).toBe('198.51.100.4'); // a direct client forging the header
    expect(ip('127.0.0.1', 'not-an-ip')).toBe('127.0.0.1');
  });
});

describe.each(DIALECTS)('login throttling keys on the right address on %s', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  const failFrom = (forwardedFor: string, username = 'nobody') =>
    t.call('POST', '/api/auth/login', { body: { username, password: 'wrong-pass1' }, headers: { 'x-forwarded-for': forwardedFor } });
  const ipKeys = async () =>
    (await t.db.db.selectFrom('login_failures').select('key').where('key', 'like', 'ip:%').execute()).map((r) => r.key).sort();

  it('with TRUST_PROXY off a forged X-Forwarded-For does not change the throttled address', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    await failFrom('203.0.113.7');
    await failFrom('203.0.113.8');
    expect(await ipKeys()).toEqual(['ip:local']); // app.request() has no socket: the peer is 'local'
    const audit = await t.call('POST', '/api/auth/login', { body: { username: 'office', password: 'Demo2026!' }, headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(audit.status).toBe(200);
    const row = await t.db.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').executeTakeFirstOrThrow();
    expect(row.ip).toBe('local');
  });

  it('with TRUST_PROXY=1 each forwarded client is throttled on its own', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY, config: { TRUST_PROXY: '1' } });
    // 30 failures per address per window, then that address is locked (spread over accounts so no account locks).
    for (let i = 0; i < 30; i++) await failFrom(`6.6.6.${i}, 203.0.113.7`, `nobody${i}`);
    expect((await failFrom('203.0.113.7', 'someone')).status).toBe(429);
    expect((await failFrom('203.0.113.8', 'someone')).status).toBe(401); // another classroom is not locked out
    expect(await ipKeys()).toEqual(['ip:203.0.113.7', 'ip:203.0.113.8']);
    const ok = await t.call('POST', '/api/auth/login', { body: { username: 'office', password: 'Demo2026!' }, headers: { 'x-forwarded-for': '198.51.100.20' } });
    expect(ok.status).toBe(200);
    const row = await t.db.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').executeTakeFirstOrThrow();
    expect(row.ip).toBe('198.51.100.20');
  });
});
