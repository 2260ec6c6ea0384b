import { createSignal, For, onCleanup, Show } from 'solid-js';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { useAction, type BatchView } from './api';
import type { PhotoBatchReport, PhotoFileStatus } from '../../../../server/exam-admin/candidate-photo-batch';

const STATUS: Record<PhotoFileStatus, { label: string; cls: string }> = {
  matched: { label: '可导入', cls: 'ok' },
  unmatched: { label: '未匹配', cls: 'warn' },
  refused: { label: '不合格', cls: 'bad' },
};

function size(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/**
 * 批量上传照片: choose a zip → the server's dry-run preview (per file: candidate matched, or why not) →
 * confirm → the matched photos are stored. Progress text shows the phase, the zip's size and elapsed seconds.
 */
export function PhotoBatchSection(props: { view: BatchView; done: () => Promise<void> }) {
  const act = useAction();
  const [file, setFile] = createSignal<File | null>(null);
  const [report, setReport] = createSignal<PhotoBatchReport | null>(null);
  const [progress, setProgress] = createSignal('');
  let timer: ReturnType<typeof setInterval> | undefined;
  onCleanup(() => clearInterval(timer));
  let input: HTMLInputElement | undefined;

  /** Run one upload with a ticking “phase … (size, n 秒)” text. */
  const withProgress = async <T,>(phase: string, f: File, fn: () => Promise<T>) => {
    const started = Date.now();
    const show = () => setProgress(`${phase}（${f.name}，${size(f.size)}，已用 ${Math.round((Date.now() - started) / 1000)} 秒）…`);
    show();
    timer = setInterval(show, 1000);
    try {
      return await fn();
    } finally {
      clearInterval(timer);
      setProgress('');
    }
  };
  const send = (path: string, f: File) => {
    const form = new FormData();
    form.append('file', f);
    return http.upload<PhotoBatchReport & { stored?: number }>(`/api/batches/${props.view.batch.id}/candidates/${path}`, form);
  };

  const doPreview = async () => {
    const f = input?.files?.[0];
    setReport(null);
    if (!f) return act.setError(new Error('请选择照片压缩包（.zip）'));
    setFile(f);
    const r = await act.run(() => withProgress('正在上传并检查照片', f, () => send('photos/preview', f)));
    if (r) setReport(r);
  };
  const doApply = async () => {
    const f = file();
    const r = report();
    if (!f || !r) return;
    const saved = await act.run(
      () => withProgress(`正在保存 ${r.counts.matched} 张照片`, f, () => send('photos', f)),
      (x) => `已保存 ${x.stored ?? 0} 名考生的照片${x.withoutPhoto.length ? `；仍有 ${x.withoutPhoto.length} 名考生没有照片` : ''}`,
    );
    if (saved) {
      setReport(null);
      setFile(null);
      if (input) input.value = '';
      await props.done();
    }
  };

  return (
    <section class="card" aria-label="批量上传照片">
      <h2>批量上传照片</h2>
      <p class="muted">
        把考生照片（JPG 或 PNG）打包成一个 zip，文件名用证件号码（X 大小写均可）或准考证号，如 <code>36010219880512031X.jpg</code>，可以放在文件夹里。
        先预览匹配结果，确认后才保存；单个压缩包不超过 25 MB，人数多时可分几个压缩包上传。
      </p>
      <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
      <Show when={act.notice()}><p class="notice" role="status">{act.notice()}</p></Show>
      <div class="form-row">
        <label>照片压缩包<input ref={input} type="file" name="photos" accept=".zip,application/zip" onChange={() => setReport(null)} /></label>
        <button type="button" onClick={doPreview} disabled={act.busy()}>预览</button>
      </div>
      <Show when={progress()}><p class="notice" role="status" aria-live="polite">{progress()}</p></Show>
      <Show when={report()}>
        {(r) => (
          <div class="photo-preview">
            <p>
              共 {r().counts.files} 个文件：可导入 <strong>{r().counts.matched}</strong>，未匹配 {r().counts.unmatched}，不合格 {r().counts.refused}
              {r().counts.ignored ? `（另有 ${r().counts.ignored} 个系统文件已忽略）` : ''}。
              保存后仍无照片的考生 {r().withoutPhoto.length} 人。
            </p>
            <div class="row-errors">
              <table class="grid small" aria-label="照片匹配预览">
                <thead><tr><th>文件</th><th>结果</th><th>考生</th><th>说明</th></tr></thead>
                <tbody>
                  <For each={r().files}>
                    {(f) => (
                      <tr>
                        <td><code>{f.path}</code></td>
                        <td><span class={`flag ${STATUS[f.status].cls}`}>{STATUS[f.status].label}</span></td>
                        <td>{f.candidateName ?? '—'}{f.matchedBy ? `（按${f.matchedBy === 'idNumber' ? '证件号码' : '准考证号'}）` : ''}</td>
                        <td>{f.reasons.join('；') || (f.replaces ? '将替换已有照片' : `${f.width}×${f.height}，${size(f.bytes)}`)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={r().withoutPhoto.length > 0}>
              <details>
                <summary>仍无照片的考生（{r().withoutPhoto.length} 人）</summary>
                <p class="small">{r().withoutPhoto.map((c) => `${c.name}（${c.idNumber}）`).join('、')}</p>
              </details>
            </Show>
            <div class="form-row">
              <button type="button" class="primary" onClick={doApply} disabled={act.busy() || r().counts.matched === 0}>
                确认保存 {r().counts.matched} 张照片
              </button>
              <button type="button" onClick={() => setReport(null)} disabled={act.busy()}>取消</button>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}
