import { For, Show } from 'solid-js';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, COMPONENT_LABELS, useAction, type BatchView } from './api';

/** 准考证与打印: issue the tickets (warned when late), then print tickets, door lists and sign-in sheets. */
export function PrintsTab(props: { view: BatchView; reload: () => Promise<void> }) {
  const act = useAction();
  const base = () => `/api/batches/${props.view.batch.id}`;
  const issue = async () => {
    const r = await act.run(
      () => http.post<{ issued: number; total: number; warnings: string[] }>(`${base()}/tickets/issue`),
      (x) => `已发放准考证 ${x.issued} 张（共 ${x.total} 张）${x.warnings.length ? `。注意：${x.warnings.join('；')}` : ''}`,
    );
    if (r) await props.reload();
  };
  const deadline = () => props.view.deadlines.find((d) => d.key === 'ticketIssue');
  return (
    <section class="card">
      <h2>准考证</h2>
      <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
      <Show when={act.notice()}><p class={act.notice().includes('注意') ? 'notice warn' : 'notice'} role="status">{act.notice()}</p></Show>
      <p>
        已编排座位 {props.view.counts.seated} 人，已发放准考证 {props.view.counts.ticketsIssued} 张。
        <Show when={deadline()}>发放截止日期 {deadline()!.due}（首场前至少5个工作日）。</Show>
        <Show when={props.view.batch.ticketsIssuedOn}>首次发放于 {props.view.batch.ticketsIssuedOn}。</Show>
      </p>
      <Show when={canEdit() && (props.view.batch.status === 'draft' || props.view.batch.status === 'filed')}>
        <p><button class="primary" onClick={issue} disabled={act.busy() || props.view.counts.seated === 0}>发放准考证</button>
          <span class="muted"> 发放后考生的座位在重新编排时保持不变；考生用准考证号和证件号码登录考试。</span></p>
      </Show>
      <h2>打印</h2>
      <p class="print-links">
        <a href={`${base()}/tickets.pdf`} download="">全部准考证（PDF）</a>
        <a href={`${base()}/door-lists.pdf`} download="">考场门贴（PDF）</a>
        <a href={`${base()}/sign-in/candidates.pdf`} download="">考生签到表（PDF）</a>
        <a href={`${base()}/sign-in/staff.pdf`} download="">考务人员签到表（PDF）</a>
        <a href={`${base()}/plan.xlsx`} download="">认定计划（xlsx）</a>
      </p>
      <h3>按场次打印</h3>
      <table class="grid small">
        <thead><tr><th>场次</th><th>门贴</th><th>考生签到表</th><th>考务人员签到表</th></tr></thead>
        <tbody>
          <For each={props.view.sittings}>
            {(s) => (
              <tr>
                <td>{s.date} {s.startTime} {COMPONENT_LABELS[s.component]}</td>
                <td><Show when={s.component === 'theory'} fallback={<span class="muted">—</span>}><a href={`${base()}/door-lists.pdf?sittingId=${s.id}`} download="">下载</a></Show></td>
                <td><a href={`${base()}/sign-in/candidates.pdf?sittingId=${s.id}`} download="">下载</a></td>
                <td><a href={`${base()}/sign-in/staff.pdf?sittingId=${s.id}`} download="">下载</a></td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <p class="muted">单个考生的准考证：在“考生”名单中点击该考生的“准考证”。</p>
    </section>
  );
}
