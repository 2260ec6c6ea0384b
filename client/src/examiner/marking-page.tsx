import { createResource, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { http } from '../lib/http';
import { ErrorBanner } from '../components/error-banner';
import type { TaskGroup } from './api';
import './examiner.css';

interface Entry { answerId: string; itemKey: string; maxMark: number; text: string; reference?: string; task: 'firstMark' | 'secondMark' | 'leader'; priorMarks?: number[] }
const TASKS: Record<Entry['task'], string> = { firstMark: '初评', secondMark: '复评', leader: '组长裁定' };

/** 主观题评阅: an anonymous queue (no name, ticket or seat); two markers each; disputes to the leader. */
export function MarkingPage() {
  const [error, setError] = createSignal<unknown>(null);
  const [batchId, setBatchId] = createSignal<number | null>(null);
  const [as, setAs] = createSignal<'marker' | 'leader'>('marker');
  const [tasks] = createResource(async () => {
    const t = await http.get<{ groups: TaskGroup[]; marking: { batchId: number; leader: boolean }[] }>('/api/scoring/examiner/tasks');
    if (t.marking[0] && batchId() === null) setBatchId(t.marking[0].batchId);
    return t;
  });
  const [queue, { refetch }] = createResource(
    () => (batchId() === null ? null : { id: batchId()!, as: as() }),
    async (k) => (await http.get<{ queue: Entry[] }>(`/api/scoring/examiner/batches/${k.id}/marking?as=${k.as}`)).queue,
  );
  const leaderOf = () => tasks()?.marking.find((m) => m.batchId === batchId())?.leader ?? false;
  const mark = (e: Entry) => async (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    setError(null);
    try {
      await http.post(`/api/scoring/examiner/batches/${batchId()}/marking/${e.answerId}`, { mark: Number(f.get('mark')), as: as() });
      await refetch();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="card">
      <p class="muted"><A href="/examiner/scoring">评分任务</A> › 主观题评阅</p>
      <h1>主观题评阅</h1>
      <p class="muted">答卷已隐去考生信息、顺序已打乱；每份答卷由两位考评员独立评分，取平均分；分差超过规定的由组长裁定。</p>
      <ErrorBanner error={error() ?? tasks.error ?? queue.error} onClose={() => setError(null)} />
      <div class="form-row">
        <label>批次
          <select onChange={(e) => setBatchId(Number(e.currentTarget.value))}>
            <For each={tasks()?.marking}>{(m) => <option value={m.batchId} selected={m.batchId === batchId()}>{tasks()?.groups.find((g) => g.batchId === m.batchId)?.batchName ?? m.batchId}</option>}</For>
          </select>
        </label>
        <Show when={leaderOf()}>
          <div class="ex-buttons">
            <button class="toggle" aria-pressed={as() === 'marker'} onClick={() => setAs('marker')}>评阅</button>
            <button class="toggle" aria-pressed={as() === 'leader'} onClick={() => setAs('leader')}>组长裁定</button>
          </div>
        </Show>
      </div>
      <For each={queue()} fallback={<p class="muted">{queue.loading ? '加载中…' : '暂无待评答卷。'}</p>}>
        {(e) => (
          <div class="ex-row">
            <h3>{TASKS[e.task]} · 试题 {e.itemKey} · 满分 {e.maxMark}</h3>
            <div class="ex-answer">{e.text}</div>
            <Show when={e.reference}><p class="points">参考答案：{e.reference}</p></Show>
            <Show when={e.priorMarks}><p>两位考评员的评分：{e.priorMarks!.join('、')}</p></Show>
            <form class="ex-mark" onSubmit={mark(e)}>
              <label>评分<input name="mark" type="number" min="0" max={e.maxMark} step="0.5" required /></label>
              <button type="submit" class="primary ex-big">提交</button>
            </form>
          </div>
        )}
      </For>
    </section>
  );
}
