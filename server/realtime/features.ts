import type { RegisterHandlers } from './index';

/** Every realtime feature, registered per socket. Features add themselves here. */
export const realtimeFeatures: RegisterHandlers[] = [];
