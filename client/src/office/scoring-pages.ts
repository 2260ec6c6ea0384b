import type { PageDef } from '../pages';
import { ScoringBatchListPage } from './scoring/batch-list-page';
import { ScoringBatchPage } from './scoring/batch-page';
import { ScoringSheetsPage } from './scoring/sheets-page';
import { RegradePage } from './scoring/regrade-page';
import { ScoringStatisticsPage } from './scoring/statistics-page';
import { ScoringTasksPage } from '../examiner/scoring-tasks-page';
import { ScoringSheetPage } from '../examiner/scoring-sheet-page';
import { MarkingPage } from '../examiner/marking-page';
import { MyResultsPage } from '../candidate/results-page';
import { MyObjectionsPage } from '../candidate/results-objections-page';
import { VerifyPage } from '../public/verify-page';
import { PublicityPage } from '../public/publicity-page';

const READERS: PageDef['roles'] = ['admin', 'supervisor'];

/**
 * Pages of scoring, results, publicity and certificates: the office (the supervisor reads), examiners on
 * a tablet, candidates (我的成绩, 我的异议), and the public pages (no login: /verify, /publicity).
 */
export const scoringPages: PageDef[] = [
  { path: '/office/scoring', title: '成绩与证书', roles: READERS, nav: '成绩与证书', component: ScoringBatchListPage },
  { path: '/office/scoring/batches/:id', title: '批次成绩', roles: READERS, component: ScoringBatchPage },
  { path: '/office/scoring/sheets', title: '考核评分记录表', roles: READERS, component: ScoringSheetsPage },
  { path: '/office/scoring/regrade', title: '答案更正', roles: ['admin'], component: RegradePage },
  { path: '/office/scoring-statistics', title: '成绩统计', roles: READERS, nav: '成绩统计', component: ScoringStatisticsPage },
  { path: '/examiner/scoring', title: '技能考核评分', roles: ['examiner'], nav: '技能考核评分', component: ScoringTasksPage },
  { path: '/examiner/scoring/:candidateId/:component', title: '评分记录表', roles: ['examiner'], component: ScoringSheetPage },
  { path: '/examiner/marking', title: '主观题评阅', roles: ['examiner'], nav: '主观题评阅', component: MarkingPage },
  { path: '/candidate/results', title: '我的成绩', roles: ['candidate'], nav: '我的成绩', component: MyResultsPage },
  { path: '/candidate/objections', title: '我的异议', roles: ['candidate'], nav: '我的异议', component: MyObjectionsPage },
  { path: '/verify', title: '证书查询', component: VerifyPage },
  { path: '/publicity', title: '成绩公示', component: PublicityPage },
];
