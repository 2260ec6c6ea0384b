import type { DemoSeeder } from './seed';

/** Demo data of the room feature, loaded on first start after the foundation's (filled by its issue). */
export const roomDemo: DemoSeeder = async () => undefined;
