import { createResource, createSignal, For, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { http } from '../../lib/http';
import { me } from '../../lib/session';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, deviation, fixed, LEVEL_NAMES, PAPER_STATUS, SITTING_STATUS, useAction, when, type PublicPaperSet, type SittingOption } from './api';
import { GroupedBars } from './bar-chart';
import { importanceNote } from '../../../../question-bank/assembly/importance-note';
import './bank.css';

type Range = { code: string; name: string; weight: number; depth: number };

/**
 * 平行卷对比: the forms of one set side by side (count, marks, mean difficulty and discrimination, X/Y/Z, marks per
 * 鉴定范围, the largest deviation) with charts, and each form's lifecycle: approve (a second office user), release
 * to a sitting, mark used, archive, print paper and answer key.
 */
export function PaperSetPage() {
  const params = useParams();
  const [data, { refetch }] = createResource(
    () => params.id,
    async (id) => http.get<{ paperSet: PublicPaperSet; ranges: Range[] }>(`/api/bank/paper-sets/${id}`),
  );
  const set = () => data()?.paperSet;
  const [sittings] = createResource(
    () => (set() ? `occupationId=${set()!.occupationId}&level=${set()!.level}` : null),
    async (q) => (await http.get<{ sittings: SittingOption[] }>(`/api/bank/sittings?${q}`)).sittings,
  );
  const act = useAction();
  const [target, setTarget] = createSignal<Record<number, number>>({});

  const stats = () => set()?.quality.stats ?? [];
  const forms = () => stats().map((s) => s.form);
  const total = () => stats()[0]?.marks ?? 100;
  const spread = (values: number[]) => (values.length ? Math.max(...values) - Math.min(...values) : 0);
  const rangeRows = () => (data()?.ranges ?? []).map((r) => ({ ...r, target: Math.round(((r.weight * total()) / 100) * 100) / 100, values: stats().map((s) => s.rangeMarks[r.code] ?? 0) }));
  const topRanges = () => rangeRows().filter((r) => r.depth === 0);
  const subRanges = () => rangeRows().filter((r) => r.depth === 1);
  const step = async (paperId: number, what: 'approve' | 'release' | 'use' | 'archive', body: Record<string, unknown> = {}, done = '') => {
    const r = await act.run(() => http.post(`/api/bank/papers/${paperId}/${what}`, body), done);
    if (r) await refetch();
  };
  const isBuilder = () => set() !== undefined && me()?.userId === set()!.createdBy;

  return (
    <Show when={set()} fallback={<section class="card"><ErrorBanner error={data.error} /><p class="muted">加载中…</p></section>}>
      {(s) => (
        <>
          <section class="card">
            <p><A href={`/office/bank/build?occupationId=${s().occupationId}&level=${s().level}`}>← 返回组卷</A></p>
            <h1>平行卷对比：{s().occupationName} {LEVEL_NAMES[s().level]} 第 {s().id} 组</h1>
            <p class="muted">
              组卷人 {s().createdByName} · {when(s().createdAt)} · 种子 <code>{s().seed}</code> · 算法 {s().algorithmVersion} · 题库指纹 <code>{s().bankHash}</code> · 可选试题 {s().quality.eligibleItems} 题 · 用时 {s().quality.buildMs} ms
            </p>
            <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
            <Show when={act.notice()}><p class="notice">{act.notice()}</p></Show>
            <table class="grid small compare">
              <thead>
                <tr><th>指标</th><For each={forms()}>{(f) => <th>{f} 卷</th>}</For><th>极差</th><th>要求</th></tr>
              </thead>
              <tbody>
                <tr><td>题量</td><For each={stats()}>{(x) => <td>{x.items}</td>}</For><td>{spread(stats().map((x) => x.items))}</td><td /></tr>
                <tr><td>总分</td><For each={stats()}>{(x) => <td>{x.marks}</td>}</For><td>{spread(stats().map((x) => x.marks))}</td><td /></tr>
                <tr><td>平均难度（答对率）</td><For each={stats()}>{(x) => <td>{fixed(x.meanDifficulty, 4)}</td>}</For><td>{fixed(spread(stats().map((x) => x.meanDifficulty)), 4)}</td><td>≈ 0.65</td></tr>
                <tr><td>平均区分度</td><For each={stats()}>{(x) => <td>{fixed(x.meanDiscrimination, 4)}</td>}</For><td>{fixed(spread(stats().map((x) => x.meanDiscrimination)), 4)}</td><td /></tr>
                <For each={['X', 'Y', 'Z'] as const}>
                  {(k) => <tr><td>{k}（{{ X: '核心', Y: '一般', Z: '辅助' }[k]}）要素题量</td><For each={stats()}>{(x) => <td>{x.importance[k]}</td>}</For><td>{spread(stats().map((x) => x.importance[k]))}</td><td /></tr>}
                </For>
                <For each={rangeRows()}>
                  {(r) => <tr class={r.depth > 0 ? 'sub' : ''}><td style={{ 'padding-left': `${0.5 + r.depth * 1.25}rem` }}>{r.code} {r.name} 分值</td><For each={r.values}>{(v) => <td>{v}</td>}</For><td>{spread(r.values)}</td><td>{r.target}</td></tr>}
                </For>
              </tbody>
            </table>
            <p>
              最大相对偏差 <b>{deviation(s().quality.deviation.largest)}</b>（难度 {deviation(s().quality.deviation.meanDifficulty)}，区分度 {deviation(s().quality.deviation.meanDiscrimination)}，X/Y/Z {deviation(s().quality.deviation.importance)}，分值 {deviation(s().quality.deviation.rangeMarks)}）；
              共用试题 {Object.entries(s().quality.overlap).map(([k, v]) => `${k}: ${v}`).join('，')}
            </p>
            <Show when={importanceNote(stats(), s().algorithmVersion)}>
              {/* Why the forms differ in X/Y/Z, so the office knows whether rebuilding or adding items helps. */}
              {(note) => <p class="notice warn" role="note">{note()}</p>}
            </Show>
            <div class="charts">
              <GroupedBars title="平均难度与区分度" categories={['平均难度', '平均区分度']} series={stats().map((x) => ({ name: x.form, values: [x.meanDifficulty, x.meanDiscrimination] }))} max={1} targets={[0.65, undefined]} format={(v) => v.toFixed(3)} />
              <GroupedBars title="X/Y/Z 要素题量" categories={['X 核心', 'Y 一般', 'Z 辅助']} series={stats().map((x) => ({ name: x.form, values: [x.importance.X, x.importance.Y, x.importance.Z] }))} />
              <GroupedBars title="各鉴定范围分值" categories={topRanges().map((r) => `${r.code} ${r.name}`)} series={stats().map((x, i) => ({ name: x.form, values: topRanges().map((r) => r.values[i] ?? 0) }))} targets={topRanges().map((r) => r.target)} />
              <GroupedBars title="各子范围分值" categories={subRanges().map((r) => r.code)} series={stats().map((x, i) => ({ name: x.form, values: subRanges().map((r) => r.values[i] ?? 0) }))} targets={subRanges().map((r) => r.target)} />
            </div>
            <p><a class="button" href={`/api/bank/paper-sets/${s().id}/quality-report`} target="_blank" rel="external noopener">下载组卷质量报告（PDF）</a></p>
          </section>
          <section class="card">
            <h2>各卷审核与发放</h2>
            <Show when={canEdit() && isBuilder() && s().papers.some((p) => p.status === 'built')}>
              <p class="warn">您是本组试卷的组卷人，需由另一位考务管理员审核。</p>
            </Show>
            <table class="grid small papers">
              <thead><tr><th>试卷</th><th>状态</th><th>审核</th><th>打印</th><th>操作</th></tr></thead>
              <tbody>
                <For each={s().papers}>
                  {(p) => (
                    <tr>
                      <td><A href={`/office/bank/papers/${p.id}`}>{p.form} 卷</A></td>
                      <td><span class={PAPER_STATUS[p.status]?.cls}>{PAPER_STATUS[p.status]?.label}</span></td>
                      <td>{p.approvedByName ? `${p.approvedByName} ${when(p.approvedAt ?? '')}` : '—'}</td>
                      <td>
                        <a href={`/api/bank/papers/${p.id}/pdf`} target="_blank" rel="external noopener">试卷</a>{' '}
                        <a href={`/api/bank/papers/${p.id}/answer-key`} target="_blank" rel="external noopener">标准答案</a>
                      </td>
                      <td class="actions">
                        <Show when={canEdit()}>
                          <Show when={p.status === 'built'}>
                            {/* The server refuses the builder's own approval (second-user rule); say so before they click. */}
                            <button disabled={act.busy() || isBuilder()} title={isBuilder() ? '需由另一位考务人员审核' : undefined} onClick={() => step(p.id, 'approve', {}, `${p.form} 卷审核通过`)}>审核通过</button>
                            <Show when={isBuilder()}><span class="muted">需由另一位考务人员审核</span></Show>
                          </Show>
                          <Show when={p.status === 'approved' || p.status === 'released'}>
                            <select aria-label={`${p.form}卷发放场次`} onChange={(e) => setTarget({ ...target(), [p.id]: Number(e.currentTarget.value) })}>
                              <option value="">选择考试场次…</option>
                              <For each={sittings() ?? []}>
                                {(st) => (
                                  <option value={String(st.id)} disabled={st.status !== 'scheduled' || st.paper !== null}>
                                    {st.date} {st.startTime} {st.batchName} {SITTING_STATUS[st.status]}{st.paper ? `（已发放 ${st.paper.form} 卷）` : ''}
                                  </option>
                                )}
                              </For>
                            </select>
                            <button disabled={act.busy() || !target()[p.id]} onClick={() => step(p.id, 'release', { sittingId: target()[p.id] }, `${p.form} 卷已发放`)}>发放</button>
                          </Show>
                          <Show when={p.status === 'released'}>
                            <button disabled={act.busy()} onClick={() => step(p.id, 'use', { note: '考试结束，试卷已回收' }, `${p.form} 卷已登记使用`)}>登记使用</button>
                          </Show>
                          <Show when={p.status === 'built' || p.status === 'approved' || p.status === 'used'}>
                            <button disabled={act.busy()} onClick={() => { if (confirm(`确定归档 ${p.form} 卷？归档后不能再发放。`)) void step(p.id, 'archive', { note: '归档' }, `${p.form} 卷已归档`); }}>归档</button>
                          </Show>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <p><A href={`/office/bank/ledger?occupationId=${s().occupationId}&level=${s().level}`}>查看台账 →</A></p>
          </section>
        </>
      )}
    </Show>
  );
}
