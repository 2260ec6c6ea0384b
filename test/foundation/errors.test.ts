import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../support/app';

describe('error responses', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await makeTestApp('sqlite');
    admin = await t.login('office');
  });
  afterAll(async () => t.close());

  const malformed = ['{bad json', '[]', 'null', '"text"', '{"username": {"$gt": ""}}', '{"__proto__": {"admin": true}}', '1e999'];

  it('a malformed body never gives a 5xx, always the error shape, and changes nothing', async () => {
    const before = await t.db.db.selectFrom('users').selectAll().execute();
    for (const path of ['/api/auth/login', '/api/auth/candidate-login', '/api/users', '/api/occupations']) {
      for (const raw of malformed) {
        const r = await t.call('POST', path, { raw, cookie: admin, headers: { 'content-type': 'application/json' } });
        expect(r.status, `${path} ${raw}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${path} ${raw}`).toBeLessThan(500);
        expect(r.body.error.code).toMatch(/^[A-Z_]+$/);
        expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    expect(await t.db.db.selectFrom('users').selectAll().execute()).toEqual(before);
    expect(t.errors).toEqual([]);
  });

  it('names the field and the problem in Chinese', async () => {
    const r = await t.call('POST', '/api/occupations', { cookie: admin, body: { code: '631-01-03', name: '电工', levels: [] } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    const fields = r.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'levels']));
    expect(r.body.error.message).toContain('职业编码格式');
  });

  it('unknown API paths are a JSON 404, internal errors leak nothing', async () => {
    const r = await t.call('GET', '/api/nope', { cookie: admin });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });
});

describe('odd inputs at the edges', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('a huge id is a 400, not a database error', async () => {
    const admin = await t.login('office');
    const r = await t.call('PATCH', '/api/users/99999999999', { cookie: admin, body: { active: false } });
    expect(r.status).toBe(400);
    expect(r.body.error.details.fields[0].field).toBe('id');
  });

  it('a broken multipart upload is a 400 with a Chinese message', async () => {
    const { toErrorResponse } = await import('../../server/http/error-mapper');
    const r = toErrorResponse(new TypeError('Failed to parse body as FormData.'), () => undefined);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('上传内容格式错误');
  });
});
