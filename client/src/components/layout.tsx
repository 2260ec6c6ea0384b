import { For, Show, type JSX } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { logout, me, ROLE_NAMES } from '../lib/session';
import { pages } from '../pages';

/** Header with the role's navigation and the signed-in person; the page below. */
export function Layout(props: { children?: JSX.Element }) {
  const navigate = useNavigate();
  const nav = () => pages.filter((p) => p.nav && me() && p.roles?.includes(me()!.role));
  return (
    <div class="app">
      <header class="topbar">
        <span class="brand">职业技能等级认定系统</span>
        <nav>
          <For each={nav()}>{(p) => <A href={p.path} end>{p.nav}</A>}</For>
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
      <main>{props.children}</main>
    </div>
  );
}
