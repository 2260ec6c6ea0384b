import type { DemoSeeder } from './seed';
import { bankDemo } from './bank-demo';
import { adminDemo } from './admin-demo';
import { roomDemo } from './room-demo';
import { scoringDemo } from './scoring-demo';

/** Demo data of later issues, run in this order after the foundation's, in the same transaction. */
export const demoSeeders: DemoSeeder[] = [bankDemo, adminDemo, roomDemo, scoringDemo];
