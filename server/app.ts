import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import { errorMapper } from './http/error-mapper';
import { clientAddress, sessionLoader } from './http/auth-middleware';
import { securityHeaders } from './http/security-headers';
import type { AppDeps, AppEnv } from './http/context';
import { NotFound } from './errors';
import { authRoutes } from './routes/auth';
import { userRoutes } from './routes/users';
import { occupationRoutes } from './routes/occupations';
import { organizationRoutes } from './routes/organization';
import { auditRoutes } from './routes/audit';
import { setupRoutes } from './routes/setup';
import { bankApi } from './routes/bank';
import { adminApi } from './routes/admin';
import { roomApi } from './routes/room';
import { scoringApi } from './routes/scoring';

/** Where `vite build` puts the client. */
export const CLIENT_DIST = path.resolve(import.meta.dirname, '../dist/client');

/**
 * The HTTP application: API under `/api`, the built client for everything else.
 * Pure construction — no listening, no process state — so tests call `app.request()` on it.
 */
export function createApp(deps: AppDeps) {
  const api = createApi(deps);

  const app = new Hono<AppEnv>();
  app.onError(errorMapper(deps.log));
  app.use('*', securityHeaders(deps.config));
  app.use('*', clientAddress(deps));
  // Uploads have their own, larger limit inside their routes; everything else is small JSON.
  app.use('/api/*', bodyLimit({
    maxSize: 25 * 1024 * 1024,
    onError: (c) => c.json({ error: { code: 'BODY_TOO_LARGE', message: '提交的内容过大（上限 25 MB）', details: {} } }, 413),
  }));
  app.use('/api/*', sessionLoader(deps));
  app.route('/api', api);
  app.all('/api/*', () => {
    throw new NotFound('接口');
  });

  if (existsSync(CLIENT_DIST)) {
    const indexHtml = readFileSync(path.join(CLIENT_DIST, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), CLIENT_DIST) }));
    app.use('/favicon.svg', serveStatic({ root: path.relative(process.cwd(), CLIENT_DIST) }));
    // Client-side routes (/office/…, /candidate/…) all load the SPA.
    app.get('*', (c) => c.html(indexHtml));
  }
  return app;
}

/** Every API route, mounted under `/api` by `createApp`. Add new resources here. */
export function createApi(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/health', (c) => c.json({ ok: true, dialect: deps.dialect, time: deps.now().toISOString() }))
    .route('/auth', authRoutes(deps))
    .route('/users', userRoutes(deps))
    .route('/occupations', occupationRoutes(deps))
    .route('/organization', organizationRoutes(deps))
    .route('/audit', auditRoutes(deps))
    .route('/setup', setupRoutes(deps))
    .route('/', bankApi(deps))
    .route('/', adminApi(deps))
    .route('/', roomApi(deps))
    .route('/', scoringApi(deps));
}

/** Route types for the typed client (`hc<ApiType>` from `hono/client`). */
export type ApiType = ReturnType<typeof createApi>;
