import type { PageDef } from './pages';
import { RoleHome } from './components/role-home';
import { UsersPage } from './office/users-page';
import { AuditPage } from './supervisor/audit-page';
import { SetupPage } from './public/setup-page';

/** Home pages per role, staff accounts and the audit trail. */
export const foundationPages: PageDef[] = [
  { path: '/office', title: '考务管理', roles: ['admin'], nav: '首页', component: RoleHome },
  { path: '/proctor', title: '监考', roles: ['proctor'], nav: '首页', component: RoleHome },
  { path: '/examiner', title: '考评', roles: ['examiner'], nav: '首页', component: RoleHome },
  { path: '/supervisor', title: '质量督导', roles: ['supervisor'], nav: '首页', component: RoleHome },
  { path: '/candidate', title: '考生首页', roles: ['candidate'], nav: '首页', component: RoleHome },
  { path: '/office/users', title: '账号管理', roles: ['admin'], nav: '账号管理', component: UsersPage },
  { path: '/audit', title: '审计日志', roles: ['admin', 'supervisor'], nav: '审计日志', component: AuditPage },
  { path: '/setup', title: '系统初始化', component: SetupPage },
];
