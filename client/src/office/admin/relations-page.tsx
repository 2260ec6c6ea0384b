import { createResource, For, Show } from 'solid-js';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, useAction } from './api';
import './admin.css';

interface Relation { id: number; userId: number; userName: string; role: string; idNumber: string; relationLabel: string; note: string }
interface StaffUser { id: number; displayName: string; role: string; active: boolean }

/** 回避申报: staff declare relatives, colleagues and own trainees by ID number; assignments are checked against it. */
export function RelationsPage() {
  const [data, { refetch }] = createResource(() => http.get<{ relations: Relation[] }>('/api/declared-relations'));
  const [users] = createResource(() => (canEdit() ? http.get<{ users: StaffUser[] }>('/api/users').then((r) => r.users) : Promise.resolve([] as StaffUser[])));
  const act = useAction();
  const add = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const r = await act.run(
      () => http.post<{ warnings: string[] }>('/api/declared-relations', { userId: Number(f.get('userId')), idNumber: f.get('idNumber'), relation: f.get('relation'), note: f.get('note') }),
      (x) => (x.warnings.length ? `已申报。${x.warnings.join('；')}` : '已申报'),
    );
    if (r) {
      form.reset();
      await refetch();
    }
  };
  const remove = async (id: number) => {
    if (await act.run(() => http.del(`/api/declared-relations/${id}`), '已删除')) await refetch();
  };
  return (
    <section class="card">
      <h1>回避申报</h1>
      <p class="muted">监考员、考评员申报与考生的亲属、同事或培训关系（按证件号码）；安排人员时系统据此拒绝并说明原因。与考生同一工作单位的人员也须回避（本机构人员除外）。</p>
      <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
      <Show when={act.notice()}><p class="notice">{act.notice()}</p></Show>
      <table class="grid small">
        <thead><tr><th>人员</th><th>关系</th><th>对方证件号码</th><th>说明</th><Show when={canEdit()}><th>操作</th></Show></tr></thead>
        <tbody>
          <For each={data()?.relations} fallback={<tr><td colspan="5" class="muted">暂无申报</td></tr>}>
            {(r) => (
              <tr>
                <td>{r.userName}</td>
                <td>{r.relationLabel}</td>
                <td><code>{r.idNumber}</code></td>
                <td>{r.note}</td>
                <Show when={canEdit()}><td><button onClick={() => remove(r.id)}>删除</button></td></Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={canEdit()}>
        <h2>新增申报</h2>
        <form class="form-row" onSubmit={add}>
          <label>人员
            <select name="userId">
              <For each={(users() ?? []).filter((u) => u.active && (u.role === 'proctor' || u.role === 'examiner'))}>{(u) => <option value={u.id}>{u.displayName}</option>}</For>
            </select>
          </label>
          <label>关系
            <select name="relation"><option value="relative">亲属</option><option value="colleague">同事</option><option value="ownTrainee">本人培训的学员</option></select>
          </label>
          <label>对方证件号码<input name="idNumber" required size="22" /></label>
          <label>说明<input name="note" /></label>
          <button type="submit" class="primary">申报</button>
        </form>
      </Show>
    </section>
  );
}
