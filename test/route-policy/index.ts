import type { RoutePolicy } from './types';
import { foundationPolicy } from './foundation';
import { bankPolicy } from './bank';
import { adminPolicy } from './admin';
import { roomPolicy } from './room';
import { scoringPolicy } from './scoring';

export type { Allowed, RoutePolicy } from './types';

/** The whole route × role table. */
export const routePolicy: RoutePolicy = { ...foundationPolicy, ...bankPolicy, ...adminPolicy, ...roomPolicy, ...scoringPolicy };
