import { For } from 'solid-js';

/** Colours of forms A/B/C, the same as the printed quality report. */
export const FORM_COLOURS: Record<string, string> = { A: '#3b6ea5', B: '#e08e2b', C: '#5a9e4b' };

/**
 * A grouped bar chart in SVG: one group per category, one bar per series (form), value labels on top and an
 * optional dashed target per category. Scales to its container's width.
 */
export function GroupedBars(props: {
  title: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  targets?: (number | undefined)[];
  format?: (v: number) => string;
  max?: number;
}) {
  const W = 480;
  const H = 200;
  const pad = { l: 36, r: 8, t: 24, b: 34 };
  const max = () => props.max ?? Math.max(1e-9, ...props.series.flatMap((s) => s.values), ...(props.targets ?? []).filter((t): t is number => t !== undefined)) * 1.15;
  const groupW = () => (W - pad.l - pad.r) / Math.max(1, props.categories.length);
  const barW = () => Math.min(28, (groupW() * 0.8) / Math.max(1, props.series.length));
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max());
  const fmt = (v: number) => (props.format ? props.format(v) : String(Math.round(v * 100) / 100));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title}>
        <text x={W / 2} y={14} text-anchor="middle" class="chart-title">{props.title}</text>
        <line x1={pad.l} x2={W - pad.r} y1={y(0)} y2={y(0)} stroke="#9ca3af" />
        <For each={props.categories}>
          {(cat, ci) => {
            const x0 = () => pad.l + groupW() * ci() + (groupW() - barW() * props.series.length) / 2;
            return (
              <g>
                <For each={props.series}>
                  {(s, si) => (
                    <g>
                      <rect x={x0() + barW() * si()} y={y(s.values[ci()] ?? 0)} width={barW() - 2} height={Math.max(0, y(0) - y(s.values[ci()] ?? 0))} fill={FORM_COLOURS[s.name] ?? '#6b7280'}>
                        <title>{`${s.name}卷 ${cat}：${fmt(s.values[ci()] ?? 0)}`}</title>
                      </rect>
                      <text x={x0() + barW() * si() + (barW() - 2) / 2} y={y(s.values[ci()] ?? 0) - 3} text-anchor="middle" class="chart-value">{fmt(s.values[ci()] ?? 0)}</text>
                    </g>
                  )}
                </For>
                {props.targets?.[ci()] !== undefined && (
                  <line x1={x0() - 3} x2={x0() + barW() * props.series.length + 1} y1={y(props.targets[ci()]!)} y2={y(props.targets[ci()]!)} stroke="#b91c1c" stroke-dasharray="4 3" />
                )}
                <text x={pad.l + groupW() * ci() + groupW() / 2} y={H - pad.b + 14} text-anchor="middle" class="chart-label">{cat}</text>
              </g>
            );
          }}
        </For>
        <For each={props.series}>
          {(s, si) => (
            <g>
              <rect x={pad.l + si() * 60} y={H - 14} width={10} height={10} fill={FORM_COLOURS[s.name] ?? '#6b7280'} />
              <text x={pad.l + si() * 60 + 14} y={H - 5} class="chart-label">{s.name}卷</text>
            </g>
          )}
        </For>
      </svg>
    </figure>
  );
}
