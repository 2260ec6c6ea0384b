import { Show } from 'solid-js';

/**
 * The notice shown instead of entry forms once a batch's publicity has closed: marks and results are final
 * and the server refuses changes (409 PUBLICITY_CLOSED). Renders nothing when `locked` is false.
 * Example: `<LockedNote locked={batch.publicity?.status === 'closed'} />`.
 */
export function LockedNote(props: { locked: boolean }) {
  return (
    <Show when={props.locked}>
      <p class="notice warn" role="status">本批次公示已结束，成绩已锁定</p>
    </Show>
  );
}
