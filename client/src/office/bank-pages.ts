import type { PageDef } from '../pages';
import { BankPage } from './bank/bank-page';
import { BlueprintPage } from './bank/blueprint-page';
import { BuildPage } from './bank/build-page';
import { ImportPage } from './bank/import-page';
import { ItemPage } from './bank/item-page';
import { LedgerPage } from './bank/ledger-page';
import { PaperPage } from './bank/paper-page';
import { PaperSetPage } from './bank/paper-set-page';

const READERS: PageDef['roles'] = ['admin', 'supervisor'];

/** Pages of the question bank: the office edits, the quality supervisor reads. */
export const bankPages: PageDef[] = [
  { path: '/office/bank', title: '题库管理', roles: READERS, nav: '题库', component: BankPage },
  { path: '/office/bank/items/:id', title: '试题', roles: READERS, component: ItemPage },
  { path: '/office/bank/import', title: '导入试题', roles: ['admin'], component: ImportPage },
  { path: '/office/bank/blueprint', title: '细目表与试卷结构', roles: READERS, nav: '细目表', component: BlueprintPage },
  { path: '/office/bank/build', title: '组卷', roles: READERS, nav: '组卷', component: BuildPage },
  { path: '/office/bank/paper-sets/:id', title: '平行卷对比', roles: READERS, component: PaperSetPage },
  { path: '/office/bank/papers/:id', title: '试卷', roles: READERS, component: PaperPage },
  { path: '/office/bank/ledger', title: '试卷台账', roles: READERS, nav: '试卷台账', component: LedgerPage },
];
