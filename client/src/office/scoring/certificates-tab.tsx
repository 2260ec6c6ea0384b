import { createResource, createSignal, For, Show } from 'solid-js';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { act, canWrite, createNotice, type Certificate } from './api';

/** 证书与报表: issue numbered certificates after a closed publicity, print, revoke; roster and summary. */
export function CertificatesTab(props: { batchId: number; onChange: () => void }) {
  const [error, setError] = createSignal<unknown>(null);
  const [notice, show] = createNotice();
  const [certs, { refetch }] = createResource(() => props.batchId, async (id) => (await http.get<{ certificates: Certificate[] }>(`/api/scoring/batches/${id}/certificates`)).certificates);
  const issue = () =>
    act(
      async () => {
        const r = await http.post<{ issued: { number: string }[]; skipped: unknown[] }>(`/api/scoring/batches/${props.batchId}/certificates`, {});
        show(r.issued.length ? `已颁发 ${r.issued.length} 本证书（${r.issued[0]!.number} 起）` : '没有需要颁发证书的合格考生');
      },
      setError,
      async () => { await refetch(); props.onChange(); },
    );
  const revoke = (c: Certificate) => {
    const reason = prompt(`注销证书 ${c.number}（${c.name}）的原因：`);
    if (reason) void act(() => http.post(`/api/scoring/certificates/${c.id}/revoke`, { reason }), setError, async () => { show(`证书 ${c.number} 已注销，编号不再使用`); await refetch(); });
  };
  return (
    <>
      <section class="card">
        <h2>职业技能等级证书</h2>
        <ErrorBanner error={error() ?? certs.error} onClose={() => setError(null)} />
        <Show when={notice()}><p class="notice">{notice()}</p></Show>
        <p class="muted">只为公示结束（异议全部处理完毕）且认定结果为合格的考生发证；证书编号按 2019 年规则逐本分配，注销后编号不再使用。</p>
        <Show when={canWrite()}>
          <p class="sc-links">
            <button class="primary" onClick={() => void issue()}>为合格考生颁发证书</button>
            <a href={`/api/scoring/batches/${props.batchId}/certificates.pdf`} target="_blank" rel="external noopener">打印全部证书（PDF）</a>
          </p>
        </Show>
        <table class="grid small">
          <thead><tr><th>证书编号</th><th>姓名</th><th>证件号码</th><th>等级</th><th>发证日期</th><th>状态</th><th></th></tr></thead>
          <tbody>
            <For each={certs()} fallback={<tr><td colspan="7" class="muted">尚未颁发证书</td></tr>}>
              {(c) => (
                <tr>
                  <td><code>{c.number}</code></td>
                  <td>{c.name}</td>
                  <td>{c.maskedId}</td>
                  <td>{c.levelName}</td>
                  <td>{c.issuedOn}</td>
                  <td classList={{ ok: c.status === 'issued', bad: c.status === 'revoked' }}>{c.status === 'issued' ? '有效' : `已注销：${c.revokedReason ?? ''}`}</td>
                  <td class="actions">
                    <Show when={c.status === 'issued' && canWrite()}>
                      <a href={`/api/scoring/certificates/${c.id}/pdf`} target="_blank" rel="external noopener">证书 PDF</a>
                      <button onClick={() => revoke(c)}>注销</button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>上报报表</h2>
        <p class="sc-links">
          <a href={`/api/scoring/batches/${props.batchId}/roster.xlsx`} download="" rel="external">合格人员花名册（xlsx）</a>
          <a href={`/api/scoring/batches/${props.batchId}/summary.xlsx`} download="" rel="external">认定结果汇总表（xlsx）</a>
          <a href={`/api/scoring/batches/${props.batchId}/summary.pdf`} target="_blank" rel="external noopener">认定结果汇总表（PDF）</a>
          <a href={`/office/scoring-statistics?batchId=${props.batchId}`}>成绩统计</a>
        </p>
      </section>
    </>
  );
}
