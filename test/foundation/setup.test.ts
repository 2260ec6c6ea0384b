import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { setupCode } from '../../server/setup/first-run';

const DIALECTS = await dialects();
const SECRET = 'test-secret-0123456789abcdef'; // makeTestApp's SESSION_SECRET

const form = (code: string, over: { uscc?: string; username?: string } = {}) => ({
  setupCode: code,
  organization: {
    name: '南昌市第一技工学校', type: 'school', uscc: over.uscc ?? '91350100M000100Y43', province: '36',
    certOrgCode: '0000', certOrgSerial: '010002', certIssuer: '南昌市第一技工学校',
  },
  admin: { username: over.username ?? 'zhangwei', displayName: '张伟', password: 'Kaowu2026' },
});

describe.each(DIALECTS)('first-run setup (%s)', (dialect) => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('an empty installation asks for setup; the right code creates the organization and an admin who can log in, audited; then setup is closed', async () => {
    t = await makeTestApp(dialect, { empty: true });
    expect((await t.call('GET', '/api/setup')).body).toEqual({ needed: true });

    // Lower case and without dashes is the same code.
    const code = setupCode(SECRET).toLowerCase().replace(/-/g, '');
    const r = await t.call('POST', '/api/setup', { body: form(code) });
    expect(r.status).toBe(201);
    expect((await t.call('GET', '/api/setup')).body).toEqual({ needed: false });

    const cookie = await t.login('zhangwei', 'Kaowu2026');
    const me = await t.call('GET', '/api/auth/me', { cookie });
    expect(me.body.me).toMatchObject({ role: 'admin', name: '张伟' });
    const org = await t.call('GET', '/api/organization', { cookie });
    expect(org.body.organization).toMatchObject({ name: '南昌市第一技工学校', type: 'school', uscc: '91350100M000100Y43', certOrgSerial: '010002' });

    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'setup.complete').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).toContain('zhangwei');
    expect(audit[0]!.after_json).not.toContain('Kaowu2026');

    const again = await t.call('POST', '/api/setup', { body: form(setupCode(SECRET), { username: 'intruder' }) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_SET_UP');
    expect(await t.db.db.selectFrom('users').select('username').execute()).toEqual([{ username: 'zhangwei' }]);
  });

  it('a wrong code, a bad 统一社会信用代码 or a weak password is refused with the field named and nothing is created', async () => {
    t = await makeTestApp(dialect, { empty: true });
    const wrong = await t.call('POST', '/api/setup', { body: form('AAAA-BBBB-CCCC') });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('SETUP_CODE_WRONG');

    const badUscc = await t.call('POST', '/api/setup', { body: form(setupCode(SECRET), { uscc: '91350100M000100Y44' }) });
    expect(badUscc.status).toBe(400);
    expect(badUscc.body.error.details.fields[0].field).toBe('organization.uscc');

    const weak = await t.call('POST', '/api/setup', { body: { ...form(setupCode(SECRET)), admin: { username: 'zhangwei', displayName: '张伟', password: 'short' } } });
    expect(weak.status).toBe(400);
    expect(JSON.stringify(weak.body.error.details)).toContain('admin.password');

    expect(await t.db.db.selectFrom('organizations').select('id').execute()).toEqual([]);
    expect(await t.db.db.selectFrom('users').select('id').execute()).toEqual([]);
    expect((await t.call('GET', '/api/setup')).body).toEqual({ needed: true });
  });

  it('an installation with data (the demo) never offers setup', async () => {
    t = await makeTestApp(dialect);
    expect((await t.call('GET', '/api/setup')).body).toEqual({ needed: false });
    const r = await t.call('POST', '/api/setup', { body: form(setupCode(SECRET)) });
    expect(r.status).toBe(409);
  });
});
