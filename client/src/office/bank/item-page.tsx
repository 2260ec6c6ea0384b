import { createEffect, createResource, createSignal, For, Index, Match, Show, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, fixed, keyText, LEVEL_NAMES, STATUS_NAMES, TYPE_NAMES, useAction, when, type ItemStatus, type ItemType, type PublicBlueprint, type PublicItem } from './api';
import './bank.css';

interface ItemForm {
  type: ItemType;
  stem: string;
  options: { label: string; text: string; fraction?: number }[];
  key: string[];
  reference: string;
  pointCode: string;
  difficulty: number;
  discrimination: number;
  enemyGroup: string;
  status: ItemStatus;
}

const LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

const blank = (): ItemForm => ({
  type: 'single',
  stem: '',
  options: ['A', 'B', 'C', 'D'].map((label) => ({ label, text: '' })),
  key: [],
  reference: '',
  pointCode: '',
  difficulty: 0.65,
  discrimination: 0.3,
  enemyGroup: '',
  status: 'active',
});

function fromItem(it: PublicItem): ItemForm {
  return {
    type: it.type,
    stem: it.stem,
    options: it.type === 'judge' ? [] : it.options.map((o) => ({ ...o })),
    key: [...it.key],
    reference: it.reference ?? '',
    pointCode: it.pointCode,
    difficulty: it.difficulty,
    discrimination: it.discrimination,
    enemyGroup: it.enemyGroup ?? '',
    status: it.status,
  };
}

