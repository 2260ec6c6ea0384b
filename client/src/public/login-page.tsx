import { createResource, createSignal, Show } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { http } from '../lib/http';
import { HOME, setMe, type Me } from '../lib/session';
import { ErrorBanner } from '../components/error-banner';

/** Login for staff (username + password) and candidates (admission ticket + ID number). */
export function LoginPage() {
  const [mode, setMode] = createSignal<'staff' | 'candidate'>('staff');
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const navigate = useNavigate();
  // A fresh installation has no account yet: point to the first-run setup instead of a login that cannot work.
  const [setup] = createResource(() => http.get<{ needed: boolean }>('/api/setup').catch(() => ({ needed: false })));
  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const me =
        mode() === 'staff'
          ? await http.post<Me>('/api/auth/login', { username: f.get('username'), password: f.get('password') })
          : await http.post<Me>('/api/auth/candidate-login', { ticketNo: f.get('ticketNo'), idNumber: f.get('idNumber') });
      setMe(me);
      navigate(HOME[me.role], { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card login">
      <h1>职业技能等级认定系统</h1>
      <div class="tabs" role="tablist">
        <button role="tab" aria-selected={mode() === 'staff'} classList={{ active: mode() === 'staff' }} onClick={() => setMode('staff')}>
          工作人员登录
        </button>
        <button role="tab" aria-selected={mode() === 'candidate'} classList={{ active: mode() === 'candidate' }} onClick={() => setMode('candidate')}>
          考生登录
        </button>
      </div>
      <Show when={setup()?.needed}>
        <p class="notice">系统尚未初始化。请先 <a href="/setup">完成系统初始化</a>（需要服务器启动时打印的初始化码）。</p>
      </Show>
      <ErrorBanner error={error()} />
      <form onSubmit={submit} class="stack">
        <Show
          when={mode() === 'staff'}
          fallback={
            <>
              <label>准考证号<input name="ticketNo" autocomplete="off" required /></label>
              <label>证件号码<input name="idNumber" autocomplete="off" required /></label>
            </>
          }
        >
          <label>用户名<input name="username" autocomplete="username" required /></label>
          <label>密码<input name="password" type="password" autocomplete="current-password" required /></label>
        </Show>
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? '登录中…' : '登录'}
        </button>
      </form>
      <p class="muted">
        公众可 <a href="/verify">查询证书</a> 或查看 <a href="/publicity">成绩公示</a>。
      </p>
    </section>
  );
}
