import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { A } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { act, canWrite, createNotice, fmt } from './api';
import './scoring.css';

interface Change { attemptId: string; candidateName: string; batchName: string; oldTotal: number; newTotal: number; delta: number; items: { itemKey: string; oldMark: number; newMark: number }[] }
interface Preview { changed: Change[]; unchangedCount: number; fingerprint: string; locked: { batchName: string }[]; oldKeys: Record<string, string[]> }
interface Line { itemId: string; version: number; key: string; reason: string }

/** 答案更正: correct a key, see exactly which attempts change (dry run), then confirm. */
export function RegradePage() {
  const [error, setError] = createSignal<unknown>(null);
  const [notice, show] = createNotice();
  const [lines, setLines] = createStore<Line[]>([{ itemId: '', version: 1, key: '', reason: '' }]);
  const [preview, setPreview] = createSignal<Preview | null>(null);
  const corrections = () =>
    lines.filter((l) => l.itemId.trim()).map((l) => ({ itemId: l.itemId.trim(), version: Number(l.version), key: l.key.toUpperCase().split(/[,，\s]+/).filter(Boolean), ...(l.reason ? { reason: l.reason } : {}) }));
  const run = () => act(async () => setPreview(await http.post<Preview>('/api/scoring/regrade/preview', { corrections: corrections() })), setError);
  const apply = () =>
    act(
      () => http.post('/api/scoring/regrade/apply', { corrections: corrections(), expect: preview()!.fingerprint }),
      setError,
      () => { show(`已更正答案并重新评分：${preview()!.changed.length} 份答卷的成绩有变化`); setPreview(null); },
    );
  return (
    <section class="card">
      <p class="muted"><A href="/office/scoring">成绩与证书</A> › 答案更正</p>
      <h1>答案更正与重新评分</h1>
      <p class="muted">先预览：系统按更正后的答案重放全部已存作答，只列出成绩有变化的答卷；确认后才写入（记入审计日志）。已结束公示的批次不受理。</p>
      <ErrorBanner error={error()} onClose={() => setError(null)} />
      <Show when={notice()}><p class="notice">{notice()}</p></Show>
      <table class="grid small">
        <thead><tr><th>试题编号</th><th>版本</th><th>更正后的答案（如 A 或 A,B）</th><th>更正原因</th><th></th></tr></thead>
        <tbody>
          <For each={lines}>
            {(l, i) => (
              <tr>
                <td><input value={l.itemId} onInput={(e) => { setLines(i(), 'itemId', e.currentTarget.value); setPreview(null); }} /></td>
                <td><input type="number" min="1" style={{ width: '4rem' }} value={l.version} onInput={(e) => { setLines(i(), 'version', Number(e.currentTarget.value)); setPreview(null); }} /></td>
                <td><input value={l.key} onInput={(e) => { setLines(i(), 'key', e.currentTarget.value); setPreview(null); }} /></td>
                <td><input value={l.reason} onInput={(e) => setLines(i(), 'reason', e.currentTarget.value)} /></td>
                <td><button onClick={() => setLines((ls) => ls.filter((_, k) => k !== i()))}>删除</button></td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <p>
        <button onClick={() => setLines((ls) => [...ls, { itemId: '', version: 1, key: '', reason: '' }])}>再更正一题</button>{' '}
        <button class="primary" disabled={!canWrite()} onClick={() => void run()}>预览重新评分</button>
      </p>
      <Show when={preview()}>
        {(p) => (
          <>
            <h2>预览：{p().changed.length} 份答卷成绩变化，{p().unchangedCount} 份不变</h2>
            <p class="muted">原答案：{Object.entries(p().oldKeys).map(([k, v]) => `${k} = ${v.join('')}`).join('；')}</p>
            <Show when={p().locked.length > 0}><p class="bad">以下批次公示已结束，不能更正：{p().locked.map((l) => l.batchName).join('、')}</p></Show>
            <table class="grid small">
              <thead><tr><th>批次</th><th>考生</th><th>原成绩</th><th>新成绩</th><th>变化</th><th>涉及试题</th></tr></thead>
              <tbody>
                <For each={p().changed}>
                  {(c) => (
                    <tr>
                      <td>{c.batchName}</td><td>{c.candidateName}</td><td>{fmt(c.oldTotal)}</td><td>{fmt(c.newTotal)}</td>
                      <td classList={{ ok: c.delta > 0, bad: c.delta < 0 }}>{c.delta > 0 ? '+' : ''}{fmt(c.delta)}</td>
                      <td>{c.items.map((it) => `${it.itemKey}：${fmt(it.oldMark)}→${fmt(it.newMark)}`).join('；')}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <p><button class="primary" disabled={p().locked.length > 0 || !canWrite()} onClick={() => void apply()}>确认更正并重新评分</button></p>
          </>
        )}
      </Show>
    </section>
  );
}
