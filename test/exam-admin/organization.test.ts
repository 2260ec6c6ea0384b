import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';
import { FIRE, lastAudit, occupationIds } from './fixtures';

const DIALECTS = await dialects();

describe.each(DIALECTS)('评价机构设置 over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect, { seeders: [] });
    office = await t.login('office');
  });
  afterAll(async () => t.close());

  const settings = {
    name: '南昌市示范技师学院', type: 'school', uscc: '91350100M000100Y43', province: '36',
    certOrgCode: '0000', certOrgSerial: '010002', certIssuer: '南昌市示范技师学院',
  };

  it('saves the settings with a checked USCC, audited before/after, and shows them to every staff role', async () => {
    const r = await t.call('PUT', '/api/organization', { cookie: office, body: { ...settings, uscc: '91350100m000100y43' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.organization).toMatchObject({ name: '南昌市示范技师学院', type: 'school', uscc: '91350100M000100Y43', certOrgSerial: '010002' });
    const a = await lastAudit(t, 'organization.update');
    expect(a.before.name).toBe('江西省示范职业技能评价中心');
    expect(a.after.name).toBe('南昌市示范技师学院');
    const seen = await t.call('GET', '/api/organization', { cookie: await t.login('examiner1') });
    expect(seen.body.organization.name).toBe('南昌市示范技师学院');
  });

  it('refuses a USCC with a wrong check character and malformed prefix parts, field by field', async () => {
    const r = await t.call('PUT', '/api/organization', { cookie: office, body: { ...settings, uscc: '91350100M000100Y44', province: '3', certOrgCode: '12' } });
    expect(r.status).toBe(400);
    const fields = r.body.error.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['certOrgCode', 'province']);
    const uscc = await t.call('PUT', '/api/organization', { cookie: office, body: { ...settings, uscc: '91350100M000100Y44' } });
    expect(uscc.status).toBe(400);
    expect(uscc.body.error.details.fields).toEqual([{ field: 'uscc', problem: '统一社会信用代码校验码（第18位）不符，请逐位核对' }]);
    const letters = await t.call('PUT', '/api/organization', { cookie: office, body: { ...settings, uscc: '91350100M000100YO3' } });
    expect(letters.body.error.message).toContain('不使用I、O、S、V、Z');
  });

  it('only the admin edits; the supervisor is refused', async () => {
    const r = await t.call('PUT', '/api/organization', { cookie: await t.login('supervisor'), body: settings });
    expect(r.status).toBe(403);
  });

  it('the registered scope refuses 准入类 occupations and levels the standard does not have', async () => {
    const occ = await occupationIds(t, office);
    const fire = await t.call('PUT', '/api/organization/scope', { cookie: office, body: { scope: [{ occupationId: occ[FIRE], levels: [5, 4] }] } });
    expect(fire.status).toBe(400);
    expect(fire.body.error.code).toBe('OCCUPATION_LICENSING');
    const r = await t.call('PUT', '/api/organization/scope', { cookie: office, body: { scope: [{ occupationId: occ['6-31-01-03'], levels: [5, 4] }] } });
    expect(r.status).toBe(200);
    expect(r.body.scope).toEqual([expect.objectContaining({ code: '6-31-01-03', name: '电工', levels: [5, 4] })]);
    const a = await lastAudit(t, 'organization.scope');
    expect(a.before).toHaveLength(4);
    expect(a.after).toHaveLength(1);
  });
});
