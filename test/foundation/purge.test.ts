import { afterEach, describe, expect, it } from 'vitest';
import { purgeExpired } from '../../server/auth/purge';
import { createSession } from '../../server/auth/sessions';
import { DEFAULT_THROTTLE, recordLoginFailure } from '../../server/auth/throttle';
import { dialects } from '../support/databases';
import { FOUNDATION_ONLY, makeTestApp, type TestApp } from '../support/app';

const DIALECTS = await dialects();
const HOUR = 3_600_000;

describe.each(DIALECTS)('purging expired sessions and login counters on %s', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('deletes sessions past their expiry and keeps live ones (the live login still works)', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    const db = t.db.db;
    const early = await createSession(db, { userId: 1, role: 'admin', ip: '10.0.0.1' }, 1, t.clock.now());
    t.clock.advance(2 * HOUR);
    const live = await t.login('office'); // 12-hour session from now
    const before = await db.selectFrom('sessions').select('id').execute();
    const result = await purgeExpired(db, t.clock.now());
    expect(result.sessions).toBe(1);
    const after = (await db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
    expect(after).toHaveLength(before.length - 1);
    expect(after).not.toContain(early.id);
    expect((await t.call('GET', '/api/auth/me', { cookie: live })).body.me.role).toBe('admin');
  });

  it('deletes login counters older than the throttle window but never a running lock', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    const db = t.db.db;
    await recordLoginFailure(db, 'old-guess', '203.0.113.1', t.clock.now());
    t.clock.advance(DEFAULT_THROTTLE.windowMs + 60_000);
    await recordLoginFailure(db, 'fresh-guess', '203.0.113.2', t.clock.now());
    // A lock that outlives its window (set near the window's end) must survive the purge.
    await db.insertInto('login_failures').values({
      key: 'account:locked', count: 6, window_start: new Date(t.clock.now().getTime() - DEFAULT_THROTTLE.windowMs - 60_000).toISOString(),
      locked_until: new Date(t.clock.now().getTime() + 5 * 60_000).toISOString(),
    }).execute();
    const result = await purgeExpired(db, t.clock.now());
    expect(result.loginFailures).toBe(2);
    const keys = (await db.selectFrom('login_failures').select('key').execute()).map((r) => r.key).sort();
    expect(keys).toEqual(['account:fresh-guess', 'account:locked', 'ip:203.0.113.2']);
    // Purging again finds nothing: the lock is kept until it runs out.
    t.clock.advance(60_000);
    expect(await purgeExpired(db, t.clock.now())).toEqual({ sessions: 0, loginFailures: 0 });
  });
});
