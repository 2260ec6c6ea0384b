import type { RoutePolicy } from './types';

const STAFF = ['admin', 'proctor', 'examiner', 'supervisor'] as const;

export const foundationPolicy: RoutePolicy = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/candidate-login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'public',
  'GET /api/setup': 'public',
  'POST /api/setup': 'public',
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'POST /api/users/:id/password': ['admin'],
  'POST /api/users/:id/end-sessions': ['admin'],
  'GET /api/occupations': [...STAFF],
  'POST /api/occupations': ['admin'],
  'PATCH /api/occupations/:id': ['admin'],
  'GET /api/organization': [...STAFF],
  'GET /api/audit': ['admin', 'supervisor'],
  'GET /api/audit/verify': ['admin', 'supervisor'],
};
