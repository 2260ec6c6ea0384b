import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';

/** HTTP API of the exam administration: batches, candidates, rooms, tickets. Mounted at `/api`; owns its own path prefixes. */
export function adminApi(deps: AppDeps) {
  void deps;
  return new Hono<AppEnv>();
}
