import type { RoutePolicy } from './types';

/** Routes of the room feature and who may call them. */
export const roomPolicy: RoutePolicy = {};
