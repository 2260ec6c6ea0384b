import type { DemoSeeder } from './seed';

/** Demo data of the bank feature, loaded on first start after the foundation's (filled by its issue). */
export const bankDemo: DemoSeeder = async () => undefined;
