import type { Migration } from 'kysely';
import * as foundation from './2026-11-22T00-00-00-foundation';
import * as examAdmin from './2026-11-22T04-00-00-exam-admin';
import * as examRoom from './2026-11-22T06-00-00-exam-room';
import * as scoring from './2026-11-22T07-00-00-scoring';
import * as roomsAndJobs from './2026-11-22T09-00-00-rooms-and-jobs';

/**
 * Every migration, by its frozen name (ISO timestamp first, so the order is the name order).
 * A static list rather than a folder scan: it works the same under tsx, vitest and a bundler.
 * Add new migrations at the end; never edit or rename a released one.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22T00-00-00-foundation': foundation,
  '2026-11-22T04-00-00-exam-admin': examAdmin,
  '2026-11-22T06-00-00-exam-room': examRoom,
  '2026-11-22T07-00-00-scoring': scoring,
  '2026-11-22T09-00-00-rooms-and-jobs': roomsAndJobs,
};
