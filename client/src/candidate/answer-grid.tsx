import { For } from 'solid-js';
import type { LocalAnswer, ShownItem } from './exam-session';

/** Whether a local answer counts as answered (flag only does not). */
export function isAnswered(a: LocalAnswer | undefined): boolean {
  if (!a) return false;
  return Array.isArray(a.value) ? a.value.length > 0 : a.value.trim().length > 0;
}

/** 答题卡: one cell per item — answered, flagged or empty — and the current one; click to go there. */
export function AnswerGrid(props: { items: ShownItem[]; answers: Record<string, LocalAnswer>; current: number; onGo: (i: number) => void }) {
  const answered = () => props.items.filter((x) => isAnswered(props.answers[x.item.id])).length;
  const flagged = () => props.items.filter((x) => props.answers[x.item.id]?.flagged).length;
  return (
    <nav class="answer-grid" aria-label="答题卡">
      <p class="answer-grid-counts">
        已答 <strong>{answered()}</strong> · 未答 <strong>{props.items.length - answered()}</strong> · 标记 <strong>{flagged()}</strong>
      </p>
      <div class="answer-grid-cells">
        <For each={props.items}>
          {(x, i) => (
            <button
              type="button"
              class="answer-cell"
              classList={{ answered: isAnswered(props.answers[x.item.id]), flagged: !!props.answers[x.item.id]?.flagged, current: i() === props.current }}
              aria-label={`第 ${i() + 1} 题${isAnswered(props.answers[x.item.id]) ? ' 已答' : ' 未答'}${props.answers[x.item.id]?.flagged ? ' 已标记' : ''}`}
              onClick={() => props.onGo(i())}
            >
              {i() + 1}
            </button>
          )}
        </For>
      </div>
      <p class="answer-grid-legend muted small">
        <span class="answer-cell answered legend" /> 已答 <span class="answer-cell flagged legend" /> 标记 <span class="answer-cell legend" /> 未答
      </p>
    </nav>
  );
}
