import type { RegisterHandlers } from './index';
import { registerRoomHandlers } from '../exam-room';

/** Every realtime feature, registered per socket. */
export const realtimeFeatures: RegisterHandlers[] = [registerRoomHandlers];
