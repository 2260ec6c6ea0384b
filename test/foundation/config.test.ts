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