/** 试题: view and edit one item (a new version when it is used in a paper), its versions and statistics; or a new item. */
export function ItemPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const isNew = () => params.id === 'new';
  const [data, { refetch }] = createResource(
    () => (isNew() ? null : params.id),
    async (id) => http.get<{ item: PublicItem; versions: PublicItem[] }>(`/api/bank/items/${id}`),
  );
  const scope = () =>
    isNew()
      ? { occupationId: Number(search.occupationId), level: Number(search.level) }
      : { occupationId: data()?.item.occupationId ?? 0, level: data()?.item.level ?? 0 };
  const [blueprint] = createResource(
    () => (scope().occupationId ? scope() : null),
    async (s) => (await http.get<{ blueprints: PublicBlueprint[] }>(`/api/bank/blueprints?occupationId=${s.occupationId}&level=${s.level}&component=theory`)).blueprints[0] ?? null,
  );
  const points = () => {
    const out: { code: string; name: string }[] = [];
    const walk = (nodes: PublicBlueprint['ranges'], prefix: string) => {
      for (const n of nodes) {
        const code = prefix ? `${prefix}-${n.code}` : n.code;
        if (n.children?.length) walk(n.children, code);
        else out.push({ code, name: n.name });
      }
    };
    walk(blueprint()?.ranges ?? [], '');
    return out;
  };

  const [form, setForm] = createStore<ItemForm>(blank());
  createEffect(() => {
    const it = data()?.item;
    if (it) setForm(fromItem(it));
  });
  const act = useAction();
  const [saved, setSaved] = createSignal('');

  const setType = (type: ItemType) => {
    setForm('type', type);
    setForm('key', []);
    if ((type === 'single' || type === 'multi') && form.options.length < 2) setForm('options', ['A', 'B', 'C', 'D'].map((label) => ({ label, text: '' })));
  };
  const toggleKey = (label: string) => {
    if (form.type === 'multi') setForm('key', form.key.includes(label) ? form.key.filter((k) => k !== label) : [...form.key, label].sort());
    else setForm('key', [label]);
  };
  const body = () => ({
    type: form.type,
    stem: form.stem,
    options: form.type === 'single' || form.type === 'multi' ? form.options : [],
    key: form.type === 'subjective' ? [] : form.key,
    reference: form.type === 'subjective' ? form.reference : null,
    pointCode: form.pointCode,
    difficulty: Number(form.difficulty),
    discrimination: Number(form.discrimination),
    enemyGroup: form.enemyGroup.trim() || null,
    status: form.status,
  });
  const save = async (ev: SubmitEvent) => {
    ev.preventDefault();
    setSaved('');
    if (isNew()) {
      const r = await act.run(() => http.post<{ item: PublicItem }>('/api/bank/items', { ...body(), ...scope() }));
      if (r) navigate(`/office/bank/items/${r.item.id}`, { replace: true });
      return;
    }
    const r = await act.run(() => http.put<{ item: PublicItem; newVersion: boolean }>(`/api/bank/items/${params.id}`, body()));
    if (!r) return;
    if (r.newVersion) {
      setSaved(`此题已用于试卷，已生成第 ${r.item.version} 版；试卷中仍是原版本。`);
      navigate(`/office/bank/items/${r.item.id}`, { replace: true });
    } else {
      setSaved('已保存');
      await refetch();
    }
  };
  const setStatus = async (status: ItemStatus) => {
    const r = await act.run(() => http.post<{ item: PublicItem }>(`/api/bank/items/${params.id}/status`, { status }), `已${STATUS_NAMES[status]}`);
    if (r) await refetch();
  };
  const item = () => data()?.item;
  const readOnly = () => !canEdit() || (item() !== undefined && !item()!.isLatest);

  return (
    <section class="card item-page">
      <p><A href={`/office/bank?occupationId=${scope().occupationId}&level=${scope().level}`}>← 返回题库</A></p>
      <h1>{isNew() ? '新建试题' : `试题 ${item()?.uid ?? ''}`}{item() ? <span class="muted"> 第 {item()!.version} 版</span> : ''}</h1>
      <p class="muted">{LEVEL_NAMES[scope().level] ?? ''}{blueprint() ? ` · ${blueprint()!.name}` : ''}</p>
      <ErrorBanner error={act.error() ?? data.error} onClose={() => act.setError(null)} />
      <Show when={saved() || act.notice()}><p class="notice">{saved() || act.notice()}</p></Show>
      <Show when={item()}>
        {(it) => (
          <>
            <div class="stats-strip">
              <span>难度 p <b>{fixed(it().difficulty, 3)}</b></span>
              <span>区分度 <b>{fixed(it().discrimination, 3)}</b></span>
              <span>统计人数 <b>{it().statsN}</b>{it().statsN === 0 ? '（估计值）' : ''}</span>
              <span>曝光次数 <b>{it().exposure}</b></span>
              <span>状态 <b>{STATUS_NAMES[it().status]}</b></span>
            </div>
            <Show when={it().locked && it().isLatest}>
              <p class="warn">此题已用于试卷：修改内容将生成新版本，已组好的试卷仍使用当前版本。</p>
            </Show>
            <Show when={!it().isLatest}>
              <p class="warn">这是旧版本（已被新版本取代），只能查看。</p>
            </Show>
          </>
        )}
      </Show>
      <form class="stack item-form" onSubmit={save}>
        <div class="form-row">
          <label>
            题型
            <select aria-label="题型" disabled={readOnly()} value={form.type} onChange={(e) => setType(e.currentTarget.value as ItemType)}>
              <For each={Object.entries(TYPE_NAMES)}>{([k, v]) => <option value={k} selected={k === form.type}>{v}</option>}</For>
            </select>
          </label>
          <label>
            鉴定点
            <input aria-label="鉴定点" list="point-codes" disabled={readOnly()} value={form.pointCode} onInput={(e) => setForm('pointCode', e.currentTarget.value)} placeholder="如 A-B-001" />
            <datalist id="point-codes"><For each={points()}>{(p) => <option value={p.code}>{p.name}</option>}</For></datalist>
          </label>
          <label>
            状态
            <select aria-label="试题状态" disabled={readOnly()} onChange={(e) => setForm('status', e.currentTarget.value as ItemStatus)}>
              <For each={Object.entries(STATUS_NAMES)}>{([k, v]) => <option value={k} selected={k === form.status}>{v}</option>}</For>
            </select>
          </label>
        </div>
        <label>
          题干
          <textarea aria-label="题干" rows="3" disabled={readOnly()} value={form.stem} onInput={(e) => setForm('stem', e.currentTarget.value)} />
        </label>
        <Switch>
          <Match when={form.type === 'judge'}>
            <fieldset>
              <legend>答案</legend>
              <label class="inline"><input type="radio" name="judge" disabled={readOnly()} checked={form.key[0] === 'T'} onChange={() => setForm('key', ['T'])} /> 正确（√）</label>
              <label class="inline"><input type="radio" name="judge" disabled={readOnly()} checked={form.key[0] === 'F'} onChange={() => setForm('key', ['F'])} /> 错误（×）</label>
            </fieldset>
          </Match>
          <Match when={form.type === 'single' || form.type === 'multi'}>
            <fieldset>
              <legend>选项（勾选正确答案{form.type === 'multi' ? '，可多选' : ''}）</legend>
              <Index each={form.options}>
                {(o, i) => (
                  <div class="option-row">
                    <input
                      type={form.type === 'multi' ? 'checkbox' : 'radio'}
                      name="key"
                      aria-label={`选项${o().label}为答案`}
                      disabled={readOnly()}
                      checked={form.key.includes(o().label)}
                      onChange={() => toggleKey(o().label)}
                    />
                    <b>{o().label}</b>
                    <input aria-label={`选项${o().label}`} disabled={readOnly()} value={o().text} onInput={(e) => setForm('options', i, 'text', e.currentTarget.value)} />
                    <Show when={!readOnly() && form.options.length > 2 && i === form.options.length - 1}>
                      <button type="button" onClick={() => { setForm('key', form.key.filter((k) => k !== o().label)); setForm('options', form.options.slice(0, -1)); }}>删除</button>
                    </Show>
                  </div>
                )}
              </Index>
              <Show when={!readOnly() && form.options.length < LABELS.length}>
                <button type="button" onClick={() => setForm('options', [...form.options, { label: LABELS[form.options.length]!, text: '' }])}>增加选项</button>
              </Show>
            </fieldset>
          </Match>
          <Match when={form.type === 'subjective'}>
            <label>
              参考答案（评分依据）
              <textarea aria-label="参考答案" rows="4" disabled={readOnly()} value={form.reference} onInput={(e) => setForm('reference', e.currentTarget.value)} />
            </label>
          </Match>
        </Switch>
        <div class="form-row">
          <label>难度（答对率 p）<input aria-label="难度" type="number" step="0.01" min="0.01" max="1" disabled={readOnly()} value={form.difficulty} onInput={(e) => setForm('difficulty', Number(e.currentTarget.value))} /></label>
          <label>区分度<input aria-label="区分度" type="number" step="0.01" min="-1" max="1" disabled={readOnly()} value={form.discrimination} onInput={(e) => setForm('discrimination', Number(e.currentTarget.value))} /></label>
          <label>互斥组<input aria-label="互斥组" disabled={readOnly()} value={form.enemyGroup} onInput={(e) => setForm('enemyGroup', e.currentTarget.value)} placeholder="可不填" /></label>
        </div>
        <Show when={!readOnly()}>
          <div class="form-row">
            <button type="submit" class="primary" disabled={act.busy()}>{isNew() ? '创建' : '保存'}</button>
            <Show when={item()}>
              {(it) => (
                <Show when={it().status === 'retired'} fallback={<button type="button" onClick={() => setStatus('retired')}>停用</button>}>
                  <button type="button" onClick={() => setStatus('active')}>重新启用</button>
                </Show>
              )}
            </Show>
          </div>
        </Show>
      </form>
      <Show when={(data()?.versions.length ?? 0) > 0}>
        <h2>版本</h2>
        <table class="grid small">
          <thead><tr><th>版本</th><th>创建时间</th><th>题干</th><th>答案</th><th>p</th><th>统计人数</th><th>已入卷</th></tr></thead>
          <tbody>
            <For each={data()!.versions}>
              {(v) => (
                <tr classList={{ current: v.id === item()?.id }}>
                  <td><A href={`/office/bank/items/${v.id}`}>第 {v.version} 版</A>{v.isLatest ? '（最新）' : ''}</td>
                  <td>{when(v.createdAt)}</td>
                  <td class="stem">{v.stem}</td>
                  <td>{keyText(v.type, v.key)}</td>
                  <td>{fixed(v.difficulty, 2)}</td>
                  <td>{v.statsN}</td>
                  <td>{v.locked ? '是' : '否'}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
