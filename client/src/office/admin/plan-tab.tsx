import { createResource, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import {
  canEdit,
  COMPONENT_LABELS,
  LEVEL_LABELS,
  LEVEL_SHORT,
  occupationLabel,
  useAction,
  type BatchView,
  type Component,
  type Occupation,
  type PaperSet,
  type ScopeEntry,
  type Sitting,
} from './api';

const LEVELS = [5, 4, 3, 2, 1];

/** Chinese names of the bank's paper states (server/db/schema.ts PaperStatus). */
const PAPER_STATUS_LABELS: Record<string, string> = { built: '已组卷', approved: '已审核', released: '已发放', used: '已使用', archived: '已归档' };

/**
 * The paper released to one occupation × level of a theory sitting, read-only: papers reach a sitting only
 * through the bank's 发放到场次 (second-user approval, 台账, exposure count), on the paper set's page. Links to
 * the paper and its set; without a released paper, a link to the bank where it is released (the newest set of
 * this occupation × level with an approved form, else the newest set, else the build page).
 */
function ReleasedPaper(props: { entry: Sitting['entries'][number]; paperSets: PaperSet[]; label: string; scheduled: boolean }) {
  const set = () => props.paperSets.find((p) => p.id === props.entry.paperSetId);
  const form = () => set()?.forms.find((f) => f.id === props.entry.paperId);
  // Where to release: the newest set with a form that can still be released, else the newest set at all.
  const target = () => {
    const sets = props.paperSets.filter((p) => p.occupationId === props.entry.occupationId && p.level === props.entry.level).sort((a, b) => b.id - a.id);
    return sets.find((p) => p.forms.some((f) => f.status === 'approved' || f.status === 'released')) ?? sets[0];
  };
  const bankLink = () => {
    const n = target();
    return n ? `/office/bank/paper-sets/${n.id}` : `/office/bank/build?occupationId=${props.entry.occupationId}&level=${props.entry.level}`;
  };
  return (
    <span class="released-paper" aria-label={`${props.label}试卷`}>
      <Show
        when={props.entry.paperId !== null}
        fallback={
          <>
            <span class="muted">未发放试卷</span>
            <Show when={props.entry.paperSetId !== null}>
              {' '}<A href={`/office/bank/paper-sets/${props.entry.paperSetId}`}>试卷组 #{props.entry.paperSetId}</A>
            </Show>
            <Show when={props.scheduled}>{' '}<A href={bankLink()}>去题库发放试卷</A></Show>
          </>
        }
      >
        <A href={`/office/bank/papers/${props.entry.paperId}`}>{form() ? `${form()!.form} 卷` : `试卷 #${props.entry.paperId}`}</A>
        {' '}
        <A href={`/office/bank/paper-sets/${props.entry.paperSetId}`}>试卷组 #{props.entry.paperSetId}</A>
        <Show when={form()}>{(f) => <span class="tag">{PAPER_STATUS_LABELS[f().status] ?? f().status}</span>}</Show>
      </Show>
    </span>
  );
}

/** 认定计划: occupations × levels (checked against 准入/scope/level policy by the server), sittings and papers, filing. */
export function PlanTab(props: { view: BatchView; reload: () => Promise<void> }) {
  const act = useAction();
  const [scope] = createResource(async () => (await http.get<{ scope: ScopeEntry[] }>('/api/organization')).scope);
  const [catalogue] = createResource(async () => (await http.get<{ occupations: Occupation[] }>('/api/occupations')).occupations);
  const draft = () => props.view.batch.status === 'draft';
  const editable = () => canEdit() && draft();
  const planned = (occupationId: number, level: number) => props.view.entries.some((e) => e.occupationId === occupationId && e.level === level);
  const [picked, setPicked] = createSignal<Set<string> | null>(null);
  const selection = () => picked() ?? new Set(props.view.entries.map((e) => `${e.occupationId}/${e.level}`));
  const toggle = (key: string, on: boolean) => {
    const s = new Set(selection());
    if (on) s.add(key);
    else s.delete(key);
    setPicked(s);
  };
  const rows = () => {
    const list: { occupationId: number; name: string; workType: string | null; levels: number[] }[] = (scope() ?? []).map((s) => ({ occupationId: s.occupationId, name: s.name, workType: s.workType, levels: s.levels }));
    // Entries planned outside the current scope still show, so they can be removed.
    for (const e of props.view.entries) if (!list.some((r) => r.occupationId === e.occupationId)) list.push({ occupationId: e.occupationId, name: e.name, workType: e.workType, levels: [e.level] });
    return list;
  };
  const saveEntries = async (extra: { occupationId: number; level: number }[] = []) => {
    const entries = [...selection()].map((k) => ({ occupationId: Number(k.split('/')[0]), level: Number(k.split('/')[1]) }));
    for (const x of extra) if (!entries.some((e) => e.occupationId === x.occupationId && e.level === x.level)) entries.push(x);
    const r = await act.run(() => http.put('/api/batches/' + props.view.batch.id + '/entries', { entries }), '认定职业和等级已保存');
    if (r) {
      setPicked(null);
      await props.reload();
    }
  };
  const addOther = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    await saveEntries([{ occupationId: Number(f.get('occupationId')), level: Number(f.get('level')) }]);
  };

  return (
    <>
      <section class="card">
        <h2>认定职业（工种）和等级</h2>
        <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
        <Show when={act.notice()}><p class="notice">{act.notice()}</p></Show>
        <table class="grid matrix" aria-label="认定职业和等级">
          <thead>
            <tr><th>职业（工种）</th><For each={LEVELS}>{(l) => <th>{LEVEL_SHORT[l]}</th>}</For><th>考生</th></tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(r) => (
                <tr>
                  <td>{occupationLabel(r)}</td>
                  <For each={LEVELS}>
                    {(l) => (
                      <td>
                        <Show when={r.levels.includes(l) || planned(r.occupationId, l)} fallback={<span class="muted">—</span>}>
                          <input
                            type="checkbox"
                            aria-label={`${occupationLabel(r)} ${LEVEL_LABELS[l]}`}
                            checked={selection().has(`${r.occupationId}/${l}`)}
                            disabled={!editable()}
                            onChange={(e) => toggle(`${r.occupationId}/${l}`, e.currentTarget.checked)}
                          />
                        </Show>
                      </td>
                    )}
                  </For>
                  <td>{props.view.entries.filter((e) => e.occupationId === r.occupationId).reduce((s, e) => s + e.candidates, 0)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <p class="muted">
          理论知识考试和技能操作考核适用于所有等级；二级/技师、一级/高级技师另加综合评审。准入类职业、备案范围外的职业和机构类型不允许的等级会被拒绝并说明原因。
        </p>
        <Show when={editable()}>
          <div class="form-row">
            <button class="primary" disabled={act.busy()} onClick={() => saveEntries()}>保存认定职业和等级</button>
          </div>
          <form class="form-row" onSubmit={addOther}>
            <label>其他职业
              <select name="occupationId">
                <For each={catalogue()}>{(o) => <option value={o.id}>{o.code} {occupationLabel(o)}{o.licensing ? '（准入类）' : ''}</option>}</For>
              </select>
            </label>
            <label>等级
              <select name="level"><For each={LEVELS}>{(l) => <option value={l}>{LEVEL_LABELS[l]}</option>}</For></select>
            </label>
            <button type="submit" disabled={act.busy()}>加入计划</button>
          </form>
        </Show>
        <Show when={!draft()}>
          {/* statusLabel already reads 已备案/已结束 for some states; prefixing 已 doubled it (批次已已结束). */}
          <p class="muted">
            批次{props.view.batch.statusLabel.startsWith('已') ? props.view.batch.statusLabel : `当前${props.view.batch.statusLabel}`}，认定计划已固定
            {/* Withdrawal is possible only while filed and before tickets are issued (same rule as the 撤回备案 button). */}
            {props.view.batch.status === 'filed' && !props.view.batch.ticketsIssuedOn ? '；如需修改请先撤回备案。' : '。'}
          </p>
        </Show>
      </section>
      <SittingsSection view={props.view} reload={props.reload} />
      <FilingSection view={props.view} reload={props.reload} />
    </>
  );
}

function SittingsSection(props: { view: BatchView; reload: () => Promise<void> }) {
  const act = useAction();
  const editable = () => canEdit() && props.view.batch.status === 'draft';
  const [component, setComponent] = createSignal<Component>('theory');
  const entryName = (occupationId: number, level: number) => {
    const e = props.view.entries.find((x) => x.occupationId === occupationId && x.level === level);
    return e ? `${occupationLabel(e)}${LEVEL_SHORT[level]}` : `${occupationId}/${level}`;
  };
  const candidatesFor = () => props.view.entries.filter((e) => e.components.includes(component()));
  const taken = (occupationId: number, level: number) =>
    props.view.sittings.some((s) => s.component === component() && s.entries.some((x) => x.occupationId === occupationId && x.level === level));
  const add = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const entries = f.getAll('entry').map((k) => ({ occupationId: Number(String(k).split('/')[0]), level: Number(String(k).split('/')[1]) }));
    const r = await act.run(
      () => http.post(`/api/batches/${props.view.batch.id}/sittings`, {
        component: component(), date: f.get('date'), startTime: f.get('startTime'), durationMin: Number(f.get('durationMin')), venue: f.get('venue'), entries,
      }),
      '场次已添加',
    );
    if (r) await props.reload();
  };
  const remove = async (s: Sitting) => {
    if (!confirm(`删除 ${s.date} ${s.startTime} 的${s.componentLabel}场次？`)) return;
    if (await act.run(() => http.del(`/api/batches/${props.view.batch.id}/sittings/${s.id}`), '场次已删除')) await props.reload();
  };
  return (
    <section class="card">
      <h2>场次安排</h2>
      <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
      <Show when={act.notice()}><p class="notice">{act.notice()}</p></Show>
      <table class="grid small">
        <thead>
          <tr><th>科目</th><th>日期</th><th>时间</th><th>评价场所</th><th>参考的职业等级与试卷</th><th>状态</th><Show when={editable()}><th>操作</th></Show></tr>
        </thead>
        <tbody>
          <For each={props.view.sittings} fallback={<tr><td colspan="7" class="muted">还没有场次</td></tr>}>
            {(s) => (
              <tr>
                <td>{s.componentLabel}</td>
                <td>{s.date}</td>
                <td>{s.startTime}–{s.endTime}（{s.durationMin}分钟）</td>
                <td>{s.venue}</td>
                <td>
                  <For each={s.entries}>
                    {(x) => (
                      <div>
                        {entryName(x.occupationId, x.level)}
                        <Show when={s.component === 'theory'}>
                          {'：'}
                          <ReleasedPaper entry={x} paperSets={props.view.paperSets} label={entryName(x.occupationId, x.level)} scheduled={s.status === 'scheduled'} />
                        </Show>
                      </div>
                    )}
                  </For>
                </td>
                <td>{s.status === 'scheduled' ? '未开考' : s.status === 'open' ? '考试中' : '已结束'}</td>
                <Show when={editable()}><td><button onClick={() => remove(s)}>删除</button></td></Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={editable()}>
        <h3>添加场次</h3>
        <form class="stack" onSubmit={add} aria-label="添加场次">
          <div class="form-row">
            <label>考核科目
              <select name="component" value={component()} onChange={(e) => setComponent(e.currentTarget.value as Component)}>
                <For each={Object.entries(COMPONENT_LABELS)}>{([k, v]) => <option value={k}>{v}</option>}</For>
              </select>
            </label>
            <label>日期<input name="date" type="date" required /></label>
            <label>开始时间<input name="startTime" type="time" value={component() === 'theory' ? '09:00' : '14:00'} required /></label>
            <label>时长（分钟）<input name="durationMin" type="number" min="10" max="600" value={component() === 'theory' ? 90 : 120} required /></label>
            <label>评价场所（考点）<input name="venue" required size="24" /></label>
          </div>
          <div class="checks" role="group" aria-label="参加本场次的职业等级">
            <For each={candidatesFor()} fallback={<span class="muted">先在上方选择认定职业和等级</span>}>
              {(e) => (
                <label>
                  <input type="checkbox" name="entry" value={`${e.occupationId}/${e.level}`} checked={!taken(e.occupationId, e.level)} disabled={taken(e.occupationId, e.level)} />
                  {occupationLabel(e)}{LEVEL_SHORT[e.level]}{taken(e.occupationId, e.level) ? '（已安排）' : ''}
                </label>
              )}
            </For>
          </div>
          <div><button type="submit" class="primary" disabled={act.busy()}>添加场次</button></div>
        </form>
      </Show>
    </section>
  );
}

function FilingSection(props: { view: BatchView; reload: () => Promise<void> }) {
  const act = useAction();
  const file = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    const r = await act.run(
      () => http.post<{ warning: string | null }>(`/api/batches/${props.view.batch.id}/file`, { filedOn: f.get('filedOn') || undefined, filingNumber: f.get('filingNumber') || undefined }),
      (x) => (x.warning ? `已备案。注意：${x.warning}` : '认定计划已备案'),
    );
    if (r) await props.reload();
  };
  const withdraw = async () => {
    if (await act.run(() => http.post(`/api/batches/${props.view.batch.id}/withdraw-filing`), '已撤回备案，可以修改认定计划')) await props.reload();
  };
  return (
    <section class="card">
      <h2>计划备案</h2>
      <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
      <Show when={act.notice()}><p class={act.notice().includes('注意') ? 'notice warn' : 'notice'}>{act.notice()}</p></Show>
      <p class="print-links">
        <a href={`/api/batches/${props.view.batch.id}/plan.xlsx`} download="" rel="external">下载认定计划（xlsx）</a>
      </p>
      <Show when={canEdit() && props.view.batch.status === 'draft'}>
        <form class="form-row" onSubmit={file}>
          <label>备案日期<input name="filedOn" type="date" value={props.view.today} /></label>
          <label>备案编号（可选）<input name="filingNumber" /></label>
          <button type="submit" class="primary" disabled={act.busy()}>备案认定计划</button>
        </form>
      </Show>
      <Show when={canEdit() && props.view.batch.status === 'filed' && !props.view.batch.ticketsIssuedOn}>
        <button onClick={withdraw} disabled={act.busy()}>撤回备案</button>
      </Show>
    </section>
  );
}
