import { For } from 'solid-js';
import { useSearchParams } from '@solidjs/router';

/** One tab of a page: its `?tab=` key and its Chinese label. */
export interface TabDef<K extends string> {
  key: K;
  label: string;
}

/**
 * The page's current tab, kept in the address (`?tab=…`) so a reload or a shared link opens the same
 * tab; an unknown or missing key falls back to the first tab.
 */
export function useTab<K extends string>(tabs: readonly TabDef<K>[]): { current: () => K; select: (key: K) => void } {
  const [search, setSearch] = useSearchParams();
  const current = (): K => tabs.find((t) => t.key === search.tab)?.key ?? tabs[0]!.key;
  return { current, select: (key) => setSearch({ tab: key }) };
}

/** The row of tab buttons (ARIA tablist) for `useTab`. */
export function TabBar<K extends string>(props: { tabs: readonly TabDef<K>[]; current: K; onSelect: (key: K) => void }) {
  return (
    <nav class="tabs page-tabs" role="tablist">
      <For each={props.tabs}>
        {(t) => (
          <button role="tab" aria-selected={props.current === t.key} classList={{ active: props.current === t.key }} onClick={() => props.onSelect(t.key)}>
            {t.label}
          </button>
        )}
      </For>
    </nav>
  );
}
