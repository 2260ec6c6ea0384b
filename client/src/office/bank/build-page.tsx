import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, deviation, fixed, newestFirst, PAPER_STATUS, TYPE_NAMES, useAction, useOccupations, useScope, when, type BuildJob, type PublicPaperSet, type ShortCell } from './api';
import { ScopePicker } from './scope-picker';
import './bank.css';

const PHASES: BuildJob['phase'][] = ['queued', 'loading', 'assembling', 'checking', 'saving', 'done'];
const STEP_NAMES: Partial<Record<BuildJob['phase'], string>> = { loading: '读取题库', assembling: '组卷', checking: '校验', saving: '保存', done: '完成' };

/**
 * 组卷: build parallel papers A/B/C for an occupation × level with a seed (blank: the server draws one), overlap
 * and exposure limits; a progress bar while the job runs; the short cells when the bank cannot support them;
 * the paper sets built so far.
 */
export function BuildPage() {
  const occupations = useOccupations();
  const scope = useScope(occupations);
  const navigate = useNavigate();
  const [sets, { refetch }] = createResource(
    () => (scope.occupationId() ? scope.query() : null),
    async (q) => newestFirst((await http.get<{ paperSets: PublicPaperSet[] }>(`/api/bank/paper-sets?${q}`)).paperSets),
  );
  const [job, setJob] = createSignal<BuildJob | null>(null);
  const act = useAction();
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));

  const poll = async (id: string) => {
    const r = await act.run(() => http.get<{ job: BuildJob }>(`/api/bank/builds/${id}`));
    if (!r) return;
    setJob(r.job);
    if (r.job.phase === 'done') {
      await refetch();
      navigate(`/office/bank/paper-sets/${r.job.paperSetId}`);
    } else if (r.job.phase !== 'failed') {
      timer = setTimeout(() => void poll(id), 150);
    }
  };
  const start = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    const seed = String(f.get('seed') ?? '').trim();
    const maxExposure = String(f.get('maxExposure') ?? '').trim();
    setJob(null);
    const r = await act.run(() =>
      http.post<{ job: BuildJob }>('/api/bank/builds', {
        occupationId: scope.occupationId(),
        level: scope.level(),
        component: 'theory',
        forms: Number(f.get('forms')),
        maxOverlap: Number(f.get('maxOverlap') || 0),
        ...(seed && { seed }),
        ...(maxExposure && { maxExposure: Number(maxExposure) }),
      }),
    );
    if (r) {
      setJob(r.job);
      timer = setTimeout(() => void poll(r.job.id), 100);
    }
  };
  const shortCells = () => (job()?.error?.details.shortCells as ShortCell[] | undefined) ?? [];
  const running = () => job() !== null && job()!.phase !== 'done' && job()!.phase !== 'failed';

  return (
    <>
      <section class="card">
        <h1>组卷（三套平行卷）</h1>
        <ScopePicker occupations={occupations()} occupationId={scope.occupationId()} level={scope.level()} onChange={scope.set} />
        <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
        <Show when={canEdit()}>
          <form class="form-row" onSubmit={start}>
            <label>套数<select name="forms" aria-label="套数"><option value="3">3 套（A/B/C）</option><option value="2">2 套</option><option value="1">1 套</option></select></label>
            <label>随机种子<input name="seed" aria-label="随机种子" placeholder="留空由系统生成" /></label>
            <label>允许共用题数<input name="maxOverlap" aria-label="允许共用题数" type="number" min="0" value="0" /></label>
            <label>曝光上限<input name="maxExposure" aria-label="曝光上限" type="number" min="1" placeholder="不限" /></label>
            <button type="submit" class="primary" disabled={running()}>开始组卷</button>
          </form>
          <p class="muted">相同题库、细目表、试卷结构和种子总是组出完全相同的试卷；种子与题库指纹随试卷组保存。</p>
        </Show>
        <Show when={job()}>
          {(j) => (
            <div class="build-progress" role="status">
              <div class="progress"><div class={`bar ${j().phase === 'failed' ? 'failed' : ''}`} style={{ width: `${j().percent}%` }} /></div>
              <p>
                {j().phaseName}
                <Show when={j().progress}>{(p) => <span class="muted">　已改进 {p().iteration} 次，最大相对偏差 {deviation(p().deviation)}</span>}</Show>
                <span class="muted">　种子 {j().seed}</span>
              </p>
              <ol class="phases">
                <For each={PHASES.slice(1)}>{(ph) => <li class={PHASES.indexOf(ph) <= PHASES.indexOf(j().phase === 'failed' ? 'queued' : j().phase) ? 'ok' : 'muted'}>{STEP_NAMES[ph]}</li>}</For>
              </ol>
              <Show when={j().error}>
                {(e) => (
                  <div class="error-banner" role="alert">
                    <strong>未能组卷：</strong>{e().message}
                  </div>
                )}
              </Show>
              <Show when={shortCells().length > 0}>
                <h2>题量不足的单元</h2>
                <table class="grid small short-cells">
                  <thead><tr><th>单元（鉴定范围）</th><th>题型</th><th>需要</th><th>可用</th><th>缺少</th></tr></thead>
                  <tbody>
                    <For each={shortCells()}>
                      {(c) => (
                        <tr>
                          <td>{c.cell}</td>
                          <td>{TYPE_NAMES[c.type]}</td>
                          <td>{c.needed}</td>
                          <td>{c.available}</td>
                          <td class="bad">{c.needed - c.available}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
                <p class="muted">请补充上述单元的试题，或减少套数、允许共用题后再组卷。</p>
              </Show>
            </div>
          )}
        </Show>
      </section>
      <section class="card">
        <h2>已组试卷</h2>
        <table class="grid small">
          <thead><tr><th>试卷组</th><th>组卷时间</th><th>组卷人</th><th>种子</th><th>各卷状态</th><th>平均难度</th><th>最大偏差</th></tr></thead>
          <tbody>
            <For each={sets() ?? []} fallback={<tr><td colspan="7" class="muted">还没有组过试卷</td></tr>}>
              {(s) => (
                <tr>
                  <td><A href={`/office/bank/paper-sets/${s.id}`}>第 {s.id} 组</A></td>
                  <td>{when(s.createdAt)}</td>
                  <td>{s.createdByName}</td>
                  <td><code>{s.seed}</code></td>
                  <td><For each={s.papers}>{(p) => <span class={`tag ${PAPER_STATUS[p.status]?.cls ?? ''}`}>{p.form} {PAPER_STATUS[p.status]?.label}</span>}</For></td>
                  <td>{s.quality.stats.map((x) => fixed(x.meanDifficulty, 3)).join(' / ')}</td>
                  <td>{deviation(s.quality.deviation.largest)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
    </>
  );
}
