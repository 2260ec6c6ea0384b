import { For } from 'solid-js';

/**
 * A bar chart in SVG (score distribution or pass rates): one bar per category, the value on top, scaled
 * to the container's width. Values are plain numbers; `format` turns them into labels.
 */
export function BarChart(props: { title: string; labels: string[]; values: number[]; max?: number; colour?: string; format?: (v: number) => string }) {
  const W = 520;
  const H = 220;
  const pad = { l: 34, r: 8, t: 26, b: 36 };
  const max = () => props.max ?? Math.max(1, ...props.values) * 1.15;
  const bw = () => (W - pad.l - pad.r) / Math.max(1, props.labels.length);
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max());
  const fmt = (v: number) => (props.format ? props.format(v) : String(v));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title}>
        <text x={W / 2} y={15} text-anchor="middle" class="chart-title">{props.title}</text>
        <line x1={pad.l} x2={W - pad.r} y1={y(0)} y2={y(0)} stroke="#9ca3af" />
        <For each={props.labels}>
          {(label, i) => {
            const v = () => props.values[i()] ?? 0;
            return (
              <g>
                <rect x={pad.l + bw() * i() + bw() * 0.12} y={y(v())} width={bw() * 0.76} height={Math.max(0, y(0) - y(v()))} fill={props.colour ?? '#b91c1c'}>
                  <title>{`${label}：${fmt(v())}`}</title>
                </rect>
                <text x={pad.l + bw() * i() + bw() / 2} y={y(v()) - 3} text-anchor="middle" class="chart-value">{fmt(v())}</text>
                <text x={pad.l + bw() * i() + bw() / 2} y={H - pad.b + 14} text-anchor="middle" class="chart-label">{label}</text>
              </g>
            );
          }}
        </For>
      </svg>
    </figure>
  );
}
