import { LEVEL_NAMES as LEVEL_NAMES_SHARED } from '../../../../question-bank/vocabulary';
import { createResource, createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { A } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { act, canWrite, COMPONENT_NAMES, createNotice, type SheetRow, type SheetView } from './api';
import './scoring.css';

interface Occupation { id: number; code: string; name: string; workType: string | null; levels: number[]; licensing: boolean }
const LEVEL_NAMES: Record<number, string> = LEVEL_NAMES_SHARED;

interface Draft { id: number | null; occupationId: number; level: number; component: 'practical' | 'review'; taskId: string; title: string; rows: (SheetRow & { rulesText: string; pointsText: string })[] }

const blankRow = (n: number) => ({ id: String(n), content: '', keyPoints: [], maxMarks: 10, deductionRules: [], rulesText: '', pointsText: '' });
const rulesText = (r: SheetRow) => r.deductionRules.map((d) => `${d.text}|${d.points}`).join('\n');

/** 考核评分记录表: the office defines the practical / review sheet of each occupation × level × task. */
export function ScoringSheetsPage() {
  const [error, setError] = createSignal<unknown>(null);
  const [notice, show] = createNotice();
  const [occupations] = createResource(async () => (await http.get<{ occupations: Occupation[] }>('/api/occupations')).occupations.filter((o) => !o.licensing));
  const [sheets, { refetch }] = createResource(async () => (await http.get<{ sheets: SheetView[] }>('/api/scoring/sheets')).sheets);
  const [draft, setDraft] = createStore<Draft>({ id: null, occupationId: 0, level: 4, component: 'practical', taskId: '', title: '', rows: [blankRow(1)] });
  const [editing, setEditing] = createSignal(false);
  const total = () => Math.round(draft.rows.reduce((s, r) => s + (Number(r.maxMarks) || 0), 0) * 100) / 100;
  const occName = (id: number) => occupations()?.find((o) => o.id === id)?.name ?? '';

  const edit = (s: SheetView | null) => {
    setError(null);
    if (s) setDraft({ id: s.used ? null : s.id, occupationId: s.occupationId, level: s.level, component: s.component, taskId: s.used ? `${s.sheet.taskId}-2` : s.sheet.taskId, title: s.sheet.title, rows: s.sheet.rows.map((r) => ({ ...r, rulesText: rulesText(r), pointsText: r.keyPoints.join('；') })) });
    else setDraft({ id: null, occupationId: occupations()?.[0]?.id ?? 0, level: 4, component: 'practical', taskId: '', title: '', rows: [blankRow(1)] });
    setEditing(true);
  };
  const body = () => ({
    occupationId: Number(draft.occupationId),
    level: Number(draft.level),
    component: draft.component,
    taskId: draft.taskId,
    title: draft.title,
    rows: draft.rows.map((r) => ({
      id: r.id,
      content: r.content,
      keyPoints: r.pointsText.split(/[；;\n]/).map((x) => x.trim()).filter(Boolean),
      maxMarks: Number(r.maxMarks),
      deductionRules: r.rulesText.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
        const [text, points] = l.split('|');
        return { text: (text ?? '').trim(), points: Number(points) };
      }),
      ...(r.veto ? { veto: r.veto } : {}),
      ...(r.star ? { star: true } : {}),
    })),
  });
  const save = () =>
    act(
      () => (draft.id ? http.put(`/api/scoring/sheets/${draft.id}`, body()) : http.post('/api/scoring/sheets', body())),
      setError,
      async () => { show('评分记录表已保存'); setEditing(false); await refetch(); },
    );
  return (
    <section class="card">
      <p class="muted"><A href="/office/scoring">成绩与证书</A> › 评分记录表</p>
      <h1>考核评分记录表</h1>
      <ErrorBanner error={error() ?? sheets.error} onClose={() => setError(null)} />
      <Show when={notice()}><p class="notice">{notice()}</p></Show>
      <table class="grid small">
        <thead><tr><th>职业</th><th>等级</th><th>科目</th><th>试题</th><th>评分项</th><th>状态</th><th></th></tr></thead>
        <tbody>
          <For each={sheets()} fallback={<tr><td colspan="7" class="muted">尚未定义评分记录表</td></tr>}>
            {(s) => (
              <tr>
                <td>{occName(s.occupationId)}</td>
                <td>{LEVEL_NAMES[s.level]}</td>
                <td>{COMPONENT_NAMES[s.component]}</td>
                <td>{s.sheet.taskId} {s.sheet.title}</td>
                <td>{s.sheet.rows.map((r) => `${r.star ? '★' : ''}${r.content}（${r.maxMarks}）${r.veto ? '［否决项］' : ''}`).join('、')}</td>
                <td>{s.used ? '已使用（不可修改）' : '未使用'}</td>
                <td><Show when={canWrite()}><button onClick={() => edit(s)}>{s.used ? '复制为新表' : '修改'}</button></Show></td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={canWrite() && !editing()}><p><button class="primary" onClick={() => edit(null)}>新建评分记录表</button></p></Show>
      <Show when={editing()}>
        <h2>{draft.id ? '修改评分记录表' : '新建评分记录表'}</h2>
        <div class="form-row">
          <label>职业
            <select value={draft.occupationId} onChange={(e) => setDraft('occupationId', Number(e.currentTarget.value))}>
              <For each={occupations()}>{(o) => <option value={o.id}>{o.code} {o.name}{o.workType ? `（${o.workType}）` : ''}</option>}</For>
            </select>
          </label>
          <label>等级
            <select value={draft.level} onChange={(e) => setDraft('level', Number(e.currentTarget.value))}>
              <For each={[5, 4, 3, 2, 1]}>{(l) => <option value={l}>{LEVEL_NAMES[l]}</option>}</For>
            </select>
          </label>
          <label>科目
            <select value={draft.component} onChange={(e) => setDraft('component', e.currentTarget.value as Draft['component'])}>
              <option value="practical">技能操作考核</option><option value="review">综合评审（二级、一级）</option>
            </select>
          </label>
          <label>试题编号<input value={draft.taskId} onInput={(e) => setDraft('taskId', e.currentTarget.value)} /></label>
          <label>试题名称<input size="36" value={draft.title} onInput={(e) => setDraft('title', e.currentTarget.value)} /></label>
        </div>
        <table class="grid small sc-rows">
          <thead><tr><th>编号</th><th>考核内容</th><th>考核要点（用；分隔）</th><th>配分</th><th>扣分标准（每行：内容|扣分）</th><th>否决项</th><th>★</th><th></th></tr></thead>
          <tbody>
            <For each={draft.rows}>
              {(r, i) => (
                <tr>
                  <td><input size="3" value={r.id} onInput={(e) => setDraft('rows', i(), 'id', e.currentTarget.value)} /></td>
                  <td><input value={r.content} onInput={(e) => setDraft('rows', i(), 'content', e.currentTarget.value)} /></td>
                  <td><textarea value={r.pointsText} onInput={(e) => setDraft('rows', i(), 'pointsText', e.currentTarget.value)} /></td>
                  <td><input type="number" min="0" step="0.5" value={r.maxMarks} onInput={(e) => setDraft('rows', i(), 'maxMarks', Number(e.currentTarget.value))} /></td>
                  <td><textarea value={r.rulesText} onInput={(e) => setDraft('rows', i(), 'rulesText', e.currentTarget.value)} placeholder="未戴绝缘手套|5" /></td>
                  <td>
                    <select value={r.veto ?? ''} onChange={(e) => setDraft('rows', i(), 'veto', (e.currentTarget.value || undefined) as SheetRow['veto'])}>
                      <option value="">无</option><option value="row">本项记零分</option><option value="whole">整个考核记零分</option>
                    </select>
                  </td>
                  <td><input type="checkbox" checked={!!r.star} onChange={(e) => setDraft('rows', i(), 'star', e.currentTarget.checked)} /></td>
                  <td><button onClick={() => setDraft('rows', (rows) => rows.filter((_, k) => k !== i()))}>删除</button></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <p>
          <button onClick={() => setDraft('rows', (rows) => [...rows, blankRow(rows.length + 1)])}>添加评分项</button>
          {' '}<span class="sc-total" classList={{ bad: total() !== 100, ok: total() === 100 }}>配分合计 {total()}（应为 100）</span>
        </p>
        <p>
          <button class="primary" onClick={() => void save()}>保存</button>{' '}
          <button onClick={() => setEditing(false)}>取消</button>
        </p>
      </Show>
    </section>
  );
}
