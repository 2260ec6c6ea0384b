import { For, Show, type JSX } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { logout, me, ROLE_NAMES } from '../lib/session';
import { pages, type PageDef } from '../pages';

// Navigation groups by path prefix, so feature page lists stay free of layout concerns.
const GROUPS: [prefix: string, title: string][] = [
  ['/office/bank', '题库与组卷'],
  ['/office/batches', '考务编排'],
  ['/office/organization', '考务编排'],
  ['/office/workdays', '考务编排'],
  ['/office/relations', '考务编排'],
  ['/proctor', '考场'],
  ['/supervisor/rooms', '考场'],
  ['/office/scoring', '评分与成绩'],
  ['/examiner', '评分与成绩'],
  ['/office/users', '系统'],
  ['/audit', '系统'],
];
const groupOf = (p: PageDef) => GROUPS.find(([prefix]) => p.path.startsWith(prefix))?.[1] ?? '';

/** Pages in the signed-in role's navigation, grouped in a stable order. */
export function navGroups(): { title: string; pages: PageDef[] }[] {
  const role = me()?.role;
  if (!role) return [];
  const mine = pages.filter((p) => p.nav && p.roles?.includes(role));
  const order = ['', '题库与组卷', '考务编排', '考场', '评分与成绩', '系统'].filter((g) => mine.some((p) => groupOf(p) === g));
  return order.map((title) => ({ title, pages: mine.filter((p) => groupOf(p) === title) }));
}

/**
 * Header with the signed-in person; roles with many pages (office, supervisor) get a grouped side
 * navigation, the others a short bar. Public pages have no navigation.
 */
export function Layout(props: { children?: JSX.Element }) {
  const navigate = useNavigate();
  const groups = () => navGroups();
  const count = () => groups().reduce((n, g) => n + g.pages.length, 0);
  const wide = () => count() > 6;
  return (
    <div class="app">
      <header class="topbar">
        <A class="brand" href="/">职业技能等级认定系统</A>
        <nav class="topnav">
          <Show when={!wide()}>
            <For each={groups().flatMap((g) => g.pages)}>{(p) => <A href={p.path} end={p.nav === '首页'}>{p.nav}</A>}</For>
          </Show>
        </nav>
        <Show when={me()}>
          <span class="who">
            {ROLE_NAMES[me()!.role]} · {me()!.name}
            <button
              class="link"
              onClick={async () => {
                await logout();
                navigate('/login', { replace: true });
              }}
            >
              退出
            </button>
          </span>
        </Show>
      </header>
      <div classList={{ shell: true, 'with-sidebar': wide() }}>
        <Show when={wide()}>
          <aside class="sidebar">
            <For each={groups()}>
              {(g) => (
                <div class="nav-group">
                  <Show when={g.title}>
                    <div class="nav-title">{g.title}</div>
                  </Show>
                  {/* Exact match only: '/office/bank' must not stay lit on '/office/bank/blueprint'. */}
                  <For each={g.pages}>{(p) => <A href={p.path} end>{p.nav}</A>}</For>
                </div>
              )}
            </For>
          </aside>
        </Show>
        <main>{props.children}</main>
      </div>
    </div>
  );
}
