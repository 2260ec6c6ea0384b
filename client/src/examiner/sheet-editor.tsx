import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { fmt, type Deduction, type ScoringSheet, type SheetRow } from './api';

/** What the editor hands back on submit (the body of the examiner sheet API). */
export interface SheetEntry {
  deductions: Deduction[];
  vetoedRows: string[];
  safetyViolation: boolean;
  note: string;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The tablet scoring sheet: one card per row with its deduction rules as big buttons (tap once per
 * occurrence), ±1 for other deductions, the veto switch on veto rows, a safety switch, and the running
 * total. Row scores shown here are a preview; the server scores the submitted sheet with the policy.
 */
export function SheetEditor(props: { sheet: ScoringSheet; submitLabel: string; onSubmit: (e: SheetEntry) => Promise<boolean> }) {
  const [deductions, setDeductions] = createStore<Deduction[]>([]);
  const [vetoed, setVetoed] = createStore<Record<string, boolean>>({});
  const [safety, setSafety] = createSignal(false);
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const deducted = (row: SheetRow) => round(deductions.filter((d) => d.rowId === row.id).reduce((s, d) => s + d.points, 0));
  const rowScore = (row: SheetRow) => (vetoed[row.id] ? 0 : Math.max(0, round(row.maxMarks - deducted(row))));
  const wholeVeto = () => props.sheet.rows.some((r) => r.veto === 'whole' && vetoed[r.id]);
  const total = () => (wholeVeto() ? 0 : round(props.sheet.rows.reduce((s, r) => s + rowScore(r), 0)));
  const add = (rowId: string, points: number, rule?: string) => setDeductions(deductions.length, { rowId, points, ...(rule ? { rule } : {}) });
  const remove = (i: number) => setDeductions((list) => list.filter((_, k) => k !== i));
  const submit = async () => {
    if (!confirm(`提交后不能修改。本表合计 ${fmt(total())} 分，确认提交？`)) return;
    setBusy(true);
    try {
      await props.onSubmit({ deductions: [...deductions], vetoedRows: Object.keys(vetoed).filter((k) => vetoed[k]), safetyViolation: safety(), note: note() });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <For each={props.sheet.rows}>
        {(row) => (
          <div class="ex-row" classList={{ vetoed: !!vetoed[row.id] }} data-row={row.id}>
            <span class="score" aria-label={`第${row.id}项得分`}>{fmt(rowScore(row))} / {fmt(row.maxMarks)}</span>
            <h3>
              {row.id}. {row.star ? <span class="ex-star">★</span> : null}{row.content}
              {row.veto ? <span class="ex-star">（否决项）</span> : null}
            </h3>
            <Show when={row.keyPoints.length > 0}><p class="points">要点：{row.keyPoints.join('；')}</p></Show>
            <div class="ex-buttons">
              <For each={row.deductionRules}>
                {(rule) => (
                  <button type="button" class="deduct" onClick={() => add(row.id, rule.points, rule.text)}>
                    {rule.text} −{rule.points}分
                  </button>
                )}
              </For>
              <button type="button" aria-label={`第${row.id}项其他扣1分`} onClick={() => add(row.id, 1, '其他扣分')}>−1</button>
              <button type="button" aria-label={`第${row.id}项其他扣0.5分`} onClick={() => add(row.id, 0.5, '其他扣分')}>−0.5</button>
              <Show when={row.veto}>
                <button type="button" class="toggle" aria-pressed={!!vetoed[row.id]} onClick={() => setVetoed(row.id, !vetoed[row.id])}>
                  {row.veto === 'whole' ? '否决：整个考核记零分' : '否决：本项记零分'}
                </button>
              </Show>
            </div>
            <ul class="ex-applied">
              <For each={deductions.map((d, i) => ({ d, i })).filter((x) => x.d.rowId === row.id)}>
                {(x) => (
                  <li>
                    {x.d.rule ?? '扣分'} −{x.d.points}
                    <button type="button" onClick={() => remove(x.i)}>撤销</button>
                  </li>
                )}
              </For>
            </ul>
          </div>
        )}
      </For>
      <div class="ex-row">
        <div class="ex-buttons">
          <button type="button" class="toggle" aria-pressed={safety()} onClick={() => setSafety(!safety())}>违反安全操作规程（技能操作考核不合格）</button>
        </div>
        <label>备注<textarea value={note()} onInput={(e) => setNote(e.currentTarget.value)} /></label>
      </div>
      <div class="ex-total">
        合计 <strong aria-label="合计得分">{fmt(total())}</strong> 分
        <Show when={wholeVeto()}><span>（整体否决）</span></Show>
        <button type="button" class="primary" disabled={busy()} onClick={() => void submit()}>{props.submitLabel}</button>
      </div>
    </div>
  );
}
