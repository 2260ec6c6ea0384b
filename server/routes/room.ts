import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { roomHttp } from '../exam-room';

/** HTTP API of the smart exam room: sittings, attempts, proctoring. Mounted at `/api`; owns its own path prefixes. */
export function roomApi(deps: AppDeps) {
  return new Hono<AppEnv>().route('/room', roomHttp(deps));
}
