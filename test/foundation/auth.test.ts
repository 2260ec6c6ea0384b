import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CANDIDATE, DEMO_PASSWORD } from '../../server/demo/accounts';
import { verifyPassword, hashPassword } from '../../server/auth/password';
import { dialects } from '../support/databases';
import { FOUNDATION_ONLY, makeTestApp, type TestApp } from '../support/app';

const DIALECTS = await dialects();

describe('password hashing', () => {
  it('uses scrypt with a salt and verifies only the right password', async () => {
    const a = await hashPassword('Secret123');
    const b = await hashPassword('Secret123');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Secret123', a)).toBe(true);
    expect(await verifyPassword('secret123', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe.each(DIALECTS)('accounts and sessions on %s', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('staff log in, get an HttpOnly SameSite cookie, and /me names them', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    const r = await t.call('POST', '/api/auth/login', { body: { username: 'office', password: DEMO_PASSWORD } });
    expect(r.status).toBe(200);
    const raw = r.res.headers.get('set-cookie')!;
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    const me = await t.call('GET', '/api/auth/me', { cookie: r.cookie! });
    expect(me.body.me).toMatchObject({ role: 'admin', kind: 'user' });
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.login').execute();
    expect(audit).toHaveLength(1);
  });

  it('gives the same message for an unknown user and a wrong password (no enumeration)', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    const a = await t.call('POST', '/api/auth/login', { body: { username: 'nobody', password: 'whatever1' } });
    const b = await t.call('POST', '/api/auth/login', { body: { username: 'office', password: 'wrong-pass1' } });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.error).toEqual(b.body.error);
    expect(a.body.error.message).toBe('用户名或密码错误');
  });

  it('locks an account after 5 failures, even with the right password then', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    for (let i = 0; i < 5; i++) await t.call('POST', '/api/auth/login', { body: { username: 'proctor1', password: 'bad-guess' + i } });
    const r = await t.call('POST', '/api/auth/login', { body: { username: 'proctor1', password: DEMO_PASSWORD } });
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('LOGIN_THROTTLED');
    // A locked unknown account looks exactly the same.
    for (let i = 0; i < 5; i++) await t.call('POST', '/api/auth/login', { body: { username: 'ghost', password: 'bad-guess' + i } });
    const g = await t.call('POST', '/api/auth/login', { body: { username: 'ghost', password: 'x' } });
    expect(g.status).toBe(429);
    // After the lock expires the right password works again.
    t.clock.advance(16 * 60_000);
    expect((await t.call('POST', '/api/auth/login', { body: { username: 'proctor1', password: DEMO_PASSWORD } })).status).toBe(200);
  });

  it('throttles an IP that sprays many accounts', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    for (let i = 0; i < 30; i++) await t.call('POST', '/api/auth/login', { body: { username: `user${i}`, password: 'nope' } });
    const r = await t.call('POST', '/api/auth/login', { body: { username: 'office', password: DEMO_PASSWORD } });
    expect(r.status).toBe(429);
  });

  it('rotates the session on login and ends it on logout', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    const first = await t.login('examiner1');
    const second = await t.call('POST', '/api/auth/login', { cookie: first, body: { username: 'examiner1', password: DEMO_PASSWORD } });
    expect(second.cookie).not.toBe(first);
    expect((await t.call('GET', '/api/auth/me', { cookie: first })).body.me).toBeNull();
    await t.call('POST', '/api/auth/logout', { cookie: second.cookie! });
    expect((await t.call('GET', '/api/auth/me', { cookie: second.cookie! })).body.me).toBeNull();
  });

  it('an admin ends another user’s sessions and deactivation locks them out', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    const admin = await t.login('office');
    const proctor = await t.login('proctor2');
    const users = (await t.call('GET', '/api/users', { cookie: admin })).body.users as { id: number; username: string }[];
    const id = users.find((u) => u.username === 'proctor2')!.id;
    expect((await t.call('POST', `/api/users/${id}/end-sessions`, { cookie: admin })).body.ended).toBe(1);
    expect((await t.call('GET', '/api/auth/me', { cookie: proctor })).body.me).toBeNull();
    const patched = await t.call('PATCH', `/api/users/${id}`, { cookie: admin, body: { active: false } });
    expect(patched.body.user.active).toBe(false);
    expect((await t.call('POST', '/api/auth/login', { body: { username: 'proctor2', password: DEMO_PASSWORD } })).status).toBe(401);
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.update').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!).active).toBe(true);
    expect(JSON.parse(audit.after_json!).active).toBe(false);
  });

  it('candidates log in with admission ticket + ID number, case-insensitively for X', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    const ok = await t.call('POST', '/api/auth/candidate-login', { body: { ticketNo: DEMO_CANDIDATE.ticketNo, idNumber: DEMO_CANDIDATE.idNumber } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ role: 'candidate', name: DEMO_CANDIDATE.name });
    const bad = await t.call('POST', '/api/auth/candidate-login', { body: { ticketNo: DEMO_CANDIDATE.ticketNo, idNumber: '110105199003071230' } });
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toBe('准考证号或证件号码错误');
    const unknown = await t.call('POST', '/api/auth/candidate-login', { body: { ticketNo: '99999999999', idNumber: DEMO_CANDIDATE.idNumber } });
    expect(unknown.body.error).toEqual(bad.body.error);
  });

  it('a new account needs a strong password and a free username; the hash never leaves the server', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    const admin = await t.login('office');
    const weak = await t.call('POST', '/api/users', { cookie: admin, body: { username: 'p3', displayName: '新监考', role: 'proctor', password: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.fields[0].field).toBe('password');
    const taken = await t.call('POST', '/api/users', { cookie: admin, body: { username: 'office2', displayName: 'x', role: 'proctor', password: 'Password1' } });
    expect(taken.status).toBe(409);
    const ok = await t.call('POST', '/api/users', { cookie: admin, body: { username: 'p3', displayName: '新监考', role: 'proctor', password: 'Password1' } });
    expect(ok.status).toBe(201);
    expect(JSON.stringify(ok.body)).not.toContain('scrypt');
    const row = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').executeTakeFirstOrThrow();
    expect(row.after_json).not.toContain('scrypt');
  });
});

