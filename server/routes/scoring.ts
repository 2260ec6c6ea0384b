import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/context';
import { candidateRoutes } from '../scoring-service/routes/candidate-routes';
import { examinerRoutes } from '../scoring-service/routes/examiner-routes';
import { officeBatchRoutes, officeCandidateRoutes, officeMiscRoutes, sheetRoutes } from '../scoring-service/routes/office-routes';
import { publicRoutes } from '../scoring-service/routes/public-routes';

/**
 * HTTP API of scoring, results, publicity, certificates and public verification. Mounted at `/api`:
 * staff and candidates under `/api/scoring/…` (every route names its roles), the public under
 * `/api/public/…` (certificate verification, rate-limited, and the running publicity lists).
 */
export function scoringApi(deps: AppDeps) {
  const scoring = new Hono<AppEnv>()
    .route('/batches', officeBatchRoutes(deps))
    .route('/candidates', officeCandidateRoutes(deps))
    .route('/sheets', sheetRoutes(deps))
    .route('/examiner', examinerRoutes(deps))
    .route('/my', candidateRoutes(deps))
    .route('/', officeMiscRoutes(deps));
  return new Hono<AppEnv>().route('/scoring', scoring).route('/public', publicRoutes(deps));
}
