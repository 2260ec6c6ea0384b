import { createResource, For, Show } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, DEADLINE_STATUS, useAction, type Batch, type DeadlineStatus } from './api';
import './admin.css';

interface BatchRow extends Batch {
  firstSitting: string | null;
  candidates: number;
  attention: { key: string; label: string; status: DeadlineStatus; verified: boolean }[];
}

/** 认定批次: every batch of the organization with its first sitting and the deadlines that need attention. */
export function BatchListPage() {
  const [batches] = createResource(async () => (await http.get<{ batches: BatchRow[] }>('/api/batches')).batches);
  const act = useAction();
  const navigate = useNavigate();
  const create = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    const code = String(f.get('code') ?? '').trim();
    const r = await act.run(() => http.post<{ batch: Batch }>('/api/batches', { name: f.get('name'), ...(code && { code }) }));
    if (r) navigate(`/office/batches/${r.batch.id}`);
  };
  return (
    <section class="card">
      <h1>认定批次</h1>
      <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
      <table class="grid">
        <thead>
          <tr><th>批次代码</th><th>名称</th><th>状态</th><th>首场日期</th><th>考生</th><th>需关注的期限</th></tr>
        </thead>
        <tbody>
          <For each={batches()} fallback={<tr><td colspan="6" class="muted">还没有认定批次</td></tr>}>
            {(b) => (
              <tr>
                <td>{b.code}</td>
                <td><A href={`/office/batches/${b.id}`}>{b.name}</A></td>
                <td>{b.statusLabel}</td>
                <td>{b.firstSitting ?? '未安排'}</td>
                <td>{b.candidates}</td>
                <td>
                  <For each={b.attention} fallback={<span class="muted">无</span>}>
                    {(d) => (
                      <div class={DEADLINE_STATUS[d.status].cls}>
                        {d.label.replace(/（.*$/, '')}：{DEADLINE_STATUS[d.status].label}
                        {d.verified ? '' : '（日期未经核实）'}
                      </div>
                    )}
                  </For>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={canEdit()}>
        <h2>新建认定批次</h2>
        <form class="form-row" onSubmit={create}>
          <label>批次名称<input name="name" required placeholder="如 2026年第12期职业技能等级认定" size="36" /></label>
          <label>批次代码（可选，6位数字）<input name="code" pattern="\d{6}" placeholder="自动生成" /></label>
          <button type="submit" class="primary" disabled={act.busy()}>新建批次</button>
        </form>
      </Show>
    </section>
  );
}
