import { createResource, createSignal, For, Show } from 'solid-js';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { act, canWrite, createNotice, PUBLICITY_STATUS, type PublicityView } from './api';

/** 成绩公示: publish for 5 working days, review objections (复核), close when none is open. */
export function PublicityTab(props: { batchId: number; onChange: () => void }) {
  const [error, setError] = createSignal<unknown>(null);
  const [notice, show] = createNotice();
  const [pub, { refetch }] = createResource(() => props.batchId, async (id) => (await http.get<{ publicity: PublicityView | null }>(`/api/scoring/batches/${id}/publicity`)).publicity);
  const reload = async () => { await refetch(); props.onChange(); };
  const publish = () =>
    act(
      async () => {
        const r = await http.post<{ startedOn: string; endsOn: string; warning: string | null }>(`/api/scoring/batches/${props.batchId}/publicity`);
        show(`已发布公示：${r.startedOn} 至 ${r.endsOn}（5 个工作日）${r.warning ? `。注意：${r.warning}` : ''}`);
      },
      setError,
      reload,
    );
  const resolve = (id: number) => (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    void act(() => http.post(`/api/scoring/objections/${id}/resolve`, { outcome: f.get('outcome'), note: f.get('note') }), setError, async () => { show('复核结论已记录'); await reload(); });
  };
  const recompute = (candidateId: number) =>
    act(() => http.post(`/api/scoring/batches/${props.batchId}/results/compute`, { candidateIds: [candidateId] }), setError, async () => { show('已按更正后的记录重新计算该考生的结果'); await reload(); });
  const close = () => act(() => http.post(`/api/scoring/batches/${props.batchId}/publicity/close`), setError, async () => { show('公示已结束，可以颁发证书并上报'); await reload(); });
  return (
    <section class="card">
      <h2>成绩公示</h2>
      <ErrorBanner error={error() ?? pub.error} onClose={() => setError(null)} />
      <Show when={notice()}><p class="notice">{notice()}</p></Show>
      <Show
        when={pub()}
        fallback={
          <>
            <p>公示内容：姓名、证件号码（部分隐藏）、职业（工种）、等级、认定结果；公示期 5 个工作日（按工作日历计算）。</p>
            <Show when={canWrite()}><button class="primary" onClick={() => void publish()}>发布公示</button></Show>
          </>
        }
      >
        {(p) => (
          <>
            <p>
              公示期 <strong>{p().startedOn}</strong> 至 <strong>{p().endsOn}</strong> · 状态 <strong>{PUBLICITY_STATUS[p().status]}</strong>
              {' · '}<a href="/publicity" target="_blank">查看公示页面</a>
            </p>
            <Show when={p().blockers.length > 0}><p class="sc-blockers">暂不能结束公示：{p().blockers.join('；')}</p></Show>
            <h3>异议与复核</h3>
            <table class="grid small">
              <thead><tr><th>考生</th><th>类别</th><th>异议内容</th><th>提出时间</th><th>复核结论</th></tr></thead>
              <tbody>
                <For each={p().objections} fallback={<tr><td colspan="5" class="muted">暂无异议</td></tr>}>
                  {(o) => (
                    <tr>
                      <td>{o.candidateName}<br /><span class="muted">{o.maskedId}</span></td>
                      <td>{o.categoryName}</td>
                      <td>{o.statement}</td>
                      <td>{new Date(o.createdAt).toLocaleString('zh-CN', { hour12: false })}</td>
                      <td>
                        <Show
                          when={o.status === 'open'}
                          fallback={<span>{o.outcomeName}：{o.resolution}{o.outcome === 'upheld' && canWrite() && p().status !== 'closed' ? ' ' : ''}
                            <Show when={o.outcome === 'upheld' && canWrite() && p().status !== 'closed'}><button onClick={() => void recompute(o.candidateId)}>重新计算结果</button></Show></span>}
                        >
                          <Show when={canWrite()} fallback={<span class="warn">待复核</span>}>
                            <form class="stack" onSubmit={resolve(o.id)}>
                              <label>复核结论<select name="outcome"><option value="rejected">不成立（成绩无误）</option><option value="upheld">成立（更正成绩）</option></select></label>
                              <label>复核情况<textarea name="note" required /></label>
                              <button type="submit" class="primary">记录结论</button>
                            </form>
                          </Show>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <p class="muted">复核限于漏评、合分错误、登分错误，不对作答重新评阅。结论为“成立”的，先更正评分记录（如补录漏评、更正登分），再重新计算该考生的结果。</p>
            <Show when={canWrite() && p().status !== 'closed'}>
              <button class="primary" disabled={p().blockers.length > 0} onClick={() => void close()}>结束公示</button>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
