import { Show } from 'solid-js';
import { ApiError } from '../lib/http';

/** A clear, dismissable error message; lists field problems when the server named them. */
export function ErrorBanner(props: { error: unknown; onClose?: () => void }) {
  const fields = () => {
    const e = props.error;
    if (e instanceof ApiError && Array.isArray(e.details.fields)) return e.details.fields as { field: string; problem: string }[];
    if (e instanceof ApiError && Array.isArray(e.details.errors)) {
      return (e.details.errors as { row: number; column: string; problem: string }[]).map((r) => ({ field: `第 ${r.row} 行 ${r.column}`, problem: r.problem }));
    }
    return [];
  };
  const message = () => (props.error instanceof Error ? props.error.message : String(props.error));
  return (
    <Show when={props.error}>
      <div class="error-banner" role="alert">
        <strong>出错了：</strong>
        {message()}
        <Show when={fields().length > 0}>
          <ul>
            {fields().slice(0, 50).map((f) => (
              <li>
                {f.field}：{f.problem}
              </li>
            ))}
          </ul>
        </Show>
        <Show when={props.onClose}>
          <button class="link" onClick={() => props.onClose?.()}>
            关闭
          </button>
        </Show>
      </div>
    </Show>
  );
}
