import type { DemoSeeder } from './seed';

/** Demo data of the scoring feature, loaded on first start after the foundation's (filled by its issue). */
export const scoringDemo: DemoSeeder = async () => undefined;
