import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';

/** HTTP API of the smart exam room: sittings, attempts, proctoring. Mounted at `/api`; owns its own path prefixes. */
export function roomApi(deps: AppDeps) {
  void deps;
  return new Hono<AppEnv>();
}
