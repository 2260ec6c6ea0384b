import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';

/** HTTP API of the scoring, results, publicity, certificates, public verification. Mounted at `/api`; owns its own path prefixes. */
export function scoringApi(deps: AppDeps) {
  void deps;
  return new Hono<AppEnv>();
}
