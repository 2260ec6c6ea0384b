import type { RoutePolicy } from './types';

/** Routes of the admin feature and who may call them. */
export const adminPolicy: RoutePolicy = {};
