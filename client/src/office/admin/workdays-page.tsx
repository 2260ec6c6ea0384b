import { createResource, For, Show } from 'solid-js';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, useAction } from './api';
import './admin.css';

interface Override { date: string; workday: boolean; note: string; official: { workday: boolean; verified: boolean; name: string | null } }

/** 工作日调整表: local working days and days off that override the official calendar in every deadline. */
export function WorkdaysPage() {
  const [data, { refetch }] = createResource(() => http.get<{ overrides: Override[]; officialRange: { first: string; last: string } }>('/api/workday-overrides'));
  const act = useAction();
  const save = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const r = await act.run(() => http.put(`/api/workday-overrides/${f.get('date')}`, { workday: f.get('workday') === '1', note: f.get('note') }), '已保存');
    if (r) {
      form.reset();
      await refetch();
    }
  };
  const remove = async (date: string) => {
    if (await act.run(() => http.del(`/api/workday-overrides/${date}`), `已删除 ${date} 的调整`)) await refetch();
  };
  return (
    <section class="card">
      <h1>工作日调整表</h1>
      <p class="muted">
        期限按国家法定节假日和调休安排计算（官方数据范围 {data()?.officialRange.first ?? '…'} 至 {data()?.officialRange.last ?? '…'}）。
        超出范围的日期按周一至周五推算并在批次页标为“未经核实”；在此录入当地的调整（须注明依据），所有期限随之重新计算。
      </p>
      <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
      <Show when={act.notice()}><p class="notice">{act.notice()}</p></Show>
      <table class="grid small">
        <thead><tr><th>日期</th><th>调整为</th><th>官方日历</th><th>依据或原因</th><Show when={canEdit()}><th>操作</th></Show></tr></thead>
        <tbody>
          <For each={data()?.overrides} fallback={<tr><td colspan="5" class="muted">没有调整</td></tr>}>
            {(o) => (
              <tr>
                <td>{o.date}</td>
                <td class={o.workday ? 'ok' : 'warn'}>{o.workday ? '工作日' : '休息日'}</td>
                <td>{o.official.workday ? '工作日' : '休息日'}{o.official.name ? `（${o.official.name}）` : ''}{o.official.verified ? '' : '（推算）'}</td>
                <td>{o.note}</td>
                <Show when={canEdit()}><td><button onClick={() => remove(o.date)}>删除</button></td></Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={canEdit()}>
        <h2>添加或修改</h2>
        <form class="form-row" onSubmit={save}>
          <label>日期<input name="date" type="date" required /></label>
          <label>调整为<select name="workday"><option value="0">休息日</option><option value="1">工作日</option></select></label>
          <label>依据或原因<input name="note" required size="36" placeholder="如 国办发明电〔2026〕x号 2027年春节调休" /></label>
          <button type="submit" class="primary">保存</button>
        </form>
      </Show>
    </section>
  );
}
