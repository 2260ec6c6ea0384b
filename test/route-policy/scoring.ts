import type { RoutePolicy } from './types';

/** Routes of the scoring feature and who may call them. */
export const scoringPolicy: RoutePolicy = {};
