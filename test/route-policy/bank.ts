import type { RoutePolicy } from './types';

/** Routes of the bank feature and who may call them. */
export const bankPolicy: RoutePolicy = {};
