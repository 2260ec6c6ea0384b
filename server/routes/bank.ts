import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';

/** HTTP API of the question bank, blueprints, papers. Mounted at `/api`; owns its own path prefixes. */
export function bankApi(deps: AppDeps) {
  void deps;
  return new Hono<AppEnv>();
}
