import { For, Match, Switch } from 'solid-js';
import type { AnswerValue, ItemView as ItemViewData } from '../../../server/realtime/contract';
import type { LocalAnswer, ShownItem } from './exam-session';

/** Chinese names of the item types. */
export const TYPE_NAMES: Record<string, string> = { judge: '判断题', single: '单项选择题', multi: '多项选择题', subjective: '主观题' };

/** How to answer a choice item, per type (a 判断题 is not a 单选题 to the candidate). */
const HINTS: Record<ItemViewData['type'], string> = {
  judge: '判断题：请判断对错，再次点击可取消。',
  single: '单选：再次点击可取消。',
  multi: '多选：可选择多个答案，再次点击取消。',
  subjective: '',
};

/** Display letter of the option at position `i` (A, B, …). */
export const letter = (i: number) => String.fromCharCode(65 + i);

/** Text of an option label in this item (labels are canonical; letters are positions). */
function optionText(item: ShownItem, label: string): string {
  return item.item.options.find((o) => o.label === label)?.text ?? label;
}

/** Toggle/select `label` in the current choice answer. */
export function choose(item: ShownItem, current: AnswerValue | undefined, label: string): string[] {
  const cur = Array.isArray(current) ? current : [];
  if (item.item.type === 'multi') return cur.includes(label) ? cur.filter((l) => l !== label) : [...cur, label];
  return cur.includes(label) ? [] : [label];
}

/**
 * One item: number, type, stem and its options in this candidate's order (letters are positions), or a
 * text box for a subjective item. Never knows anything about the key.
 */
export function ItemView(props: {
  index: number;
  total: number;
  item: ShownItem;
  answer: LocalAnswer | undefined;
  onChoose: (label: string) => void;
  onText: (text: string) => void;
  onTextBlur: () => void;
}) {
  const chosen = (label: string) => Array.isArray(props.answer?.value) && (props.answer!.value as string[]).includes(label);
  return (
    <article class="exam-item" aria-label={`第 ${props.index + 1} 题`}>
      <header class="exam-item-head">
        <span class="exam-item-no">第 {props.index + 1} 题 / 共 {props.total} 题</span>
        <span class="exam-item-type">{TYPE_NAMES[props.item.item.type]}</span>
      </header>
      <p class="exam-stem">{props.item.item.stem}</p>
      <Switch>
        <Match when={props.item.item.type === 'subjective'}>
          <textarea
            class="exam-text"
            aria-label="作答区"
            rows={10}
            value={typeof props.answer?.value === 'string' ? props.answer.value : ''}
            onInput={(e) => props.onText(e.currentTarget.value)}
            onBlur={() => props.onTextBlur()}
          />
        </Match>
        <Match when={true}>
          <div class="exam-options" role={props.item.item.type === 'multi' ? 'group' : 'radiogroup'}>
            <For each={props.item.labels}>
              {(label, i) => (
                <button
                  type="button"
                  class="exam-option"
                  classList={{ chosen: chosen(label) }}
                  role={props.item.item.type === 'multi' ? 'checkbox' : 'radio'}
                  aria-checked={chosen(label)}
                  onClick={() => props.onChoose(label)}
                >
                  <span class="exam-letter">{letter(i())}</span>
                  <span>{optionText(props.item, label)}</span>
                </button>
              )}
            </For>
          </div>
          <p class="muted small" aria-label="作答提示">{HINTS[props.item.item.type]} 键盘：字母或数字键选择，←/→ 切换题目，M 标记。</p>
        </Match>
      </Switch>
    </article>
  );
}
