import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../support/app';
import { routePolicy } from '../route-policy';

const ROLES = ['anonymous', 'admin', 'proctor', 'examiner', 'supervisor', 'candidate'] as const;
const LOGINS = { admin: 'office', proctor: 'proctor1', examiner: 'examiner1', supervisor: 'supervisor' } as const;

describe('route × role table', () => {
  let t: TestApp;
  const cookies: Partial<Record<(typeof ROLES)[number], string>> = {};
  beforeAll(async () => {
    t = await makeTestApp('sqlite');
    for (const [role, user] of Object.entries(LOGINS)) cookies[role as keyof typeof LOGINS] = await t.login(user);
    cookies.candidate = await t.loginCandidate();
  });
  afterAll(async () => t.close());

  const apiRoutes = () => {
    const seen = new Set<string>();
    for (const r of t.app.routes) {
      if (r.method === 'ALL' || !r.path.startsWith('/api/') || r.path === '/api/*') continue;
      seen.add(`${r.method} ${r.path.replace(/\/$/, '')}`);
    }
    return [...seen].sort();
  };

  it('every API route has an entry in the policy table, and every entry is a real route', () => {
    const routes = apiRoutes();
    expect(routes.filter((r) => !(r in routePolicy))).toEqual([]);
    expect(Object.keys(routePolicy).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('the server enforces the table for every route and role', async () => {
    const failures: string[] = [];
    for (const key of apiRoutes()) {
      const [method, pattern] = key.split(' ') as [string, string];
      // Non-existent ids: an allowed role reaches the handler (404/400), a refused one is stopped first.
      const path = pattern.replace(/:[A-Za-z]+(\{[^}]*\})?/g, '999999');
      const allowed = routePolicy[key]!;
      for (const role of ROLES) {
        let cookie = role === 'anonymous' ? undefined : cookies[role];
        if (key === 'POST /api/auth/logout' && role !== 'anonymous') {
          cookie = role === 'candidate' ? await t.loginCandidate() : await t.login(LOGINS[role]);
        }
        const r = await t.call(method, path, { cookie, ...(method === 'GET' ? {} : { body: {} }) });
        const permitted = allowed === 'public' || (role !== 'anonymous' && allowed.includes(role));
        const refused = r.status === 401 || r.status === 403;
        if (permitted && refused && !(key.startsWith('POST /api/auth/') && r.body?.error?.code === 'LOGIN_FAILED')) {
          failures.push(`${key} as ${role}: expected access, got ${r.status}`);
        }
        if (!permitted && r.status !== (role === 'anonymous' ? 401 : 403)) failures.push(`${key} as ${role}: expected ${role === 'anonymous' ? 401 : 403}, got ${r.status}`);
        if (r.status >= 500) failures.push(`${key} as ${role}: server error ${r.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
