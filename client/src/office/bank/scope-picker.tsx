import { For } from 'solid-js';
import { LEVEL_NAMES, type Occupation } from './api';

/** Occupation and level selectors (职业 / 等级) bound to a page's scope. */
export function ScopePicker(props: {
  occupations: Occupation[] | undefined;
  occupationId: number;
  level: number;
  onChange: (occupationId: number, level: number) => void;
}) {
  const levelsOf = (id: number) => props.occupations?.find((o) => o.id === id)?.levels ?? [];
  return (
    <div class="form-row scope-picker">
      <label>
        职业
        <select
          aria-label="职业"
          value={String(props.occupationId)}
          onChange={(e) => {
            const id = Number(e.currentTarget.value);
            const levels = levelsOf(id);
            props.onChange(id, levels.includes(props.level) ? props.level : (levels.includes(4) ? 4 : (levels[0] ?? 4)));
          }}
        >
          <For each={props.occupations ?? []}>{(o) => <option value={String(o.id)} selected={o.id === props.occupationId}>{o.code} {o.name}{o.workType ? `（${o.workType}）` : ''}</option>}</For>
        </select>
      </label>
      <label>
        等级
        <select aria-label="等级" value={String(props.level)} onChange={(e) => props.onChange(props.occupationId, Number(e.currentTarget.value))}>
          <For each={levelsOf(props.occupationId)}>{(l) => <option value={String(l)} selected={l === props.level}>{LEVEL_NAMES[l]}</option>}</For>
        </select>
      </label>
    </div>
  );
}
