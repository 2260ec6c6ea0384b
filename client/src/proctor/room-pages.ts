import type { PageDef } from '../pages';
import { ExamPage } from '../candidate/exam-page';
import { ProctorRoomListPage } from './room-list-page';
import { ProctorRoomPage } from './room-live-page';
import { SupervisorRoomListPage, SupervisorRoomPage } from '../supervisor/room-watch-page';

/** Pages of the smart exam room: the candidate's exam, the proctor's rooms, the supervisor's read-only view. */
export const roomPages: PageDef[] = [
  { path: '/candidate/exam', title: '理论知识考试', roles: ['candidate'], nav: '理论知识考试', component: ExamPage },
  { path: '/proctor/rooms', title: '我的考场', roles: ['proctor'], nav: '考场监控', component: ProctorRoomListPage },
  { path: '/proctor/rooms/:sittingId/:roomId', title: '考场实时监控', roles: ['proctor'], component: ProctorRoomPage },
  { path: '/supervisor/rooms', title: '考场巡查', roles: ['supervisor', 'admin'], nav: '考场巡查', component: SupervisorRoomListPage },
  { path: '/supervisor/rooms/:sittingId/:roomId', title: '考场巡查', roles: ['supervisor', 'admin'], component: SupervisorRoomPage },
];
