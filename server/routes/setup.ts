import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { validate } from '../http/validate';
import { createFirstOrganization, setupBody, setupNeeded } from '../setup/first-run';

/**
 * First-run setup (public, guarded by the setup code): `GET /setup` says whether it is still needed,
 * `POST /setup` creates the organization and its first 考务管理员, then the setup closes.
 */
export function setupRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json({ needed: await setupNeeded(deps.db) }))
    .post('/', validate('json', setupBody), async (c) => {
      const r = await createFirstOrganization(deps.db, deps.dialect, deps.config.sessionSecret, c.req.valid('json'), deps.now());
      return c.json(r, 201);
    });
}
