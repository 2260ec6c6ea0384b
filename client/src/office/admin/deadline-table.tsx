import { For, Show } from 'solid-js';
import { DEADLINE_STATUS, type Deadline } from './api';

/**
 * The batch's working-day deadlines: due date, status in words and colour, and a visible flag when a
 * date was counted outside the official calendar (Mon–Fri guessed) — never silently trusted.
 */
export function DeadlineTable(props: { deadlines: Deadline[]; firstSitting: string | null; today: string }) {
  return (
    <Show when={props.firstSitting} fallback={<p class="muted">还没有安排场次，无法计算期限（按首场考试日期倒推工作日）。</p>}>
      <p class="muted">首场考试 {props.firstSitting} · 今天 {props.today}</p>
      <table class="grid small deadlines">
        <thead>
          <tr><th>事项</th><th>截止日期</th><th>状态</th><th>完成日期</th><th>说明</th></tr>
        </thead>
        <tbody>
          <For each={props.deadlines}>
            {(d) => (
              <tr data-deadline={d.key}>
                <td>{d.label}</td>
                <td>{d.due ?? '—'}</td>
                <td class={DEADLINE_STATUS[d.status].cls}>
                  {DEADLINE_STATUS[d.status].label}
                  <Show when={!d.verified}>
                    <span class="warn unverified" title="计算跨越了官方节假日数据之外的日期">（日期未经核实）</span>
                  </Show>
                </td>
                <td>{d.doneAt ?? ''}</td>
                <td class="muted">{d.note ?? ''}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
