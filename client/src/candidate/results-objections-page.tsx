import { createResource, createSignal, For, Show } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { http } from '../lib/http';
import { ErrorBanner } from '../components/error-banner';
import './results.css';

interface ObjectionView { id: number; categoryName: string; statement: string; status: string; outcomeName: string; resolution: string | null; createdAt: string; resolvedAt: string | null }
interface MyResult { candidateId: number; batchName: string; occupation: string; levelName: string; publicity: { status: string } | null }

/** 我的异议: lodge an objection during publicity (复核 grounds only) and follow the office's answer. */
export function MyObjectionsPage() {
  const [search] = useSearchParams();
  const [error, setError] = createSignal<unknown>(null);
  const [done, setDone] = createSignal('');
  const [data, { refetch }] = createResource(async () => http.get<{ objections: ObjectionView[]; categories: { value: string; name: string }[] }>('/api/scoring/my/objections'));
  const [results] = createResource(async () => (await http.get<{ results: MyResult[] }>('/api/scoring/my/results')).results.filter((r) => r.publicity?.status === 'open'));
  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    setError(null);
    try {
      await http.post('/api/scoring/my/objections', { candidateId: Number(f.get('candidateId')), category: f.get('category'), statement: f.get('statement') });
      setDone('异议已提交，考务机构将在公示期内复核并答复。');
      form.reset();
      await refetch();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="card">
      <h1>我的异议</h1>
      <ErrorBanner error={error() ?? data.error} onClose={() => setError(null)} />
      <Show when={done()}><p class="notice">{done()}</p></Show>
      <Show when={(results() ?? []).length > 0} fallback={<p class="muted">当前没有正在公示的成绩，不能提出异议。</p>}>
        <form class="stack my-objection" onSubmit={(e) => void submit(e)}>
          <label>成绩
            <select name="candidateId">
              <For each={results()}>{(r) => <option value={r.candidateId} selected={String(r.candidateId) === search.c}>{r.batchName} · {r.occupation} {r.levelName}</option>}</For>
            </select>
          </label>
          <label>复核类别
            <select name="category">
              <For each={data()?.categories}>{(c) => <option value={c.value}>{c.name}</option>}</For>
            </select>
          </label>
          <p class="muted">复核只核查漏评、合分错误和登分错误，不对作答重新评阅。</p>
          <label>异议内容<textarea name="statement" required minLength={5} /></label>
          <button type="submit" class="primary">提交异议</button>
        </form>
      </Show>
      <h2>已提出的异议</h2>
      <table class="grid small">
        <thead><tr><th>提出时间</th><th>类别</th><th>内容</th><th>处理结果</th></tr></thead>
        <tbody>
          <For each={data()?.objections} fallback={<tr><td colspan="4" class="muted">暂无</td></tr>}>
            {(o) => (
              <tr>
                <td>{new Date(o.createdAt).toLocaleString('zh-CN', { hour12: false })}</td>
                <td>{o.categoryName}</td>
                <td>{o.statement}</td>
                <td>{o.status === 'open' ? <span class="warn">复核中</span> : `${o.outcomeName}：${o.resolution ?? ''}`}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
