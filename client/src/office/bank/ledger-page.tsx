import { createResource, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { LEDGER_EVENTS, LEVEL_NAMES, useOccupations, when, type LedgerRow } from './api';
import { ScopePicker } from './scope-picker';
import './bank.css';

/**
 * 题库运行、发放和回收台账: every paper event (built, approved, printed, released, used, archived, analysed),
 * newest first; all occupations unless one is chosen.
 */
export function LedgerPage() {
  const occupations = useOccupations();
  const [params, setParams] = useSearchParams();
  const filtered = () => Boolean(params.occupationId);
  const [rows] = createResource(
    () => (filtered() ? `occupationId=${params.occupationId}&level=${params.level ?? ''}` : 'all'),
    async (q) => (await http.get<{ ledger: LedgerRow[] }>(`/api/bank/ledger?${q === 'all' ? '' : q.replace(/&level=$/, '')}&limit=500`)).ledger,
  );
  return (
    <section class="card">
      <h1>试卷台账</h1>
      <p class="muted">题库运行、发放和回收台账：每份试卷的组卷、审核、打印、发放、使用、归档和试题分析记录（同时记入审计日志）。</p>
      <Show
        when={filtered()}
        fallback={
          <p>
            显示全部职业。{' '}
            <button onClick={() => { const o = occupations()?.[0]; if (o) setParams({ occupationId: String(o.id), level: String(o.levels.includes(4) ? 4 : o.levels[0]) }); }}>按职业等级筛选</button>
          </p>
        }
      >
        <ScopePicker occupations={occupations()} occupationId={Number(params.occupationId)} level={Number(params.level)} onChange={(o, l) => setParams({ occupationId: String(o), level: String(l) })} />
        <button onClick={() => setParams({ occupationId: undefined, level: undefined })}>显示全部</button>
      </Show>
      <ErrorBanner error={rows.error} />
      <table class="grid small ledger">
        <thead><tr><th>时间</th><th>职业等级</th><th>试卷</th><th>事项</th><th>考试场次</th><th>经办人</th><th>备注</th></tr></thead>
        <tbody>
          <For each={rows() ?? []} fallback={<tr><td colspan="7" class="muted">暂无记录</td></tr>}>
            {(r) => (
              <tr>
                <td>{when(r.at)}</td>
                <td>{r.occupationName} {LEVEL_NAMES[r.level]}</td>
                <td><A href={`/office/bank/papers/${r.paperId}`}>第 {r.paperSetId} 组 {r.form} 卷</A></td>
                <td>{LEDGER_EVENTS[r.event] ?? r.event}</td>
                <td>{r.sittingDate ? `${r.sittingDate} ${r.batchName ?? ''}` : ''}</td>
                <td>{r.actorName ?? ''}</td>
                <td>{r.note}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
