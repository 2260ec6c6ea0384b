import { createResource, For, Show } from 'solid-js';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { fmt, RULE_NAMES } from './api';

interface TheoryRow { candidateId: number; name: string; state: string; label: string; total: number | null; maxTotal: number | null; pending: number }
interface PracticalRow {
  candidateId: number; name: string; component: string; componentName: string; group: string | null; status: string; label: string;
  mark: number | null; mean: number | null; spread: number | null; ruleFailures: string[]; submitted: number; required: number;
  sheets: { examinerName: string; role: string; total: number; ruleFailures: string[] }[];
}
interface Overview { total: number; awaitingMarkers: number; agreed: number; needsLeader: number; leaderDecided: number }

/** 评分进度: theory marks derived from the responses, subjective marking, practical groups per candidate. */
export function ProgressTab(props: { batchId: number }) {
  const [theory] = createResource(() => props.batchId, async (id) => (await http.get<{ attempts: TheoryRow[] }>(`/api/scoring/batches/${id}/theory`)).attempts);
  const [subjective] = createResource(() => props.batchId, async (id) => (await http.get<{ overview: Overview }>(`/api/scoring/batches/${id}/subjective`)).overview);
  const [practical] = createResource(() => props.batchId, async (id) => (await http.get<{ rows: PracticalRow[] }>(`/api/scoring/batches/${id}/practical`)).rows);
  return (
    <>
      <section class="card">
        <h2>理论知识考试（按作答记录实时评分）</h2>
        <ErrorBanner error={theory.error} />
        <table class="grid small">
          <thead><tr><th>考生</th><th>状态</th><th>得分</th></tr></thead>
          <tbody>
            <For each={theory()} fallback={<tr><td colspan="3" class="muted">本批次没有理论考试考生</td></tr>}>
              {(r) => (
                <tr>
                  <td>{r.name}</td>
                  <td classList={{ warn: r.state === 'needsMarking' || r.state === 'open', bad: r.state === 'violation' }}>{r.label}</td>
                  <td>{r.total === null ? '—' : `${fmt(r.total)} / ${fmt(r.maxTotal)}`}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={subjective() && subjective()!.total > 0}>
          <p>
            主观题共 {subjective()!.total} 份答卷：待评 {subjective()!.awaitingMarkers}，已评定 {subjective()!.agreed + subjective()!.leaderDecided}，
            <span classList={{ warn: subjective()!.needsLeader > 0 }}>待组长裁定 {subjective()!.needsLeader}</span>
          </p>
        </Show>
      </section>
      <section class="card">
        <h2>技能操作考核 / 综合评审（考评组评分）</h2>
        <ErrorBanner error={practical.error} />
        <table class="grid small">
          <thead><tr><th>考生</th><th>科目</th><th>考评组</th><th>各考评员合计</th><th>状态</th><th>成绩</th><th>评分记录表</th></tr></thead>
          <tbody>
            <For each={practical()} fallback={<tr><td colspan="7" class="muted">暂无</td></tr>}>
              {(r) => (
                <tr>
                  <td>{r.name}</td>
                  <td>{r.componentName}</td>
                  <td>{r.group ?? '—'}</td>
                  <td>
                    <For each={r.sheets}>{(s) => <span class="sc-marks"><span>{s.examinerName.replace(/（.*）/, '')}{s.role === 'leader' ? '（裁定）' : ''} {fmt(s.total)}</span></span>}</For>
                  </td>
                  <td classList={{ warn: r.status === 'needsLeader' || r.status === 'awaiting' }}>
                    {r.label}
                    {r.ruleFailures.length ? `（${r.ruleFailures.map((f) => (f.startsWith('split:') ? `意见不一：${RULE_NAMES[f.slice(6)]}` : RULE_NAMES[f] ?? f)).join('、')}）` : ''}
                  </td>
                  <td>{fmt(r.mark)}</td>
                  <td>
                    <Show when={r.sheets.length > 0}>
                      <a href={`/api/scoring/batches/${props.batchId}/candidates/${r.candidateId}/sheets.pdf?component=${r.component}`} target="_blank" rel="external noopener">打印（PDF）</a>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </>
  );
}
