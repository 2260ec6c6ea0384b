import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { http } from '../lib/http';
import { ErrorBanner } from '../components/error-banner';
import './results.css';

interface MyResult {
  candidateId: number;
  batchName: string;
  occupation: string;
  levelName: string;
  published: boolean;
  status: string | null;
  statusName: string;
  components: { component: string; name: string; mark: number | null; passed: boolean; attendance: string; passMark: number; kept: boolean }[];
  failing: string[];
  kept: { component: string; passedOn: string; expiresOn: string }[];
  publicity: { startedOn: string; endsOn: string; status: string } | null;
  objections: { id: number }[];
  certificate: { id: number; number: string; issuedOn: string; status: string } | null;
}

const CLASS: Record<string, string> = { pass: 'ok', fail: 'bad', absent: 'warn', violation: 'bad' };

/** 我的成绩: published results of every sitting, failing components, kept passes, the certificate. */
export function MyResultsPage() {
  const [data] = createResource(async () => (await http.get<{ results: MyResult[] }>('/api/scoring/my/results')).results);
  return (
    <section class="card">
      <h1>我的成绩</h1>
      <ErrorBanner error={data.error} />
      <For each={data()} fallback={<p class="muted">{data.loading ? '加载中…' : '暂无成绩'}</p>}>
        {(r) => (
          <div class="my-result">
            <h2>{r.batchName}</h2>
            <p>{r.occupation} · {r.levelName}</p>
            <Show when={r.published} fallback={<p class="muted">成绩尚未公布，公示后可在此查询。</p>}>
              <p>认定结果：<strong class={CLASS[r.status ?? ''] ?? ''}>{r.statusName}</strong>
                <Show when={r.failing.length > 0 && r.status === 'fail'}>（未通过：{r.failing.join('、')}）</Show>
              </p>
              <table class="grid small">
                <thead><tr><th>科目</th><th>成绩</th><th>合格分</th><th>结果</th></tr></thead>
                <tbody>
                  <For each={r.components}>
                    {(c) => (
                      <tr>
                        <td>{c.name}</td>
                        <td>{c.attendance === 'absent' ? '缺考' : c.attendance === 'violation' ? '违纪' : c.mark ?? '—'}</td>
                        <td>{c.passMark}</td>
                        <td class={c.passed ? 'ok' : 'bad'}>{c.passed ? (c.kept ? '合格（保留成绩）' : '合格') : '不合格'}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <Show when={r.status === 'fail' && r.components.some((c) => c.passed && !c.kept)}>
                <p class="muted">已合格的科目成绩在保留期内有效，补考时只需参加未通过的科目。</p>
              </Show>
              <Show when={r.publicity}>
                {(p) => (
                  <p>
                    公示期 {p().startedOn} 至 {p().endsOn}
                    <Show when={p().status === 'open'}>
                      {' · '}对成绩有异议？<A href={`/candidate/objections?c=${r.candidateId}`}>提出异议</A>
                    </Show>
                    <Show when={r.objections.length > 0}>{' · '}<A href="/candidate/objections">我的异议（{r.objections.length}）</A></Show>
                  </p>
                )}
              </Show>
              <Show when={r.certificate}>
                {(c) => (
                  <p>
                    职业技能等级证书：<code>{c().number}</code>（{c().issuedOn} 发证{c().status === 'revoked' ? '，已注销' : ''}）
                    <Show when={c().status === 'issued'}>{' '}<a href={`/api/scoring/my/certificates/${c().id}/pdf`} target="_blank">下载电子证书（PDF）</a></Show>
                  </p>
                )}
              </Show>
            </Show>
          </div>
        )}
      </For>
    </section>
  );
}
