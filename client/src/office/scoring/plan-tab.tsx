import { createResource, createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { act, canWrite, COMPONENT_NAMES, createNotice, SOURCE_NAMES, type Component, type ComponentSource, type SheetView, type SourceKind } from './api';
import { LockedNote } from './locked-note';

interface Entry { occupationId: number; level: number; code: string; name: string; workType: string | null; components: Component[]; levelName: string }
interface Rule { occupationId: number | null; level: number | null; component: Component; source: ComponentSource }
interface Policy { passMarks: Record<Component, number>; retakeWindowMonths: number; rounding: { decimals: 0 | 1 | 2 }; practical: { maxGap: number; starPassRatio: number } }
interface PlanAnswer { plan: { sources: Rule[]; sheets: { occupationId: number; level: number; component: 'practical' | 'review'; sheetId: number }[]; approvedAt: string | null }; policy: Policy; entries: Entry[] }

type Line = { occupationId: number; level: number; label: string; component: Component; kind: SourceKind | 'mix'; weights: Record<SourceKind, number>; sheetId: number | null };

const KINDS: SourceKind[] = ['exam', 'courseFinal', 'processAssessment'];

function current(rules: Rule[], occupationId: number, level: number, component: Component): ComponentSource {
  let best: { score: number; source: ComponentSource } | null = null;
  for (const r of rules) {
    if (r.component !== component || (r.occupationId !== null && r.occupationId !== occupationId) || (r.level !== null && r.level !== level)) continue;
    const score = (r.occupationId !== null ? 2 : 0) + (r.level !== null ? 1 : 0);
    if (!best || score > best.score) best = { score, source: r.source };
  }
  return best?.source ?? { kind: 'exam' };
}

/** 评分方案: each component's source (exam, substitutes, weighted mix with Σw = 1), the scoring sheet, and the policy. */
export function PlanTab(props: { batchId: number; locked: boolean }) {
  // After the publicity closes the results are final; the plan they were computed with is read-only.
  const writable = () => canWrite() && !props.locked;
  const [error, setError] = createSignal<unknown>(null);
  const [notice, show] = createNotice();
  const [lines, setLines] = createStore<Line[]>([]);
  const [policy, setPolicy] = createStore<Policy>({ passMarks: { theory: 60, practical: 60, review: 60 }, retakeWindowMonths: 12, rounding: { decimals: 1 }, practical: { maxGap: 10, starPassRatio: 0.6 } });
  const [sheets] = createResource(async () => (await http.get<{ sheets: SheetView[] }>('/api/scoring/sheets')).sheets);
  const [plan, { refetch }] = createResource(
    () => props.batchId,
    async (id) => {
      const p = await http.get<PlanAnswer>(`/api/scoring/batches/${id}/plan`);
      setLines(
        p.entries.flatMap((e) =>
          e.components.map((component) => {
            const src = current(p.plan.sources, e.occupationId, e.level, component);
            const weights: Record<SourceKind, number> = { exam: 0, courseFinal: 0, processAssessment: 0 };
            if (src.kind === 'mix') for (const k of KINDS) weights[k] = src.weights[k] ?? 0;
            const chosen = p.plan.sheets.find((s) => s.occupationId === e.occupationId && s.level === e.level && s.component === component);
            return { occupationId: e.occupationId, level: e.level, label: `${e.name}${e.workType ? `（${e.workType}）` : ''} ${e.levelName}`, component, kind: src.kind, weights, sheetId: chosen?.sheetId ?? null };
          }),
        ),
      );
      setPolicy(p.policy);
      return p;
    },
  );
  const sum = (l: Line) => Math.round((l.weights.exam + l.weights.courseFinal + l.weights.processAssessment) * 1000) / 1000;
  const save = () =>
    act(
      () =>
        http.put(`/api/scoring/batches/${props.batchId}/plan`, {
          sources: lines
            .filter((l) => l.kind !== 'exam')
            .map((l) => ({
              occupationId: l.occupationId,
              level: l.level,
              component: l.component,
              source: l.kind === 'mix' ? { kind: 'mix', weights: Object.fromEntries(KINDS.filter((k) => l.weights[k] > 0).map((k) => [k, l.weights[k]])) } : { kind: l.kind },
            })),
          sheets: lines.filter((l) => l.component !== 'theory' && l.sheetId).map((l) => ({ occupationId: l.occupationId, level: l.level, component: l.component, sheetId: l.sheetId })),
          policy: { passMarks: { ...policy.passMarks }, retakeWindowMonths: policy.retakeWindowMonths, rounding: { decimals: policy.rounding.decimals }, practical: { maxGap: policy.practical.maxGap } },
        }),
      setError,
      async () => { show('评分方案已保存'); await refetch(); },
    );
  return (
    <section class="card">
      <h2>评分方案</h2>
      <ErrorBanner error={error() ?? plan.error} onClose={() => setError(null)} />
      <Show when={notice()}><p class="notice">{notice()}</p></Show>
      <Show when={plan()?.plan.approvedAt}><p class="muted">最近保存：{plan()!.plan.approvedAt!.slice(0, 16).replace('T', ' ')}</p></Show>
      <table class="grid small">
        <thead><tr><th>职业等级</th><th>科目</th><th>成绩来源</th><th>权重（合计须为 1）</th><th>评分记录表</th></tr></thead>
        <tbody>
          <For each={lines} fallback={<tr><td colspan="5" class="muted">本批次尚无认定计划条目</td></tr>}>
            {(l, i) => (
              <tr>
                <td>{l.label}</td>
                <td>{COMPONENT_NAMES[l.component]}</td>
                <td>
                  <select value={l.kind} disabled={!writable()} onChange={(e) => setLines(i(), 'kind', e.currentTarget.value as Line['kind'])}>
                    <For each={KINDS}>{(k) => <option value={k}>{SOURCE_NAMES[k]}</option>}</For>
                    <option value="mix">加权组合</option>
                  </select>
                </td>
                <td>
                  <Show when={l.kind === 'mix'} fallback={<span class="muted">—</span>}>
                    <For each={KINDS}>
                      {(k) => (
                        <label style={{ display: 'inline-flex', 'flex-direction': 'row', 'align-items': 'center', gap: '0.25rem', 'margin-right': '0.5rem' }}>
                          {SOURCE_NAMES[k]}
                          <input type="number" min="0" max="1" step="0.05" style={{ width: '4.5rem' }} value={l.weights[k]} onInput={(e) => setLines(i(), 'weights', k, Number(e.currentTarget.value))} />
                        </label>
                      )}
                    </For>
                    <span classList={{ bad: Math.abs(sum(l) - 1) > 1e-9, ok: Math.abs(sum(l) - 1) <= 1e-9 }}>Σ = {sum(l)}</span>
                  </Show>
                </td>
                <td>
                  <Show when={l.component !== 'theory'} fallback={<span class="muted">—</span>}>
                    <select value={l.sheetId ?? ''} disabled={!writable()} onChange={(e) => setLines(i(), 'sheetId', e.currentTarget.value ? Number(e.currentTarget.value) : null)}>
                      <option value="">（唯一的一份 / 未指定）</option>
                      <For each={(sheets() ?? []).filter((s) => s.occupationId === l.occupationId && s.level === l.level && s.component === l.component)}>
                        {(s) => <option value={s.id}>{s.sheet.taskId} {s.sheet.title}</option>}
                      </For>
                    </select>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <h2>合格标准与评分规则</h2>
      <div class="form-row">
        <For each={['theory', 'practical', 'review'] as Component[]}>
          {(c) => (
            <label>{COMPONENT_NAMES[c]}合格分
              <input type="number" min="0" max="100" value={policy.passMarks[c]} disabled={!writable()} onInput={(e) => setPolicy('passMarks', c, Number(e.currentTarget.value))} />
            </label>
          )}
        </For>
        <label>合格科目保留期（月）<input type="number" min="1" max="120" value={policy.retakeWindowMonths} disabled={!writable()} onInput={(e) => setPolicy('retakeWindowMonths', Number(e.currentTarget.value))} /></label>
        <label>保留小数位
          <select value={String(policy.rounding.decimals)} disabled={!writable()} onChange={(e) => setPolicy('rounding', { decimals: Number(e.currentTarget.value) as 0 | 1 | 2 })}>
            <option value="0">0</option><option value="1">1</option><option value="2">2</option>
          </select>
        </label>
        <label>考评员分差上限<input type="number" min="0" max="100" value={policy.practical.maxGap} disabled={!writable()} onInput={(e) => setPolicy('practical', 'maxGap', Number(e.currentTarget.value))} /></label>
      </div>
      <Show when={writable()} fallback={<LockedNote locked={props.locked} />}><button class="primary" onClick={() => void save()}>保存评分方案</button></Show>
    </section>
  );
}
