import { createResource, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { COMPONENT_NAMES, type BatchSummary, type Component } from './api';
import { BarChart } from './charts';
import './scoring.css';

interface Rate { candidates: number; absent: number; violation: number; sat: number; passed: number; rate: number | null }
interface Stats {
  candidates: number;
  occupations: Record<string, string>;
  rates: {
    byOccupation: (Rate & { occupationCode: string })[];
    byLevel: (Rate & { level: number })[];
    byOccupationLevel: (Rate & { occupationCode: string; level: number })[];
    byComponent: { occupationCode: string; level: number; component: Component; sat: number; passed: number; rate: number | null }[];
  };
  histograms: { component: Component; count: number; bins: { label: string; count: number }[] }[];
}
const LEVEL = ['', '一级', '二级', '三级', '四级', '五级'];
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** 成绩统计: pass rates by occupation, level and component; score distributions as SVG charts. */
export function ScoringStatisticsPage() {
  const [search, setSearch] = useSearchParams();
  const [batches] = createResource(async () => (await http.get<{ batches: BatchSummary[] }>('/api/scoring/batches')).batches);
  const [stats] = createResource(() => search.batchId ?? '', async (b) => http.get<Stats>(`/api/scoring/statistics${b ? `?batchId=${b}` : ''}`));
  const occ = (code: string) => `${stats()?.occupations[code] ?? ''}（${code}）`;
  return (
    <section class="card">
      <p class="muted"><A href="/office/scoring">成绩与证书</A> › 成绩统计</p>
      <h1>成绩统计</h1>
      <label>范围
        <select value={search.batchId ?? ''} onChange={(e) => setSearch({ batchId: e.currentTarget.value || undefined })}>
          <option value="">全部批次</option>
          <For each={batches()}>{(b) => <option value={b.id}>{b.name}</option>}</For>
        </select>
      </label>
      <ErrorBanner error={stats.error} />
      <Show when={stats()}>
        {(s) => (
          <>
            <p class="muted">共 {s().candidates} 名考生有认定结果。合格率 = 合格人数 ÷ 实考人数（缺考不计入实考）。</p>
            <div class="sc-grid2">
              <div>
                <h2>按职业</h2>
                <table class="grid small">
                  <thead><tr><th>职业</th><th>考生</th><th>缺考</th><th>违纪</th><th>实考</th><th>合格</th><th>合格率</th></tr></thead>
                  <tbody>
                    <For each={s().rates.byOccupation}>{(r) => <tr><td>{occ(r.occupationCode)}</td><td>{r.candidates}</td><td>{r.absent}</td><td>{r.violation}</td><td>{r.sat}</td><td>{r.passed}</td><td>{pct(r.rate)}</td></tr>}</For>
                  </tbody>
                </table>
                <h2>按等级</h2>
                <table class="grid small">
                  <thead><tr><th>等级</th><th>考生</th><th>实考</th><th>合格</th><th>合格率</th></tr></thead>
                  <tbody>
                    <For each={s().rates.byLevel}>{(r) => <tr><td>{LEVEL[r.level]}</td><td>{r.candidates}</td><td>{r.sat}</td><td>{r.passed}</td><td>{pct(r.rate)}</td></tr>}</For>
                  </tbody>
                </table>
                <h2>按科目</h2>
                <table class="grid small">
                  <thead><tr><th>职业</th><th>等级</th><th>科目</th><th>实考</th><th>合格</th><th>合格率</th></tr></thead>
                  <tbody>
                    <For each={s().rates.byComponent}>{(r) => <tr><td>{occ(r.occupationCode)}</td><td>{LEVEL[r.level]}</td><td>{COMPONENT_NAMES[r.component]}</td><td>{r.sat}</td><td>{r.passed}</td><td>{pct(r.rate)}</td></tr>}</For>
                  </tbody>
                </table>
              </div>
              <div>
                <BarChart
                  title="各职业等级合格率"
                  labels={s().rates.byOccupationLevel.map((r) => `${s().occupations[r.occupationCode] ?? r.occupationCode}${LEVEL[r.level]}`)}
                  values={s().rates.byOccupationLevel.map((r) => Math.round((r.rate ?? 0) * 1000) / 10)}
                  max={100}
                  colour="#047857"
                  format={(v) => `${v}%`}
                />
                <For each={s().histograms}>
                  {(h) => <BarChart title={`${COMPONENT_NAMES[h.component]}成绩分布（${h.count} 人）`} labels={h.bins.map((b) => b.label)} values={h.bins.map((b) => b.count)} />}
                </For>
              </div>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
