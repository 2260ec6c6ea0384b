import type { RegisterHandlers } from './index';

/** Every realtime feature, registered per socket (the exam room adds its handlers here). */
export const realtimeFeatures: RegisterHandlers[] = [];
