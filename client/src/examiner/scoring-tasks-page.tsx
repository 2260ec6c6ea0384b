import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { http } from '../lib/http';
import { ErrorBanner } from '../components/error-banner';
import { fmt, type TaskGroup } from './api';
import './examiner.css';

/** 评分任务: the examiner's groups and candidates; a tile per candidate, green once his own sheet is in. */
export function ScoringTasksPage() {
  const [tasks] = createResource(async () => http.get<{ groups: TaskGroup[]; marking: { batchId: number; leader: boolean }[] }>('/api/scoring/examiner/tasks'));
  return (
    <section class="card">
      <h1>技能考核评分</h1>
      <p class="muted">每位考评员独立评分：提交自己的评分记录表之前看不到其他考评员的评分，提交后不能修改。</p>
      <ErrorBanner error={tasks.error} />
      <Show when={tasks()} fallback={<p class="muted">加载中…</p>}>
        <For each={tasks()!.groups} fallback={<p class="muted">您目前没有评分任务。</p>}>
          {(g) => (
            <>
              <h2>{g.batchName} · {g.componentName} · {g.group}{g.isLeader ? '（您是组长）' : ''}</h2>
              <p class="muted">考核日期 {g.sittingDate} · 考评员：{g.members.map((m) => `${m.name.replace(/（.*）/, '')}${m.duty === 'leader' ? '（组长）' : ''}`).join('、')}</p>
              <div class="ex-tiles">
                <For each={g.candidates} fallback={<p class="muted">本组暂无考生</p>}>
                  {(c) => (
                    <A class="ex-tile" classList={{ done: c.submitted }} href={`/examiner/scoring/${c.candidateId}/${g.component}`}>
                      <strong>{c.code}</strong>
                      {c.occupation} {c.levelName}
                      <br />
                      {c.submitted ? `已评分 · ${c.status?.label ?? ''}${c.status?.mark != null ? ` · ${fmt(c.status.mark)}` : ''}` : '待评分'}
                    </A>
                  )}
                </For>
              </div>
            </>
          )}
        </For>
        <Show when={tasks()!.marking.length > 0}>
          <p><A href="/examiner/marking">主观题评阅 →</A></p>
        </Show>
      </Show>
    </section>
  );
}
