import type { RoutePolicy } from './types';

/** Routes of the room feature and who may call them (room-level access is checked again inside). */
export const roomPolicy: RoutePolicy = {
  'GET /api/room/rooms': ['proctor', 'supervisor', 'admin'],
  'GET /api/room/sittings/:sittingId/rooms/:roomId/incident-sheet': ['proctor', 'supervisor', 'admin'],
  'POST /api/room/beacon': ['candidate'],
  'GET /api/room/seb': ['candidate'],
};
