import { createSignal, Show } from 'solid-js';
import { ApiError, http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { useAction, type Candidate } from './api';
import type { ManualDecision } from '../../../../server/exam-admin/candidate-eligibility';
import './candidate-extras.css';

/** A candidate as the list shows it, with the rules' verdict and the office's 人工认定. */
export type CandidateWithDecision = Candidate & { rulesEligible?: boolean; manualDecision?: ManualDecision | null };

/** `2026-11-23T01:00:00.000Z` → `2026-11-23 09:00` (China time). */
export function chinaTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The 人工认定 flag of the list: result, who and when; reason and basis as its title. */
export function ManualDecisionFlag(props: { c: CandidateWithDecision }) {
  return (
    <Show when={props.c.manualDecision}>
      {(m) => (
        <div class="manual-decision" title={`理由：${m().reason}${m().basis ? `\n申报依据：${m().basis}` : ''}`}>
          <span class={`flag ${m().eligible ? 'ok' : 'bad'}`}>人工认定：{m().eligible ? '符合' : '不符合'}</span>
          <span class="muted small">{m().byName} {chinaTime(m().at)}{props.c.rulesEligible === m().eligible ? '' : `（规则判定：${props.c.rulesEligible ? '符合' : '不符合'}）`}</span>
        </div>
      )}
    </Show>
  );
}

/**
 * Form for recording (or withdrawing) a manual eligibility decision for one candidate. Reason is required,
 * the 申报依据 too when deciding “eligible”; the server refuses once the ticket is issued.
 */
export function EligibilityDecisionForm(props: { batchId: number; c: CandidateWithDecision; close: () => void; done: () => Promise<void> }) {
  const act = useAction();
  const [eligible, setEligible] = createSignal(props.c.manualDecision ? props.c.manualDecision.eligible : !props.c.eligible);
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const url = `/api/batches/${props.batchId}/candidates/${props.c.id}/eligibility-decision`;
  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    setFields({});
    const r = await act.run(() => http.put(url, { eligible: eligible(), reason: String(f.get('reason') ?? ''), basis: String(f.get('basis') ?? '') }));
    const e = act.error();
    if (e instanceof ApiError && Array.isArray(e.details.fields)) {
      setFields(Object.fromEntries((e.details.fields as { field: string; problem: string }[]).map((x) => [x.field.split('.')[0]!, x.problem])));
    }
    if (r) {
      props.close();
      await props.done();
    }
  };
  const withdraw = async () => {
    if (!confirm(`撤销对 ${props.c.name} 的人工认定，恢复按规则判定的结果？`)) return;
    if (await act.run(() => http.del(url))) {
      props.close();
      await props.done();
    }
  };
  return (
    <form class="stack decision-form" onSubmit={submit} aria-label="人工认定">
      <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
      <Show when={props.c.eligibility.problems.length > 0}>
        <p class="muted small">规则判定：{props.c.eligibility.problems.join('；')}</p>
      </Show>
      <div class="checks">
        <label><input type="radio" name="eligible" checked={eligible()} onChange={() => setEligible(true)} />符合申报条件</label>
        <label><input type="radio" name="eligible" checked={!eligible()} onChange={() => setEligible(false)} />不符合申报条件</label>
      </div>
      <label>认定理由（必填）
        <textarea name="reason" rows="2" maxLength={500} value={props.c.manualDecision?.reason ?? ''} />
        <Show when={fields().reason}><span class="field-error" role="alert">{fields().reason}</span></Show>
      </label>
      <label>申报依据{eligible() ? '（必填）' : ''}
        <input name="basis" size="50" maxLength={500} value={props.c.manualDecision?.basis ?? props.c.eligibility.declared} />
        <Show when={fields().basis}><span class="field-error" role="alert">{fields().basis}</span></Show>
      </label>
      <div class="form-row">
        <button type="submit" class="primary" disabled={act.busy()}>保存认定</button>
        <Show when={props.c.manualDecision}><button type="button" onClick={withdraw} disabled={act.busy()}>撤销人工认定</button></Show>
        <button type="button" onClick={() => props.close()}>取消</button>
      </div>
    </form>
  );
}
