import { createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { ApiError, http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { TYPE_NAMES, useAction, useOccupations, useScope, type ImportPreview, type ItemType } from './api';
import { ScopePicker } from './scope-picker';
import './bank.css';

interface RowError {
  row: number;
  column: string;
  problem: string;
}

/**
 * 导入试题: choose a file (Excel, CSV, JSON, Moodle XML, GIFT, QTI 3.0), preview what would be written or every
 * row error, then confirm — all items or none are written.
 */
export function ImportPage() {
  const occupations = useOccupations();
  const scope = useScope(occupations);
  const [file, setFile] = createSignal<File | null>(null);
  const [preview, setPreview] = createSignal<ImportPreview | null>(null);
  const [rowErrors, setRowErrors] = createSignal<RowError[]>([]);
  const [done, setDone] = createSignal<{ imported: number; formatName: string } | null>(null);
  const act = useAction();

  const form = () => {
    const f = new FormData();
    f.set('occupationId', String(scope.occupationId()));
    f.set('level', String(scope.level()));
    f.set('file', file()!);
    return f;
  };
  const reset = () => {
    setPreview(null);
    setRowErrors([]);
    setDone(null);
    act.setError(null);
  };
  const runPreview = async () => {
    reset();
    if (!file()) return;
    try {
      const r = await http.upload<{ preview: ImportPreview }>('/api/bank/import/preview', form());
      setPreview(r.preview);
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details.errors)) setRowErrors(e.details.errors as RowError[]);
      act.setError(e instanceof ApiError && Array.isArray(e.details.errors) ? new Error(e.message) : e);
    }
  };
  const confirm = async () => {
    const r = await act.run(() => http.upload<{ imported: number; formatName: string }>('/api/bank/import', form()));
    if (r) {
      setDone(r);
      setPreview(null);
    }
  };

  return (
    <section class="card">
      <p><A href={`/office/bank?${scope.query()}`}>← 返回题库</A></p>
      <h1>导入试题</h1>
      <p class="muted">
        支持 Excel（.xlsx，请使用<a href="/api/bank/import/template" download="" rel="external">试题导入模板</a>）、CSV（UTF-8）、JSON、Moodle XML、GIFT 和 QTI 3.0（单题 .xml 或题目包 .zip）。
        先预览核对，确认后一次性写入；任何一行有错都不会写入。
      </p>
      <ScopePicker occupations={occupations()} occupationId={scope.occupationId()} level={scope.level()} onChange={(o, l) => { scope.set(o, l); reset(); }} />
      <div class="form-row">
        <label>
          试题文件
          <input
            aria-label="试题文件"
            type="file"
            accept=".xlsx,.csv,.json,.xml,.gift,.txt,.zip"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              reset();
            }}
          />
        </label>
        <button class="primary" disabled={!file() || act.busy()} onClick={runPreview}>预览</button>
      </div>
      <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
      <Show when={rowErrors().length > 0}>
        <h2>错误明细（共 {rowErrors().length} 处，未写入任何试题）</h2>
        <div class="row-errors">
          <table class="grid small import-errors">
            <thead><tr><th>行</th><th>列</th><th>问题</th></tr></thead>
            <tbody>
              <For each={rowErrors()}>{(e) => <tr><td>{e.row}</td><td>{e.column}</td><td>{e.problem}</td></tr>}</For>
            </tbody>
          </table>
        </div>
      </Show>
      <Show when={preview()}>
        {(p) => (
          <div class="import-preview">
            <h2>预览：{p().filename}（{p().format}），共 {p().total} 题</h2>
            <p>
              <For each={Object.entries(p().byType).filter(([, n]) => n > 0)}>{([t, n]) => <span class="tag">{TYPE_NAMES[t as ItemType]} {n} 题</span>}</For>
            </p>
            <For each={p().warnings}>{(w) => <p class="warn">{w}</p>}</For>
            <h3>按鉴定点</h3>
            <table class="grid small">
              <thead><tr><th>鉴定点</th><th>题数</th><th>细目表中</th></tr></thead>
              <tbody>
                <For each={p().byPoint}>
                  {(b) => (
                    <tr>
                      <td>{b.pointCode}</td>
                      <td>{b.count}</td>
                      <td>{b.inBlueprint === null ? '—' : b.inBlueprint ? <span class="ok">是</span> : <span class="bad">否</span>}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <h3>前 {p().sample.length} 题</h3>
            <table class="grid small">
              <thead><tr><th>题型</th><th>鉴定点</th><th>题干</th><th>选项</th><th>答案</th><th>难度</th></tr></thead>
              <tbody>
                <For each={p().sample}>
                  {(d) => (
                    <tr>
                      <td>{TYPE_NAMES[d.type]}</td>
                      <td>{d.pointCode}</td>
                      <td class="stem">{d.stem}</td>
                      <td class="stem">{d.type === 'judge' ? '' : d.options.map((o) => `${o.label}. ${o.text}`).join('　')}</td>
                      <td>{d.type === 'judge' ? (d.key[0] === 'T' ? '√' : '×') : d.key.join('')}</td>
                      <td>{d.difficulty}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <div class="form-row">
              <button class="primary" disabled={act.busy()} onClick={confirm}>确认导入 {p().total} 题</button>
              <button onClick={reset}>取消</button>
            </div>
          </div>
        )}
      </Show>
      <Show when={done()}>
        {(d) => (
          <p class="notice">
            已按 {d().formatName} 格式导入 {d().imported} 题。<A href={`/office/bank?${scope.query()}`}>查看题库</A>
          </p>
        )}
      </Show>
    </section>
  );
}
