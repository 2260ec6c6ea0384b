import { For, Show } from 'solid-js';
import type { SeatFlag, SeatLive } from '../../../server/realtime/contract';
import { formatDuration } from '../lib/socket';
import { seatRemaining, seatState } from './live-room';

/** Short Chinese labels of the seat flags. */
export const FLAG_NAMES: Record<SeatFlag, string> = {
  blur: '切屏', hidden: '隐藏页面', 'fullscreen-exit': '退出全屏', copy: '复制', paste: '粘贴', cut: '剪切', print: '打印', contextmenu: '右键',
  device: '他机登录', 'late-save': '超时保存', 'late-entry': '迟到',
};

/**
 * The room's seats where they stand: seat 1 at the front by the door, numbering front to back down a
 * column, then the next column (the same layout as the office's seat map and the printed door list).
 */
export function SeatMap(props: { seats: SeatLive[]; columns: number; rows: number; now: number; selected: number | null; onSelect: (seatNo: number) => void }) {
  const place = (seatNo: number) => ({
    'grid-column': String(Math.floor((seatNo - 1) / props.rows) + 1),
    'grid-row': String(((seatNo - 1) % props.rows) + 1),
  });
  return (
    <div class="seat-map" style={{ 'grid-template-columns': `repeat(${Math.max(1, props.columns)}, minmax(150px, 1fr))` }}>
      <For each={props.seats}>
        {(seat) => {
          const state = () => seatState(seat, props.now);
          const left = () => seatRemaining(seat, props.now);
          const flags = () => (Object.entries(seat.flags) as [SeatFlag, number][]).filter(([, n]) => n > 0);
          return (
            <button
              type="button"
              style={place(seat.seatNo)}
              class={`seat ${state().cls}`}
              classList={{ selected: props.selected === seat.seatNo, violation: !!seat.violation, blocked: seat.deviceBlocked }}
              aria-label={`座位 ${seat.seatNo}`}
              onClick={() => props.onSelect(seat.seatNo)}
            >
              <span class="seat-head">
                <strong>{seat.seatNo}</strong> {seat.candidateName}
              </span>
              <span class="seat-state" data-state={state().cls}>{state().text}</span>
              <Show when={seat.phase !== 'absent'}>
                <span class="seat-count" aria-label="已答题数">
                  已答 {seat.answered}/{seat.total}
                </span>
              </Show>
              <Show when={left() !== null}>
                <span class="seat-time">剩 {formatDuration(left()!)}</span>
              </Show>
              <Show when={seat.deviceBlocked}>
                <span class="seat-flag bad">另一设备等待换机</span>
              </Show>
              <Show when={seat.violation}>
                <span class="seat-flag bad">违纪：{seat.violation}</span>
              </Show>
              <Show when={seat.warnings > 0}>
                <span class="seat-flag warn">警告 {seat.warnings}</span>
              </Show>
              <Show when={flags().length > 0}>
                <span class="seat-flags">
                  <For each={flags()}>{([f, n]) => <span class="seat-flag">{FLAG_NAMES[f]} {n}</span>}</For>
                </span>
              </Show>
            </button>
          );
        }}
      </For>
    </div>
  );
}
