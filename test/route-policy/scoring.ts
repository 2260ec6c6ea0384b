import type { RoutePolicy } from './types';

const OFFICE = ['admin'] as const;
const READERS = ['admin', 'supervisor'] as const;
const office = (): RoutePolicy[string] => [...OFFICE];
const readers = (): RoutePolicy[string] => [...READERS];

/** Routes of the scoring feature and who may call them. */
export const scoringPolicy: RoutePolicy = {
  // Batch scoring plan, progress and results (office writes, supervisor reads).
  'GET /api/scoring/batches': readers(),
  'GET /api/scoring/batches/:id/plan': readers(),
  'PUT /api/scoring/batches/:id/plan': office(),
  'GET /api/scoring/batches/:id/theory': readers(),
  'GET /api/scoring/batches/:id/subjective': readers(),
  'GET /api/scoring/batches/:id/practical': readers(),
  'GET /api/scoring/batches/:id/candidates/:candidateId/sheets.pdf': readers(),
  'GET /api/scoring/batches/:id/outcomes': readers(),
  'PUT /api/scoring/candidates/:id/outcomes': office(),
  'DELETE /api/scoring/candidates/:id/outcomes/:component': office(),
  'GET /api/scoring/candidates/:id/retake': readers(),
  'GET /api/scoring/batches/:id/source-marks': readers(),
  'POST /api/scoring/batches/:id/source-marks': office(),
  'POST /api/scoring/batches/:id/source-marks/import': office(),
  'GET /api/scoring/source-marks/template.xlsx': office(),
  'POST /api/scoring/batches/:id/results/compute': office(),
  'GET /api/scoring/batches/:id/results': readers(),
  'POST /api/scoring/regrade/preview': office(),
  'POST /api/scoring/regrade/apply': office(),
  // Scoring sheets.
  'GET /api/scoring/sheets': readers(),
  'POST /api/scoring/sheets': office(),
  'GET /api/scoring/sheets/:id': readers(),
  'PUT /api/scoring/sheets/:id': office(),
  'DELETE /api/scoring/sheets/:id': office(),
  // Publicity and objections.
  'POST /api/scoring/batches/:id/publicity': office(),
  'GET /api/scoring/batches/:id/publicity': readers(),
  'POST /api/scoring/batches/:id/publicity/close': office(),
  'POST /api/scoring/objections/:id/resolve': office(),
  // Certificates and reports.
  'POST /api/scoring/batches/:id/certificates': office(),
  'GET /api/scoring/batches/:id/certificates': readers(),
  'GET /api/scoring/batches/:id/certificates.pdf': office(),
  'GET /api/scoring/certificates/:id/pdf': office(),
  'POST /api/scoring/certificates/:id/revoke': office(),
  'GET /api/scoring/batches/:id/roster.xlsx': readers(),
  'GET /api/scoring/batches/:id/summary.xlsx': readers(),
  'GET /api/scoring/batches/:id/summary.pdf': readers(),
  'GET /api/scoring/statistics': readers(),
  // Examiners.
  'GET /api/scoring/examiner/tasks': ['examiner'],
  'GET /api/scoring/examiner/candidates/:candidateId/:component': ['examiner'],
  'POST /api/scoring/examiner/candidates/:candidateId/:component': ['examiner'],
  'POST /api/scoring/examiner/candidates/:candidateId/:component/decision': ['examiner'],
  'GET /api/scoring/examiner/batches/:id/marking': ['examiner'],
  'POST /api/scoring/examiner/batches/:id/marking/:answerId': ['examiner'],
  // Candidates.
  'GET /api/scoring/my/results': ['candidate'],
  'GET /api/scoring/my/objections': ['candidate'],
  'POST /api/scoring/my/objections': ['candidate'],
  'GET /api/scoring/my/certificates/:id/pdf': ['candidate'],
  // The public.
  'GET /api/public/certificates/verify': 'public',
  'GET /api/public/publicity': 'public',
};
