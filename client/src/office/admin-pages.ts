import type { PageDef } from '../pages';
import { BatchListPage } from './admin/batch-list-page';
import { BatchPage } from './admin/batch-page';
import { OrganizationPage } from './admin/organization-page';
import { WorkdaysPage } from './admin/workdays-page';
import { RelationsPage } from './admin/relations-page';

/**
 * Pages of the exam administration (考务). The quality supervisor opens the same pages read-only (the
 * server refuses every change from that role; the pages hide the forms).
 */
export const adminPages: PageDef[] = [
  { path: '/office/batches', title: '认定批次', roles: ['admin', 'supervisor'], nav: '认定批次', component: BatchListPage },
  { path: '/office/batches/:id', title: '认定批次详情', roles: ['admin', 'supervisor'], component: BatchPage },
  { path: '/office/organization', title: '机构设置', roles: ['admin'], nav: '机构设置', component: OrganizationPage },
  { path: '/office/workdays', title: '工作日调整表', roles: ['admin', 'supervisor'], nav: '工作日调整', component: WorkdaysPage },
  { path: '/office/relations', title: '回避申报', roles: ['admin', 'supervisor'], nav: '回避申报', component: RelationsPage },
];
