import { createResource, createSignal, For, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, fixed, LEDGER_EVENTS, LEVEL_NAMES, PAPER_STATUS, TYPE_NAMES, useAction, when, type PaperView, type SittingAnalysis } from './api';
import './bank.css';

/** 试卷: one form with its pinned items and keys, its 台账, and the item analysis of a sitting it was used in. */
export function PaperPage() {
  const params = useParams();
  const [view, { refetch }] = createResource(() => params.id, async (id) => http.get<PaperView>(`/api/bank/papers/${id}`));
  const sittingIds = () => [...new Set((view()?.ledger ?? []).filter((l) => l.event === 'released' && l.sittingId !== null).map((l) => l.sittingId!))];
  const [sittingId, setSittingId] = createSignal<number | null>(null);
  const chosen = () => sittingId() ?? sittingIds()[0] ?? null;
  const [analysis, { refetch: reanalyse }] = createResource(
    () => (chosen() !== null ? { id: params.id, sittingId: chosen()! } : null),
    async (q) => http.get<{ analysis: SittingAnalysis; applied: boolean }>(`/api/bank/papers/${q.id}/analysis?sittingId=${q.sittingId}`),
  );
  const act = useAction();
  const apply = async () => {
    const r = await act.run(() => http.post<{ updated: number }>(`/api/bank/papers/${params.id}/analysis`, { sittingId: chosen() }), (x) => `已更新 ${x.updated} 道试题的统计数据`);
    if (r) {
      await reanalyse();
      await refetch();
    }
  };
  const itemOf = (itemId: string) => view()?.items.find((i) => i.itemId === itemId);

  return (
    <Show when={view()} fallback={<section class="card"><ErrorBanner error={view.error} /><p class="muted">加载中…</p></section>}>
      {(v) => (
        <>
          <section class="card">
            <p><A href={`/office/bank/paper-sets/${v().paper.setId}`}>← 返回平行卷对比</A></p>
            <h1>{v().paper.occupationName} {LEVEL_NAMES[v().paper.level]} 理论知识试卷 {v().paper.form} 卷</h1>
            <p>
              状态 <span class={PAPER_STATUS[v().paper.status]?.cls}>{PAPER_STATUS[v().paper.status]?.label}</span> · 考试时长 {v().spec.durationMin} 分钟 · 合格分 {v().spec.passMark} ·
              <a href={`/api/bank/papers/${v().paper.id}/pdf`} target="_blank" rel="external noopener"> 打印试卷</a> · <a href={`/api/bank/papers/${v().paper.id}/answer-key`} target="_blank" rel="external noopener">打印标准答案</a>
            </p>
            <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
            <Show when={act.notice()}><p class="notice">{act.notice()}</p></Show>
            <table class="grid small paper-items">
              <thead><tr><th>题号</th><th>题型</th><th>鉴定点</th><th>题干与选项</th><th>答案</th><th>分值</th><th>难度</th><th>试题</th></tr></thead>
              <tbody>
                <For each={v().items}>
                  {(it) => (
                    <tr>
                      <td>{it.no}</td>
                      <td>{TYPE_NAMES[it.type]}</td>
                      <td>{it.pointCode}</td>
                      <td class="stem">
                        {it.stem}
                        <Show when={it.type === 'single' || it.type === 'multi'}>
                          <div class="options">{it.options.map((o) => `${o.label}. ${o.text}`).join('　')}</div>
                        </Show>
                      </td>
                      <td>{it.type === 'judge' ? (it.key[0] === 'T' ? '√' : '×') : it.key.join('')}</td>
                      <td>{it.marks}</td>
                      <td>{fixed(it.difficulty, 2)}</td>
                      <td>{it.rowId === null ? `第 ${it.version} 版` : <A href={`/office/bank/items/${it.rowId}`}>第 {it.version} 版</A>}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </section>
          <section class="card">
            <h2>试题分析</h2>
            <Show when={sittingIds().length > 0} fallback={<p class="muted">这份试卷尚未发放到考试场次，考试结束后可在此进行试题分析。</p>}>
              <div class="form-row">
                <label>
                  考试场次
                  <select aria-label="分析场次" onChange={(e) => setSittingId(Number(e.currentTarget.value))}>
                    <For each={sittingIds()}>{(id) => <option value={String(id)}>场次 {id}（{v().ledger.find((l) => l.sittingId === id)?.sittingDate ?? ''}）</option>}</For>
                  </select>
                </label>
              </div>
              <ErrorBanner error={analysis.error} />
              <Show when={analysis()}>
                {(a) => (
                  <Show when={a().analysis.candidates > 0} fallback={<p class="muted">该场次还没有已交卷的考生。</p>}>
                    <p>
                      交卷人数 <b>{a().analysis.candidates}</b> · 平均分（得分率之和）{fixed(a().analysis.meanTotal, 2)} · 标准差 {fixed(a().analysis.sdTotal, 2)} · KR-20 信度 <b>{fixed(a().analysis.kr20, 3)}</b>
                    </p>
                    <Show when={canEdit()}>
                      <Show when={!a().applied} fallback={<p class="muted">该场次的统计已计入题库。</p>}>
                        <button class="primary" disabled={act.busy()} onClick={apply}>将统计计入题库</button>
                      </Show>
                    </Show>
                    <table class="grid small analysis">
                      <thead><tr><th>题号</th><th>鉴定点</th><th>答案</th><th>人数</th><th>难度 p</th><th>点二列相关</th><th>高低分组区分度</th><th>各选项人数（未答）</th><th>提示</th></tr></thead>
                      <tbody>
                        <For each={a().analysis.items}>
                          {(x) => {
                            const it = itemOf(x.itemId);
                            const flag = x.p < 0.2 ? '过难' : x.p > 0.95 ? '过易' : (x.pointBiserial ?? 1) < 0.15 ? '区分度低' : '';
                            return (
                              <tr>
                                <td>{it?.no}</td>
                                <td>{it?.pointCode}</td>
                                <td>{it?.key.join('')}</td>
                                <td>{x.n}</td>
                                <td>{fixed(x.p, 3)}</td>
                                <td>{fixed(x.pointBiserial, 3)}</td>
                                <td>{fixed(x.upperLower, 3)}</td>
                                <td>
                                  {Object.entries(x.optionCounts).map(([l, n]) => `${l}:${n}`).join(' ')}（{x.omitted}）
                                </td>
                                <td class={flag ? 'warn' : ''}>{flag}</td>
                              </tr>
                            );
                          }}
                        </For>
                      </tbody>
                    </table>
                  </Show>
                )}
              </Show>
            </Show>
          </section>
          <section class="card">
            <h2>台账</h2>
            <table class="grid small">
              <thead><tr><th>时间</th><th>事项</th><th>场次</th><th>经办人</th><th>备注</th></tr></thead>
              <tbody>
                <For each={v().ledger}>
                  {(l) => <tr><td>{when(l.at)}</td><td>{LEDGER_EVENTS[l.event] ?? l.event}</td><td>{l.sittingDate ? `${l.sittingDate} ${l.batchName ?? ''}` : ''}</td><td>{l.actorName ?? ''}</td><td>{l.note}</td></tr>}
                </For>
              </tbody>
            </table>
          </section>
        </>
      )}
    </Show>
  );
}
