import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig } from '../../server/config';

describe('configuration', () => {
  it('has sensible defaults: port 8080, SQLite under data/, no Redis', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.sqlitePath).toBe('data/skillcert.sqlite');
    expect(c.databaseUrl).toBeNull();
    expect(c.redisUrl).toBeNull();
    expect(c.publicOrigin).toBe('http://localhost:8080');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PUBLIC_ORIGIN: 'https://exam.example.cn/path' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const text = (e as ConfigError).message;
      expect(text).toContain('PORT');
      expect(text).toContain('DATABASE_URL');
      expect(text).toContain('PUBLIC_ORIGIN');
    }
  });

  it('demands a session secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).sessionSecret).toHaveLength(32);
  });

  it('stops the server at start with a clear message on a bad value', () => {
    const r = spawnSync('npx', ['tsx', 'server/main.ts'], { env: { ...process.env, PORT: '99999' }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('配置错误');
    expect(r.stderr).toContain('PORT');
  });
});

describe('safe defaults', () => {
  it('production gets no demo accounts unless asked, and development never uses a published secret', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).demoData).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), DEMO_DATA: 'true' }).demoData).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    const a = loadConfig({ SQLITE_PATH: path.join(dir, 'db.sqlite') });
    const b = loadConfig({ SQLITE_PATH: path.join(dir, 'db.sqlite') });
    expect(a.demoData).toBe(true);
    expect(a.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(b.sessionSecret).toBe(a.sessionSecret); // kept across restarts
    expect(loadConfig({ SQLITE_PATH: path.join(mkdtempSync(path.join(tmpdir(), 'cfg-')), 'db.sqlite') }).sessionSecret).not.toBe(a.sessionSecret);
  });
});
