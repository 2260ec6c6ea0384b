import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import {
  batchRoutes,
  candidateRoutes,
  declaredRelationRoutes,
  organizationSettingsRoutes,
  printRoutes,
  roomRoutes,
  staffRoutes,
  workdayOverrideRoutes,
} from '../exam-admin';

/**
 * HTTP API of the exam administration (考务): organization settings, batches, candidates, rooms and seats,
 * staff, tickets and prints, working-day overrides, declared relations. Mounted at `/api`.
 * Admin edits; the quality supervisor reads everything of a batch; other roles are refused.
 */
export function adminApi(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route('/organization', organizationSettingsRoutes(deps))
    .route('/batches', batchRoutes(deps))
    .route('/batches', candidateRoutes(deps))
    .route('/batches', roomRoutes(deps))
    .route('/batches', staffRoutes(deps))
    .route('/batches', printRoutes(deps))
    .route('/workday-overrides', workdayOverrideRoutes(deps))
    .route('/declared-relations', declaredRelationRoutes(deps));
}
