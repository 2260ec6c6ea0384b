import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { PUBLICITY_STATUS, type BatchSummary } from './api';
import './scoring.css';

/** 成绩与证书: every batch with its results, publicity and certificates at a glance. */
export function ScoringBatchListPage() {
  const [batches] = createResource(async () => (await http.get<{ batches: BatchSummary[] }>('/api/scoring/batches')).batches);
  return (
    <section class="card">
      <h1>成绩与证书</h1>
      <p class="sc-links">
        <A href="/office/scoring/sheets">评分记录表</A>
        <A href="/office/scoring/regrade">答案更正与重新评分</A>
        <A href="/office/scoring-statistics">成绩统计</A>
      </p>
      <ErrorBanner error={batches.error} />
      <Show when={batches()} fallback={<p class="muted">加载中…</p>}>
        <table class="grid">
          <thead>
            <tr><th>批次</th><th>考生</th><th>合格</th><th>不合格</th><th>缺考</th><th>违纪</th><th>公示</th><th>证书</th></tr>
          </thead>
          <tbody>
            <For each={batches()} fallback={<tr><td colspan="8" class="muted">暂无认定批次</td></tr>}>
              {(b) => (
                <tr>
                  <td><A href={`/office/scoring/batches/${b.id}`}>{b.name}</A> <span class="muted">{b.code}</span></td>
                  <td>{b.candidates}</td>
                  <td>{b.results.pass ?? 0}</td>
                  <td>{b.results.fail ?? 0}</td>
                  <td>{b.results.absent ?? 0}</td>
                  <td>{b.results.violation ?? 0}</td>
                  <td>
                    {b.publicity
                      ? `${b.publicity.startedOn} 至 ${b.publicity.endsOn}（${b.publicity.status === 'closed' ? PUBLICITY_STATUS.closed : '进行中'}${b.publicity.openObjections ? `，${b.publicity.openObjections} 件异议待处理` : ''}）`
                      : '未发布'}
                  </td>
                  <td>{b.certificates}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
