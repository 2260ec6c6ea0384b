import { createResource, createSignal, For, Show } from 'solid-js';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { act, canWrite, COMPONENT_NAMES, createNotice, type Component, type ResultRow } from './api';
import { LockedNote } from './locked-note';

interface SourceRow { id: number; candidateName: string; componentName: string; sourceName: string; mark: number; origin: { method: string; basis: string; file?: string; row?: number }; recordedBy: string; at: string }
interface OutcomeRow { candidate_id: number; component: Component; attendance: 'absent' | 'violation'; reason: string; at: string; name: string }

/** 替代成绩（结课成绩、过程考核）entry and import, and 缺考/违纪 records of components without an attempt. */
export function SourcesTab(props: { batchId: number; locked: boolean }) {
  // After the publicity closes the server refuses every change (409); hide the forms instead of letting them fail.
  const writable = () => canWrite() && !props.locked;
  const [error, setError] = createSignal<unknown>(null);
  const [notice, show] = createNotice();
  const [candidates] = createResource(() => props.batchId, async (id) => (await http.get<{ results: ResultRow[] }>(`/api/scoring/batches/${id}/results`)).results);
  const [marks, { refetch: refetchMarks }] = createResource(() => props.batchId, async (id) => (await http.get<{ marks: SourceRow[] }>(`/api/scoring/batches/${id}/source-marks`)).marks);
  const [outcomes, { refetch: refetchOutcomes }] = createResource(() => props.batchId, async (id) => (await http.get<{ outcomes: OutcomeRow[] }>(`/api/scoring/batches/${id}/outcomes`)).outcomes);

  const enter = (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    void act(
      () => http.post(`/api/scoring/batches/${props.batchId}/source-marks`, { entries: [{ candidateId: Number(f.get('candidateId')), component: f.get('component'), source: f.get('source'), mark: Number(f.get('mark')), basis: f.get('basis') }] }),
      setError,
      async () => { show('成绩已录入'); await refetchMarks(); },
    );
  };
  const upload = (ev: SubmitEvent) => {
    ev.preventDefault();
    const form = new FormData(ev.currentTarget as HTMLFormElement);
    void act(
      () => http.upload<{ recorded: number }>(`/api/scoring/batches/${props.batchId}/source-marks/import`, form).then((r) => show(`已导入 ${r.recorded} 条成绩`)),
      setError,
      async () => void (await refetchMarks()),
    );
  };
  const record = (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    void act(
      () => http.put(`/api/scoring/candidates/${f.get('candidateId')}/outcomes`, { component: f.get('component'), attendance: f.get('attendance'), reason: f.get('reason') }),
      setError,
      async () => { show('考场记录已保存'); await refetchOutcomes(); },
    );
  };
  const CandidateSelect = () => (
    <label>考生
      <select name="candidateId" required>
        <For each={candidates()}>{(c) => <option value={c.candidateId}>{c.name}（{c.idNumber}）</option>}</For>
      </select>
    </label>
  );
  return (
    <>
      <ErrorBanner error={error()} onClose={() => setError(null)} />
      <Show when={notice()}><p class="notice">{notice()}</p></Show>
      <section class="card">
        <h2>替代成绩（结课成绩 / 过程考核成绩）</h2>
        <p class="muted">按批次评分方案中的成绩来源使用；每条成绩保留录入人、依据和来源文件，更正时追加新记录。</p>
        <table class="grid small">
          <thead><tr><th>考生</th><th>科目</th><th>来源</th><th>成绩</th><th>依据</th><th>录入</th></tr></thead>
          <tbody>
            <For each={marks()} fallback={<tr><td colspan="6" class="muted">暂无</td></tr>}>
              {(m) => (
                <tr>
                  <td>{m.candidateName}</td><td>{m.componentName}</td><td>{m.sourceName}</td><td>{m.mark}</td>
                  <td>{m.origin.basis}{m.origin.file ? `（${m.origin.file} 第 ${m.origin.row} 行）` : ''}</td>
                  <td>{m.recordedBy} {m.at.slice(0, 10)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={writable()} fallback={<LockedNote locked={props.locked} />}>
          <form class="form-row" onSubmit={enter}>
            <CandidateSelect />
            <label>科目<select name="component"><option value="theory">理论知识考试</option><option value="practical">技能操作考核</option></select></label>
            <label>来源<select name="source"><option value="courseFinal">结课成绩</option><option value="processAssessment">过程考核成绩</option></select></label>
            <label>成绩<input name="mark" type="number" min="0" max="100" step="0.1" required /></label>
            <label>成绩依据<input name="basis" required placeholder="如 2025-2026学年第一学期期末考试" /></label>
            <button type="submit" class="primary">录入</button>
          </form>
          <form class="form-row" onSubmit={upload}>
            <label>从 Excel 导入（证件号码、姓名、科目、成绩来源、成绩、成绩依据）<input type="file" name="file" accept=".xlsx" required /></label>
            <button type="submit">导入</button>
            <a href="/api/scoring/source-marks/template.xlsx" download="" rel="external">下载导入模板</a>
          </form>
        </Show>
      </section>
      <section class="card">
        <h2>缺考 / 违纪记录（技能操作考核、综合评审、纸笔理论考试）</h2>
        <table class="grid small">
          <thead><tr><th>考生</th><th>科目</th><th>记录</th><th>情况</th><th></th></tr></thead>
          <tbody>
            <For each={outcomes()} fallback={<tr><td colspan="5" class="muted">暂无</td></tr>}>
              {(o) => (
                <tr>
                  <td>{o.name}</td><td>{COMPONENT_NAMES[o.component]}</td><td class={o.attendance === 'absent' ? 'warn' : 'bad'}>{o.attendance === 'absent' ? '缺考' : '违纪'}</td><td>{o.reason}</td>
                  <td>
                    <Show when={writable()}>
                      <button onClick={() => act(() => http.del(`/api/scoring/candidates/${o.candidate_id}/outcomes/${o.component}`), setError, async () => void (await refetchOutcomes()))}>撤销</button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={writable()} fallback={<LockedNote locked={props.locked} />}>
          <form class="form-row" onSubmit={record}>
            <CandidateSelect />
            <label>科目<select name="component"><option value="practical">技能操作考核</option><option value="review">综合评审</option><option value="theory">理论知识考试</option></select></label>
            <label>记录<select name="attendance"><option value="absent">缺考</option><option value="violation">违纪</option></select></label>
            <label>情况说明<input name="reason" required /></label>
            <button type="submit" class="primary">保存</button>
          </form>
        </Show>
      </section>
    </>
  );
}
