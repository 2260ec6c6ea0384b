import type { Component } from 'solid-js';
import type { Me } from './lib/session';
import { foundationPages } from './foundation-pages';
import { bankPages } from './office/bank-pages';
import { adminPages } from './office/admin-pages';
import { roomPages } from './proctor/room-pages';
import { scoringPages } from './office/scoring-pages';

/**
 * One page of the app. `roles` may open it (the server enforces the same rules on every API call);
 * `nav` puts it in the navigation of those roles; pages without `roles` are public.
 */
export interface PageDef {
  path: string;
  title: string;
  roles?: Me['role'][];
  nav?: string;
  component: Component;
}

/** Every page; each feature owns its own list. */
export const pages: PageDef[] = [...foundationPages, ...bankPages, ...adminPages, ...roomPages, ...scoringPages];
