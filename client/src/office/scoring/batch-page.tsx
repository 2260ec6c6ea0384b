import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { TabBar, useTab } from '../../components/tab-bar';
import type { BatchSummary } from './api';
import { ProgressTab } from './progress-tab';
import { SourcesTab } from './sources-tab';
import { PlanTab } from './plan-tab';
import { ResultsTab } from './results-tab';
import { PublicityTab } from './publicity-tab';
import { CertificatesTab } from './certificates-tab';
import './scoring.css';

const TABS = [
  { key: 'progress', label: '评分进度' },
  { key: 'sources', label: '替代成绩与考场记录' },
  { key: 'plan', label: '评分方案' },
  { key: 'results', label: '认定结果' },
  { key: 'publicity', label: '成绩公示' },
  { key: 'certificates', label: '证书与报表' },
] as const;

/** One batch from marks to certificates: progress, substitutes, plan, results, publicity, certificates. */
export function ScoringBatchPage() {
  const params = useParams();
  const { current: tab, select } = useTab(TABS);
  const [error, setError] = createSignal<unknown>(null);
  const [batch, { refetch }] = createResource(
    () => params.id,
    async (id) => {
      try {
        const all = (await http.get<{ batches: BatchSummary[] }>('/api/scoring/batches')).batches;
        return all.find((b) => String(b.id) === id) ?? null;
      } catch (e) {
        setError(e);
        return null;
      }
    },
  );
  const id = () => Number(params.id);
  // A closed publicity locks the batch's marks, plan and results (the server answers 409 PUBLICITY_CLOSED).
  const locked = () => batch()?.publicity?.status === 'closed';
  return (
    <>
      <ErrorBanner error={error()} />
      <section class="card">
        <p class="muted"><A href="/office/scoring">成绩与证书</A> › {batch()?.code}</p>
        <h1>{batch()?.name ?? '认定批次'}</h1>
        <Show when={batch()}>
          {(b) => (
            <p class="muted">
              考生 {b().candidates} 人 · 合格 {b().results.pass ?? 0} · 不合格 {b().results.fail ?? 0} · 缺考 {b().results.absent ?? 0} · 违纪 {b().results.violation ?? 0} · 证书 {b().certificates} 本
            </p>
          )}
        </Show>
      </section>
      <TabBar tabs={TABS} current={tab()} onSelect={select} />
      <Switch>
        <Match when={tab() === 'progress'}><ProgressTab batchId={id()} /></Match>
        <Match when={tab() === 'sources'}><SourcesTab batchId={id()} locked={locked()} /></Match>
        <Match when={tab() === 'plan'}><PlanTab batchId={id()} locked={locked()} /></Match>
        <Match when={tab() === 'results'}><ResultsTab batchId={id()} published={!!batch()?.publicity} locked={locked()} onChange={refetch} /></Match>
        <Match when={tab() === 'publicity'}><PublicityTab batchId={id()} onChange={refetch} /></Match>
        <Match when={tab() === 'certificates'}><CertificatesTab batchId={id()} onChange={refetch} /></Match>
      </Switch>
    </>
  );
}
