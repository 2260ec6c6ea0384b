import { createResource, createSignal, For } from 'solid-js';
import { http } from '../lib/http';
import { ROLE_NAMES } from '../lib/session';
import { ErrorBanner } from '../components/error-banner';

interface User { id: number; username: string; displayName: string; role: 'admin' | 'proctor' | 'examiner' | 'supervisor'; workUnit: string; active: boolean }

/** Staff accounts: create, deactivate, reset password, end sessions (admin only). */
export function UsersPage() {
  const [users, { refetch }] = createResource(async () => (await http.get<{ users: User[] }>('/api/users')).users);
  const [error, setError] = createSignal<unknown>(null);
  const [notice, setNotice] = createSignal('');
  /** Run an action; true when it succeeded (a failed create keeps the form as typed). */
  const act = async (fn: () => Promise<unknown>, done: string): Promise<boolean> => {
    setError(null);
    setNotice('');
    try {
      await fn();
      setNotice(done);
      await refetch();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
  const create = (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    void act(
      () => http.post('/api/users', { username: f.get('username'), displayName: f.get('displayName'), role: f.get('role'), password: f.get('password'), workUnit: f.get('workUnit') }),
      '账号已创建',
    ).then((ok) => ok && (ev.target as HTMLFormElement).reset());
  };
  return (
    <section class="card">
      <h1>账号管理</h1>
      <ErrorBanner error={error()} onClose={() => setError(null)} />
      {notice() && <p class="notice">{notice()}</p>}
      <table class="grid">
        <thead>
          <tr><th>用户名</th><th>姓名</th><th>角色</th><th>单位</th><th>状态</th><th>操作</th></tr>
        </thead>
        <tbody>
          <For each={users()}>
            {(u) => (
              <tr>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{ROLE_NAMES[u.role]}</td>
                <td>{u.workUnit}</td>
                <td>{u.active ? '启用' : '停用'}</td>
                <td class="actions">
                  <button onClick={() => act(() => http.patch(`/api/users/${u.id}`, { active: !u.active }), u.active ? '已停用' : '已启用')}>{u.active ? '停用' : '启用'}</button>
                  <button onClick={() => act(() => http.post(`/api/users/${u.id}/end-sessions`), '已强制下线')}>强制下线</button>
                  <button
                    onClick={() => {
                      const p = prompt(`为 ${u.displayName} 设置新密码（至少 8 位，含字母和数字）`);
                      if (p) void act(() => http.post(`/api/users/${u.id}/password`, { password: p }), '密码已重置');
                    }}
                  >
                    重置密码
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <h2>新建账号</h2>
      <form class="form-row" onSubmit={create}>
        <label>用户名<input name="username" required /></label>
        <label>姓名<input name="displayName" required /></label>
        <label>角色
          <select name="role">
            <option value="proctor">监考员</option>
            <option value="examiner">考评员</option>
            <option value="supervisor">质量督导员</option>
            <option value="admin">考务管理员</option>
          </select>
        </label>
        <label>单位<input name="workUnit" /></label>
        <label>初始密码<input name="password" type="password" required /></label>
        <button type="submit" class="primary">创建</button>
      </form>
    </section>
  );
}
