import { For, Match, Show, Switch, type Component } from 'solid-js';
import { Navigate, Route, Router, type RouteSectionProps } from '@solidjs/router';
import { Dynamic } from 'solid-js/web';
import { HOME, me } from './lib/session';
import { Layout } from './components/layout';
import { LoginPage } from './public/login-page';
import { pages, type PageDef } from './pages';

/** Shows a page only to its roles; others are sent to login or their home. */
function Guarded(props: { page: PageDef }) {
  return (
    <Switch>
      <Match when={me.loading}>
        <p class="muted">加载中…</p>
      </Match>
      <Match when={!props.page.roles}>
        <Dynamic component={props.page.component} />
      </Match>
      <Match when={!me()}>
        <Navigate href="/login" />
      </Match>
      <Match when={!props.page.roles!.includes(me()!.role)}>
        <section class="card">
          <h1>无权访问</h1>
          <p>您的角色不能打开“{props.page.title}”。</p>
        </section>
      </Match>
      <Match when={true}>
        <Dynamic component={props.page.component} />
      </Match>
    </Switch>
  );
}

function Root(props: RouteSectionProps) {
  return <Layout>{props.children}</Layout>;
}

const Home: Component = () => (
  <Show when={!me.loading} fallback={<p class="muted">加载中…</p>}>
    <Navigate href={me() ? HOME[me()!.role] : '/login'} />
  </Show>
);

/** Routes for every page in `pages.ts`, plus login and a not-found page. */
export function App() {
  return (
    <Router root={Root}>
      <Route path="/" component={Home} />
      <Route path="/login" component={LoginPage} />
      <For each={pages}>{(p) => <Route path={p.path} component={() => <Guarded page={p} />} />}</For>
      <Route path="*" component={() => <section class="card"><h1>页面不存在</h1><a href="/">返回首页</a></section>} />
    </Router>
  );
}
