import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, COMPONENT_LABELS, useAction, type BatchView } from './api';

interface Check { ok: boolean; required: number; actual: number; problems: string[] }
interface Overview {
  users: { id: number; name: string; role: string; workUnit: string }[];
  rooms: { sittingId: number; roomId: number; roomName: string; candidateCount: number; proctors: { userId: number; name: string }[]; check: Check }[];
  groups: { sittingId: number; name: string; candidateCount: number; leader: { userId: number; name: string } | null; examiners: { userId: number; name: string }[]; check: Check }[];
  supervisor: { userId: number; name: string } | null;
  sittingCounts: { sittingId: number; candidates: number }[];
  problems: string[];
}

/** 考务人员: proctors per room, examiner groups per practical sitting, the quality supervisor; minimums and 回避 checked by the server. */
export function StaffTab(props: { view: BatchView; reload: () => Promise<void> }) {
  const [data, { refetch, mutate }] = createResource(() => props.view.batch.id, (id) => http.get<Overview>(`/api/batches/${id}/staff`));
  const act = useAction();
  const open = () => canEdit() && (props.view.batch.status === 'draft' || props.view.batch.status === 'filed');
  const users = (role: string) => (data()?.users ?? []).filter((u) => u.role === role);
  const sittingName = (id: number) => {
    const s = props.view.sittings.find((x) => x.id === id);
    return s ? `${s.date} ${s.startTime} ${COMPONENT_LABELS[s.component]}` : `场次 ${id}`;
  };
  const after = (r: Omit<Overview, 'users'> | undefined) => {
    if (r && data()) mutate({ ...data()!, ...r });
  };
  const saveProctors = async (ev: SubmitEvent, sittingId: number, roomId: number) => {
    ev.preventDefault();
    const ids = new FormData(ev.currentTarget as HTMLFormElement).getAll('user').map(Number);
    after(await act.run(() => http.put<Overview>(`/api/batches/${props.view.batch.id}/sittings/${sittingId}/rooms/${roomId}/proctors`, { userIds: ids }), '监考员已安排'));
  };
  const saveGroup = async (ev: SubmitEvent, sittingId: number) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    const body = { name: String(f.get('name') ?? '').trim(), leaderId: Number(f.get('leader')), examinerIds: f.getAll('user').map(Number) };
    after(await act.run(() => http.put<Overview>(`/api/batches/${props.view.batch.id}/sittings/${sittingId}/groups`, body), `考评组“${body.name}”已保存`));
  };
  const removeGroup = async (sittingId: number, name: string) => {
    after(await act.run(() => http.del<Overview>(`/api/batches/${props.view.batch.id}/sittings/${sittingId}/groups/${encodeURIComponent(name)}`), `已撤销考评组“${name}”`));
  };
  const saveSupervisor = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const id = Number(new FormData(ev.currentTarget as HTMLFormElement).get('supervisor'));
    after(await act.run(() => http.put<Overview>(`/api/batches/${props.view.batch.id}/supervisor`, { userId: id }), '质量督导员已安排'));
  };
  const practical = () => props.view.sittings.filter((s) => s.component !== 'theory');

  return (
    <section class="card">
      <h2>考务人员安排</h2>
      <p class="muted">
        每个理论考场至少2名监考员且每15名考生至少1名；考评组为不少于3人的奇数且每5名考生至少1名考评员，设组长；每批次1名内部质量督导员。
        有亲属、同事、培训关系或与考生同一工作单位的人员须回避（<A href="/office/relations">回避申报</A>）。
      </p>
      <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
      <Show when={act.notice()}><p class="notice" role="status">{act.notice()}</p></Show>
      <Show when={data()}>
        {(d) => (
          <>
            <Show when={d().problems.length > 0} fallback={<p class="ok">人员安排符合要求。</p>}>
              <ul class="bad">
                <For each={d().problems}>{(p) => <li>{p}</li>}</For>
              </ul>
            </Show>
            <h3>理论考场监考员</h3>
            <Show when={d().rooms.length > 0} fallback={<p class="muted">请先在“考场座位”中编排座位。</p>}>
              <For each={d().rooms}>
                {(r) => (
                  <form class="staff-row" onSubmit={(e) => saveProctors(e, r.sittingId, r.roomId)} aria-label={`${r.roomName}监考员`}>
                    <strong>{r.roomName}</strong> <span class="muted">{sittingName(r.sittingId)} · 考生 {r.candidateCount} 人 · 至少 {r.check.required} 名</span>{' '}
                    <span class={r.check.ok ? 'ok' : 'bad'}>{r.check.ok ? '已满足' : `现有 ${r.check.actual} 名`}</span>
                    <div class="checks">
                      <For each={users('proctor')}>
                        {(u) => (
                          <label>
                            <input type="checkbox" name="user" value={u.id} checked={r.proctors.some((p) => p.userId === u.id)} disabled={!open()} />
                            {u.name}
                          </label>
                        )}
                      </For>
                      <Show when={open()}><button type="submit">保存</button></Show>
                    </div>
                  </form>
                )}
              </For>
            </Show>
            <h3>考评组</h3>
            <For each={practical()} fallback={<p class="muted">没有技能操作考核或综合评审场次。</p>}>
              {(s) => (
                <div class="staff-row">
                  <strong>{sittingName(s.id)}</strong>{' '}
                  <span class="muted">考生 {d().sittingCounts.find((x) => x.sittingId === s.id)?.candidates ?? 0} 人（按组平均分配）</span>
                  <For each={d().groups.filter((g) => g.sittingId === s.id)}>
                    {(g) => (
                      <div>
                        考评组“{g.name}”：组长 {g.leader?.name ?? '未设'}；成员 {g.examiners.map((e) => e.name).join('、')}；考生 {g.candidateCount} 人，至少 {g.check.required} 名{' '}
                        <span class={g.check.ok ? 'ok' : 'bad'}>{g.check.ok ? '已满足' : g.check.problems.join('；')}</span>
                        <Show when={open()}> <button class="link" onClick={() => removeGroup(s.id, g.name)}>撤销</button></Show>
                      </div>
                    )}
                  </For>
                  <Show when={open()}>
                    <form class="form-row" onSubmit={(e) => saveGroup(e, s.id)} aria-label="考评组">
                      <label>组名<input name="name" required value={`第${d().groups.filter((g) => g.sittingId === s.id).length + 1}组`} size="8" /></label>
                      <label>组长
                        <select name="leader"><For each={users('examiner')}>{(u) => <option value={u.id}>{u.name}</option>}</For></select>
                      </label>
                      <div class="checks">
                        <For each={users('examiner')}>{(u) => <label><input type="checkbox" name="user" value={u.id} />{u.name}</label>}</For>
                      </div>
                      <button type="submit">保存考评组</button>
                    </form>
                  </Show>
                </div>
              )}
            </For>
            <h3>内部质量督导员</h3>
            <form class="form-row" onSubmit={saveSupervisor} aria-label="质量督导员">
              <label>督导员
                <select name="supervisor" disabled={!open()}>
                  <For each={users('supervisor')}>{(u) => <option value={u.id} selected={d().supervisor?.userId === u.id}>{u.name}</option>}</For>
                </select>
              </label>
              <span class={d().supervisor ? 'ok' : 'bad'}>{d().supervisor ? `已安排：${d().supervisor!.name}` : '未安排'}</span>
              <Show when={open()}><button type="submit">保存</button></Show>
            </form>
          </>
        )}
      </Show>
      <Show when={!data() && !data.loading}><button onClick={() => refetch()}>重新加载</button></Show>
    </section>
  );
}
