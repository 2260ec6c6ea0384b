import { createResource, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { http } from '../lib/http';
import { ErrorBanner } from '../components/error-banner';
import { ORGANIZATION_TYPE_LABELS, type OrganizationType } from '../../../question-bank/vocabulary';
import './public.css';

/**
 * 系统初始化 (first run): the organization and its first 考务管理员, once, with the setup code the
 * server printed at start. Afterwards the page only points to the login.
 */
export function SetupPage() {
  const [state, { refetch }] = createResource(() => http.get<{ needed: boolean }>('/api/setup'));
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal<string | null>(null);
  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    if (v('password') !== String(f.get('password2') ?? '')) {
      setError(new Error('两次输入的密码不一致'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await http.post('/api/setup', {
        setupCode: v('setupCode'),
        organization: {
          name: v('name'), type: v('type'), uscc: v('uscc'), province: v('province'),
          certOrgCode: v('certOrgCode'), certOrgSerial: v('certOrgSerial'), certIssuer: v('certIssuer') || v('name'),
        },
        admin: { username: v('username'), displayName: v('displayName'), password: String(f.get('password') ?? '') },
      });
      setDone(v('username'));
      void refetch();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card pub-page">
      <h1>系统初始化</h1>
      <Show when={!state.loading} fallback={<p class="muted">加载中…</p>}>
        <Show
          when={state()?.needed && !done()}
          fallback={
            <p>
              {done() ? `初始化完成。请用账号 ${done()} 登录，` : '系统已完成初始化，'}
              <A href="/login">前往登录</A>。登录后可在“机构设置”中补充备案职业，在“账号管理”中添加监考员、考评员和督导员。
            </p>
          }
        >
          <p class="muted">
            首次使用：填写评价机构信息和第一个考务管理员账号。初始化码在服务器启动时打印在控制台（“初始化码 Setup code”），只有能查看服务器的人员知道。
          </p>
          <ErrorBanner error={error()} />
          <form class="stack" onSubmit={submit}>
            <label>初始化码<input name="setupCode" required autocomplete="off" placeholder="如 K7QM-3XWB-T9RA" /></label>
            <h2>评价机构</h2>
            <label>机构名称<input name="name" required maxLength={100} /></label>
            <label>
              机构类型
              <select name="type">
                <For each={Object.keys(ORGANIZATION_TYPE_LABELS) as OrganizationType[]}>{(t) => <option value={t}>{ORGANIZATION_TYPE_LABELS[t]}</option>}</For>
              </select>
            </label>
            <label>统一社会信用代码<input name="uscc" required maxLength={18} /></label>
            <label>省份代码（2 位，如 36 江西）<input name="province" required pattern="\d{2}" maxLength={2} /></label>
            <label>证书编号中的机构代码（4 位，在省级备案的填 0000）<input name="certOrgCode" required pattern="\d{4}" maxLength={4} value="0000" /></label>
            <label>证书编号中的机构序号（6 位）<input name="certOrgSerial" required pattern="\d{6}" maxLength={6} /></label>
            <label>发证机构（空则同机构名称）<input name="certIssuer" maxLength={100} /></label>
            <h2>考务管理员</h2>
            <label>用户名<input name="username" required autocomplete="username" /></label>
            <label>姓名<input name="displayName" required /></label>
            <label>密码（至少 8 位，含字母和数字）<input name="password" type="password" required autocomplete="new-password" /></label>
            <label>再次输入密码<input name="password2" type="password" required autocomplete="new-password" /></label>
            <button type="submit" class="primary" disabled={busy()}>{busy() ? '正在初始化…' : '完成初始化'}</button>
          </form>
        </Show>
      </Show>
    </section>
  );
}
