import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import type { Dialect } from '../db/connect';
import type { Actor } from '../auth/actor';

/** Everything a route needs, passed in from `server/main.ts` (no module-level singletons). */
export interface AppDeps {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly config: Config;
  /** The server clock; tests pass a controllable one. */
  readonly now: () => Date;
  readonly log: (e: unknown) => void;
  /** Realtime hooks the HTTP side may call (set once the socket server exists). */
  readonly events: AppEvents;
}

/** Notifications from HTTP handlers to the realtime layer (no-ops until realtime is wired). */
export interface AppEvents {
  emit(room: string, event: string, payload: unknown): void;
  /** Disconnect every socket in a room (e.g. `actor:user:3` after their sessions were ended). */
  disconnect?(room: string): void;
}

export interface AppEnv {
  Variables: {
    actor: Actor | null;
    /** Set by `clientAddress` (server/http/auth-middleware.ts); read it through `clientIp(c)`. */
    clientIp: string;
  };
}
