import type { DemoSeeder } from './seed';

/** Demo data of the admin feature, loaded on first start after the foundation's (filled by its issue). */
export const adminDemo: DemoSeeder = async () => undefined;
