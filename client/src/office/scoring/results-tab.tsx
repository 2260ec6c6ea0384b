import { createResource, createSignal, For, Show } from 'solid-js';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { act, canWrite, COMPONENT_NAMES, createNotice, fmt, RULE_NAMES, SOURCE_NAMES, STATUS_CLASS, type ComponentResult, type ResultRow } from './api';
import { LockedNote } from './locked-note';

interface ComputeAnswer { stored: number; removed: number; pending: { candidateId: number; name: string; problems: string[] }[] }

function componentText(c: ComponentResult): string {
  if (c.attendance !== 'present') return c.attendance === 'absent' ? '缺考' : '违纪';
  const src = c.source && c.source.kind !== 'exam' ? `（${c.source.kind === 'mix' ? c.origin.map((o) => `${SOURCE_NAMES[o.kind]}×${o.weight}`).join('+') : SOURCE_NAMES[c.source.kind]}）` : '';
  const rules = c.ruleFailures.length ? `［${c.ruleFailures.map((f) => RULE_NAMES[f] ?? f).join('、')}］` : '';
  return `${fmt(c.mark)}${src}${rules}${c.voided ? '（作废）' : ''}`;
}

/** 认定结果: compute from the record (every required component must pass), list per candidate. */
export function ResultsTab(props: { batchId: number; published: boolean; locked: boolean; onChange: () => void }) {
  const [error, setError] = createSignal<unknown>(null);
  const [notice, show] = createNotice();
  const [pending, setPending] = createSignal<ComputeAnswer['pending']>([]);
  const [rows, { refetch }] = createResource(() => props.batchId, async (id) => (await http.get<{ results: ResultRow[] }>(`/api/scoring/batches/${id}/results`)).results);
  const compute = () =>
    act(
      async () => {
        const r = await http.post<ComputeAnswer>(`/api/scoring/batches/${props.batchId}/results/compute`, {});
        setPending(r.pending);
        show(`已计算 ${r.stored} 名考生的认定结果${r.pending.length ? `，${r.pending.length} 名考生尚不能计算` : ''}`);
      },
      setError,
      async () => { await refetch(); props.onChange(); },
    );
  return (
    <section class="card">
      <h2>认定结果</h2>
      <p class="muted">每个必考科目单独达到合格分才为“合格”，各科目不相加；缺考、违纪以考场记录为准。结果总是由评分记录重新推算。</p>
      <ErrorBanner error={error() ?? rows.error} onClose={() => setError(null)} />
      <Show when={notice()}><p class="notice">{notice()}</p></Show>
      <Show
        when={canWrite() && !props.published}
        fallback={<Show when={props.published}><Show when={!props.locked} fallback={<LockedNote locked />}><p class="muted">成绩已公示：只能在“成绩公示”中为提出异议并经复核成立的考生重新计算。</p></Show></Show>}
      >
        <button class="primary" onClick={() => void compute()}>计算认定结果</button>
      </Show>
      <Show when={pending().length > 0}>
        <h3>尚不能计算的考生</h3>
        <ul>
          <For each={pending()}>{(p) => <li>{p.name}：{p.problems.join('；')}</li>}</For>
        </ul>
      </Show>
      <table class="grid small">
        <thead><tr><th>姓名</th><th>证件号码</th><th>职业（工种）</th><th>等级</th><th>理论知识考试</th><th>技能操作考核</th><th>综合评审</th><th>结果</th></tr></thead>
        <tbody>
          <For each={rows()} fallback={<tr><td colspan="8" class="muted">暂无考生</td></tr>}>
            {(r) => (
              <tr>
                <td>{r.name}</td>
                <td>{r.idNumber}</td>
                <td>{r.occupationName}{r.workType ? `（${r.workType}）` : ''}</td>
                <td>{r.levelName}</td>
                <For each={['theory', 'practical', 'review'] as const}>
                  {(c) => {
                    const comp = () => r.result?.components[c];
                    const kept = () => r.kept.find((k) => k.component === c);
                    return (
                      <td classList={{ ok: !!comp()?.passed, bad: !!comp() && !comp()!.passed }}>
                        {comp() ? componentText(comp()!) : '—'}
                        {kept() ? `（保留至 ${kept()!.expiresOn}）` : ''}
                      </td>
                    );
                  }}
                </For>
                <td class={r.status ? STATUS_CLASS[r.status] : 'muted'}>
                  {r.statusName}
                  {r.result && r.result.failing.length && r.status === 'fail' ? `：${r.result.failing.map((c) => COMPONENT_NAMES[c]).join('、')}` : ''}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
