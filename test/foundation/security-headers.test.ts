import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_DIST } from '../../server/app';
import { dialects } from '../support/databases';
import { FOUNDATION_ONLY, makeTestApp, type TestApp } from '../support/app';

const [dialect] = await dialects();
const built = existsSync(path.join(CLIENT_DIST, 'index.html'));

/** CSP header → directive name → sources. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy') ?? '';
  return new Map(header.split(';').map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([name, ...src]) => [name!, src]));
}

function expectHardened(res: Response) {
  const policy = csp(res);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
  expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
}

describe('security headers', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  it('are on API responses, errors included; HSTS only for an https public origin', async () => {
    t = await makeTestApp(dialect!, { seeders: FOUNDATION_ONLY });
    const ok = await t.call('GET', '/api/health');
    expectHardened(ok.res);
    expect(ok.res.headers.get('strict-transport-security')).toBeNull();
    const missing = await t.call('GET', '/api/no-such-thing');
    expect(missing.status).toBe(404);
    expectHardened(missing.res);
    await t.close();
    t = await makeTestApp(dialect!, { seeders: FOUNDATION_ONLY, config: { PUBLIC_ORIGIN: 'https://exam.example.cn' } });
    expect((await t.call('GET', '/api/health')).res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });

  it.skipIf(!built)('are on the client page, whose build needs no inline script', async () => {
    t = await makeTestApp(dialect!, { seeders: FOUNDATION_ONLY });
    const page = await t.call('GET', '/office/batches');
    expect(page.status).toBe(200);
    expectHardened(page.res);
    // script-src 'self' allows only scripts loaded from our origin: every <script> must have a src.
    const html = readFileSync(path.join(CLIENT_DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\//);
      expect(body!.trim()).toBe('');
    }
  });

  it('leave inline PDFs viewable: same headers, no sandbox directive (it would block the browser PDF viewer)', async () => {
    t = await makeTestApp(dialect!);
    const office = await t.login('office');
    const batches = await t.call('GET', '/api/batches', { cookie: office });
    const batch = batches.body.batches.find((b: { code: string }) => b.code === '261101');
    const pdf = await t.call('GET', `/api/batches/${batch.id}/tickets.pdf`, { cookie: office });
    expect(pdf.status).toBe(200);
    expect(pdf.res.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.res.headers.get('content-disposition')).toMatch(/^inline;/);
    expectHardened(pdf.res);
    expect(csp(pdf.res).has('sandbox')).toBe(false);
  });
});
