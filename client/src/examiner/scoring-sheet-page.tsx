import { createResource, createSignal, For, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { http } from '../lib/http';
import { ErrorBanner } from '../components/error-banner';
import { fmt, RULE_NAMES, type KeptSheet, type SheetPage } from './api';
import { SheetEditor, type SheetEntry } from './sheet-editor';
import './examiner.css';

function KeptTable(props: { sheets: KeptSheet[]; rows: SheetPage['sheet']['rows'] }) {
  return (
    <table class="grid small">
      <thead>
        <tr><th>考评员</th><For each={props.rows}>{(r) => <th>{r.id}. {r.content}</th>}</For><th>合计</th><th>否决情况</th></tr>
      </thead>
      <tbody>
        <For each={props.sheets}>
          {(k) => (
            <tr>
              <td>{k.examinerName.replace(/（.*）/, '')}{k.role === 'leader' ? '（组长裁定）' : ''}</td>
              <For each={props.rows}>{(r) => <td>{fmt(k.score.rows.find((x) => x.rowId === r.id)?.score)}</td>}</For>
              <td><strong>{fmt(k.score.total)}</strong></td>
              <td>{k.score.ruleFailures.map((f) => RULE_NAMES[f] ?? f).join('、') || '无'}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

/** One candidate's scoring sheet on a tablet: enter, submit, then see the group and (leader) decide. */
export function ScoringSheetPage() {
  const params = useParams();
  const [error, setError] = createSignal<unknown>(null);
  const url = () => `/api/scoring/examiner/candidates/${params.candidateId}/${params.component}`;
  const [page, { mutate }] = createResource(url, (u) => http.get<SheetPage>(u));
  const submit = (path: string) => async (entry: SheetEntry) => {
    setError(null);
    try {
      mutate(await http.post<SheetPage>(path, entry));
      window.scrollTo(0, 0);
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
  return (
    <section class="card">
      <p class="muted"><A href="/examiner/scoring">评分任务</A> › 评分记录表</p>
      <ErrorBanner error={error() ?? page.error} onClose={() => setError(null)} />
      {/* Reading an errored resource throws (blank page); the banner above already shows the server's message. */}
      <Show when={page.state === 'ready' ? page() : undefined}>
        {(p) => (
          <>
            <h1>考生 {p().candidate.code} · {p().componentName}</h1>
            <p class="muted">
              {p().candidate.occupation} {p().candidate.levelName} · 试题 {p().sheet.taskId} {p().sheet.title} · {p().group.name}：
              {p().group.members.map((m) => `${m.name.replace(/（.*）/, '')}${m.duty === 'leader' ? '（组长）' : ''}${m.submitted ? ' ✔' : ''}`).join('、')}
            </p>
            <Show
              when={p().mine}
              fallback={<SheetEditor sheet={p().sheet} submitLabel="提交评分" onSubmit={submit(url())} />}
            >
              <p class="notice" role="status">您已提交评分（{fmt(p().mine!.score.total)} 分），提交后不能修改。</p>
              <Show when={p().status}>
                {(s) => (
                  <p>
                    本组状态：<strong>{s().label}</strong>
                    {s().mark !== null ? ` · 成绩 ${fmt(s().mark)}` : ''}
                    {s().spread !== null ? ` · 平均 ${fmt(s().mean)} · 分差 ${fmt(s().spread)}` : ''}
                  </p>
                )}
              </Show>
              <h2>各考评员评分</h2>
              <KeptTable sheets={[p().mine!, ...(p().others ?? []), ...(p().leaderSheet ? [p().leaderSheet!] : [])]} rows={p().sheet.rows} />
              <Show when={p().canDecide}>
                <h2>组长裁定</h2>
                <p class="muted">分差超过规定或否决意见不一致。请按现场记录重新填写一份评分记录表，作为本组的最终评分。</p>
                <SheetEditor sheet={p().sheet} submitLabel="提交组长裁定" onSubmit={submit(`${url()}/decision`)} />
              </Show>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