describe.each(DIALECTS)('logins under load on %s', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('everyone logging in at once gets in, and the audit chain stays intact', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    const users = ['office', 'office2', 'proctor1', 'proctor2', 'examiner1', 'examiner2', 'examiner3', 'supervisor'];
    const results = await Promise.all([
      ...users.map((username) => t.call('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } })),
      t.call('POST', '/api/auth/candidate-login', { body: { ticketNo: DEMO_CANDIDATE.ticketNo, idNumber: DEMO_CANDIDATE.idNumber } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(9).fill(200));
    const { verifyAuditChain } = await import('../../server/audit/audit-trail');
    expect(await verifyAuditChain(t.db.db)).toMatchObject({ ok: true });
  });

  it('parallel password guesses cannot slip past the limit of 5', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.call('POST', '/api/auth/login', { body: { username: 'office2', password: `guess-${i}` } })));
    const checked = results.filter((r) => r.status === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(15);
  });

  it('an admin cannot see or change accounts of another organization', async () => {
    t = await makeTestApp(dialect, { seeders: FOUNDATION_ONLY });
    const now = new Date().toISOString();
    const other = await t.db.db
      .insertInto('organizations')
      .values({ name: '另一机构', type: 'employer', uscc: '91110000MA01ABCD0X', province: '11', cert_org_code: '0000', cert_org_serial: '000002', cert_issuer: '另一机构', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stranger = await t.db.db
      .insertInto('users')
      .values({ organization_id: other.id, username: 'stranger', display_name: '外机构管理员', role: 'admin', password_hash: 'x', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const admin = await t.login('office');
    const list = await t.call('GET', '/api/users', { cookie: admin });
    expect(list.body.users.map((u: { username: string }) => u.username)).not.toContain('stranger');
    for (const [method, path, body] of [
      ['PATCH', `/api/users/${stranger.id}`, { active: false }],
      ['POST', `/api/users/${stranger.id}/password`, { password: 'Password123' }],
      ['POST', `/api/users/${stranger.id}/end-sessions`, {}],
    ] as const) {
      expect((await t.call(method, path, { cookie: admin, body })).status).toBe(404);
    }
  });
});
