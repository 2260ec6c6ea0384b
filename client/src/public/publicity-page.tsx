import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { http } from '../lib/http';
import { ErrorBanner } from '../components/error-banner';
import './public.css';

interface PublicList { id: number; batchName: string; organization: string; startedOn: string; endsOn: string; rows: { name: string; maskedId: string; occupation: string; workType: string; level: string; result: string }[] }

/** 成绩公示 (public): every publicity running today, with masked ID numbers. */
export function PublicityPage() {
  const [lists] = createResource(async () => (await http.get<{ publicities: PublicList[] }>('/api/public/publicity')).publicities);
  return (
    <section class="card pub-page">
      <h1>职业技能等级认定成绩公示</h1>
      <ErrorBanner error={lists.error} />
      <For each={lists()} fallback={<p class="muted">{lists.loading ? '加载中…' : '目前没有正在公示的认定结果。'}</p>}>
        {(p) => (
          <>
            <h2>{p.organization} · {p.batchName}</h2>
            <p>公示期：{p.startedOn} 至 {p.endsOn}（5 个工作日）。对公示结果有异议的考生，请在公示期内登录系统在“我的异议”中提出。</p>
            <table class="grid small">
              <thead><tr><th>序号</th><th>姓名</th><th>证件号码</th><th>职业</th><th>工种</th><th>等级</th><th>认定结果</th></tr></thead>
              <tbody>
                <For each={p.rows}>
                  {(r, i) => <tr><td>{i() + 1}</td><td>{r.name}</td><td>{r.maskedId}</td><td>{r.occupation}</td><td>{r.workType}</td><td>{r.level}</td><td>{r.result}</td></tr>}
                </For>
              </tbody>
            </table>
          </>
        )}
      </For>
      <Show when={true}><p class="pub-links"><A href="/verify">证书查询</A><A href="/login">登录</A></p></Show>
    </section>
  );
}
