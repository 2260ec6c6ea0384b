import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { TabBar, useTab } from '../../components/tab-bar';
import type { BatchView } from './api';
import { DeadlineTable } from './deadline-table';
import { PlanTab } from './plan-tab';
import { CandidatesTab } from './candidates-tab';
import { SeatsTab } from './seats-tab';
import { StaffTab } from './staff-tab';
import { PrintsTab } from './prints-tab';
import './admin.css';

const TABS = [
  { key: 'plan', label: '认定计划' },
  { key: 'candidates', label: '考生' },
  { key: 'seats', label: '考场座位' },
  { key: 'staff', label: '考务人员' },
  { key: 'prints', label: '准考证与打印' },
] as const;

/** One 认定批次: deadlines always on top, then its plan, candidates, rooms, staff and prints. */
export function BatchPage() {
  const params = useParams();
  const { current: tab, select } = useTab(TABS);
  const [loadError, setLoadError] = createSignal<unknown>(null);
  // Errors are shown, and the last good view stays on screen (a failed reload must not blank the page).
  const [view, { refetch }] = createResource(
    () => params.id,
    async (id, info): Promise<BatchView | undefined> => {
      try {
        const v = await http.get<BatchView>(`/api/batches/${id}`);
        setLoadError(null);
        return v;
      } catch (e) {
        setLoadError(e);
        return info.value;
      }
    },
  );
  const reload = async () => {
    await refetch();
  };
  return (
    <>
      <ErrorBanner error={loadError()} />
      <Show when={view()} fallback={<p class="muted">{loadError() ? '' : '加载中…'}</p>}>
        {(v) => (
          <>
            <section class="card">
              <p class="muted"><A href="/office/batches">认定批次</A> › {v().batch.code}</p>
              <h1>
                {v().batch.name} <span class="badge">{v().batch.statusLabel}</span>
              </h1>
              <p class="muted">
                批次代码 {v().batch.code}
                {v().batch.planFiledOn ? ` · 计划备案 ${v().batch.planFiledOn}${v().batch.filingNumber ? `（${v().batch.filingNumber}）` : ''}` : ''}
                {v().batch.ticketsIssuedOn ? ` · 准考证发放 ${v().batch.ticketsIssuedOn}` : ''} · 考生 {v().counts.candidates} 人
                {v().counts.ineligible ? `（${v().counts.ineligible} 人不符合申报条件）` : ''} · 已编排座位 {v().counts.seated} 人
              </p>
              <h2>工作日期限</h2>
              <DeadlineTable deadlines={v().deadlines} firstSitting={v().firstSitting} today={v().today} />
            </section>
            <TabBar tabs={TABS} current={tab()} onSelect={select} />
            <Switch>
              <Match when={tab() === 'plan'}><PlanTab view={v()} reload={reload} /></Match>
              <Match when={tab() === 'candidates'}><CandidatesTab view={v()} reload={reload} /></Match>
              <Match when={tab() === 'seats'}><SeatsTab view={v()} reload={reload} /></Match>
              <Match when={tab() === 'staff'}><StaffTab view={v()} reload={reload} /></Match>
              <Match when={tab() === 'prints'}><PrintsTab view={v()} reload={reload} /></Match>
            </Switch>
          </>
        )}
      </Show>
    </>
  );
}
