import type { PageDef } from '../pages';

/** Pages of this feature (filled by its issue). */
export const bankPages: PageDef[] = [];
