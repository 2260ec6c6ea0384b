import type { DemoSeeder } from './seed';

/** Demo data of later issues (question bank, batches, marks …), run in order after the foundation's. */
export const demoSeeders: DemoSeeder[] = [];
