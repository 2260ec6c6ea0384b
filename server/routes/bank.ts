import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { createBuildJobs } from '../bank/build-jobs';
import { blueprintRoutes, specRoutes } from '../bank/routes/blueprint-routes';
import { itemRoutes } from '../bank/routes/item-routes';
import { overviewRoutes } from '../bank/routes/overview-routes';
import { buildRoutes, paperRoutes, paperSetRoutes } from '../bank/routes/paper-routes';
import { transferRoutes } from '../bank/routes/transfer-routes';

/**
 * HTTP API of the question bank, blueprints, papers. Mounted at `/api`; everything lives under `/api/bank`
 * (so no middleware here can reach another feature's routes). Each route names its roles: the exam office
 * (admin) writes, the quality supervisor reads, everyone else is refused.
 */
export function bankApi(deps: AppDeps) {
  const jobs = createBuildJobs(deps);
  const bank = new Hono<AppEnv>()
    .route('/', overviewRoutes(deps))
    .route('/', transferRoutes(deps))
    .route('/blueprints', blueprintRoutes(deps))
    .route('/specs', specRoutes(deps))
    .route('/items', itemRoutes(deps))
    .route('/builds', buildRoutes(deps, jobs))
    .route('/paper-sets', paperSetRoutes(deps))
    .route('/papers', paperRoutes(deps));
  return new Hono<AppEnv>().route('/bank', bank);
}
