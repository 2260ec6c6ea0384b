import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { me, ROLE_NAMES } from '../lib/session';
import { navGroups } from './layout';

const INTRO: Record<string, string> = {
  admin: '维护题库、组卷、制定认定计划、报名与编排考场、发布成绩与颁发证书。',
  proctor: '进入负责的考场，实时查看考生状态，处理警告、暂停、延时、强制交卷和违纪记录。',
  examiner: '在评分记录表上独立录入技能操作考核和综合评审成绩。',
  supervisor: '只读查看批次的全部过程与审计日志，实时查看任一考场。',
  candidate: '查看考试安排，进入理论知识考试，查询成绩和证书。',
};

/** The landing page of each role: who you are and the tasks open to you. */
export function RoleHome() {
  // Same order as the navigation, so the tiles and the sidebar agree.
  const links = () => navGroups().flatMap((g) => g.pages).filter((p) => p.nav !== '首页');
  return (
    <Show when={me()}>
      <section class="card">
        <h1>
          {ROLE_NAMES[me()!.role]}：{me()!.name}
        </h1>
        <p class="muted">{INTRO[me()!.role]}</p>
        <div class="tiles">
          <For each={links()} fallback={<p class="muted">暂无可用功能。</p>}>
            {(p) => (
              <A class="tile" href={p.path}>
                {p.nav}
              </A>
            )}
          </For>
        </div>
      </section>
    </Show>
  );
}
