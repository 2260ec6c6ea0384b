import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiError, http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, LEVEL_SHORT, occupationLabel, useAction, type BatchView, type Candidate } from './api';
import { EligibilityDecisionForm, ManualDecisionFlag, type CandidateWithDecision } from './eligibility-decision';
import { PhotoBatchSection } from './photo-batch-section';

const ID_TYPES = [
  ['201', '居民身份证'], ['227', '中国护照'], ['210', '港澳居民来往内地通行证'], ['237', '港澳居民居住证'], ['213', '台湾居民来往大陆通行证'],
  ['238', '台湾居民居住证'], ['208', '外国护照'], ['233', '外国人永久居留身份证'], ['239', '外国人工作许可证（A类）'], ['240', '外国人工作许可证（B类）'],
  ['241', '外国人工作许可证（C类）'], ['299', '其他'],
] as const;
const EDUCATION = ['初中及以下', '高中', '中专/职高', '技工学校', '高级技工学校', '技师学院', '大专', '本科', '硕士研究生', '博士研究生'];
const FLAGS = [
  ['', '全部考生'], ['ineligible', '不符合申报条件'], ['idProblem', '证件号码有误'], ['noPhoto', '未上传照片'], ['unseated', '未安排座位'],
] as const;

interface RowError { row: number; column: string; problem: string }

/** 考生: the list with its flags, registration form with field-level errors, xlsx import with a row-error table. */
export function CandidatesTab(props: { view: BatchView; reload: () => Promise<void> }) {
  const [filter, setFilter] = createSignal({ entry: '', flag: '', q: '' });
  const query = () => {
    const f = filter();
    const p = new URLSearchParams();
    if (f.entry) {
      p.set('occupationId', f.entry.split('/')[0]!);
      p.set('level', f.entry.split('/')[1]!);
    }
    if (f.flag) p.set('flag', f.flag);
    if (f.q) p.set('q', f.q);
    return `/api/batches/${props.view.batch.id}/candidates?${p.toString()}`;
  };
  const [list, { refetch }] = createResource(query, (url) => http.get<{ candidates: CandidateWithDecision[]; totals: { all: number; ineligible: number; shown: number } }>(url));
  const act = useAction();
  const [deciding, setDeciding] = createSignal<number | null>(null);
  const refresh = async () => {
    await refetch();
    await props.reload();
  };
  const uploadPhoto = async (c: Candidate, file: File | undefined) => {
    if (!file) return;
    const form = new FormData();
    form.append('photo', file);
    if (await act.run(() => http.upload(`/api/batches/${props.view.batch.id}/candidates/${c.id}/photo`, form), `${c.name}的照片已上传`)) await refetch();
  };
  const remove = async (c: Candidate) => {
    if (!confirm(`删除考生 ${c.name}？`)) return;
    if (await act.run(() => http.del(`/api/batches/${props.view.batch.id}/candidates/${c.id}`), `已删除考生 ${c.name}`)) await refresh();
  };
  const open = () => canEdit() && (props.view.batch.status === 'draft' || props.view.batch.status === 'filed');

  return (
    <>
      <section class="card">
        <h2>考生名单</h2>
        <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
        <Show when={act.notice()}><p class="notice">{act.notice()}</p></Show>
        <div class="form-row">
          <label>职业等级
            <select onChange={(e) => setFilter({ ...filter(), entry: e.currentTarget.value })}>
              <option value="">全部</option>
              <For each={props.view.entries}>{(e) => <option value={`${e.occupationId}/${e.level}`}>{occupationLabel(e)}{LEVEL_SHORT[e.level]}</option>}</For>
            </select>
          </label>
          <label>筛选
            <select aria-label="筛选" onChange={(e) => setFilter({ ...filter(), flag: e.currentTarget.value })}>
              <For each={FLAGS}>{([v, l]) => <option value={v}>{l}</option>}</For>
            </select>
          </label>
          <label>姓名或证件号码<input onChange={(e) => setFilter({ ...filter(), q: e.currentTarget.value.trim() })} /></label>
          <Show when={list()}>
            <span class="muted">共 {list()!.totals.all} 人，其中不符合申报条件 {list()!.totals.ineligible} 人；当前显示 {list()!.totals.shown} 人</span>
          </Show>
        </div>
        <table class="grid small candidates">
          <thead>
            <tr><th>姓名</th><th>证件</th><th>职业等级</th><th>工作单位</th><th>文化程度/年限</th><th>审核</th><th>座位/准考证号</th><Show when={open()}><th>操作</th></Show></tr>
          </thead>
          <tbody>
            <For each={list()?.candidates} fallback={<tr><td colspan="8" class="muted">没有考生</td></tr>}>
              {(c) => (
                <>
                <tr data-candidate={c.id}>
                  <td>{c.name}（{c.gender}）</td>
                  <td>{c.idTypeName}<br /><code>{c.idNumber}</code></td>
                  <td>{occupationLabel({ name: c.occupationName, workType: c.workType })} {c.levelLabel}</td>
                  <td>{c.workUnit}</td>
                  <td>{c.education} / {c.workYears}年</td>
                  <td>
                    <Show when={c.idProblems.length > 0}><span class="flag bad" title={c.idProblems.join('；')}>证件号码有误</span></Show>
                    <Show when={!c.eligible && !c.manualDecision}><span class="flag bad" title={c.eligibility.problems.join('；')}>不符合申报条件</span></Show>
                    <Show when={c.eligible && !c.manualDecision && c.idProblems.length === 0}><span class="flag ok" title={c.eligibilityBasis}>符合</span></Show>
                    <ManualDecisionFlag c={c} />
                    <Show when={!c.hasPhoto}><span class="flag warn">无照片</span></Show>
                    <Show when={(!c.eligible && !c.manualDecision) || c.idProblems.length > 0}>
                      <div class="field-error">{[...c.idProblems, ...c.eligibility.problems].slice(0, 2).join('；')}</div>
                    </Show>
                  </td>
                  <td>
                    {c.seat ? `${c.seat.roomName} ${c.seat.seat}号 · ${c.seat.ticketNo}${c.seat.ticketIssued ? '（已发证）' : ''}` : '—'}
                    <Show when={c.seat}>
                      {' '}<a href={`/api/batches/${props.view.batch.id}/tickets.pdf?candidateId=${c.id}`} target="_blank" rel="external noopener">准考证</a>
                    </Show>
                  </td>
                  <Show when={open()}>
                    <td class="actions">
                      <label class="link">照片<input type="file" accept="image/jpeg,image/png" style="display:none" onChange={(e) => uploadPhoto(c, e.currentTarget.files?.[0])} /></label>
                      <button onClick={() => setDeciding(deciding() === c.id ? null : c.id)} disabled={!!c.seat?.ticketIssued}
                        title={c.seat?.ticketIssued ? '准考证已发放，不能再人工认定' : '规则无法判定或判定有误时，由考务人员认定申报资格'}>人工认定</button>
                      <button onClick={() => remove(c)} disabled={!!c.seat?.ticketIssued}>删除</button>
                    </td>
                  </Show>
                </tr>
                <Show when={open() && deciding() === c.id}>
                  <tr class="decision-row">
                    <td colspan="8">
                      <EligibilityDecisionForm batchId={props.view.batch.id} c={c} close={() => setDeciding(null)} done={refresh} />
                    </td>
                  </tr>
                </Show>
                </>
              )}
            </For>
          </tbody>
        </table>
      </section>
      <Show when={open()}>
        <PhotoBatchSection view={props.view} done={refresh} />
        <ImportSection view={props.view} done={refresh} />
        <RegisterSection view={props.view} done={refresh} />
      </Show>
    </>
  );
}

function ImportSection(props: { view: BatchView; done: () => Promise<void> }) {
  const act = useAction();
  const [rowErrors, setRowErrors] = createSignal<RowError[]>([]);
  let input: HTMLInputElement | undefined;
  const doImport = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const file = input?.files?.[0];
    if (!file) return act.setError(new Error('请选择要导入的 Excel 文件'));
    const form = new FormData();
    form.append('file', file);
    setRowErrors([]);
    const r = await act.run(
      () => http.upload<{ imported: number; ineligible: number }>(`/api/batches/${props.view.batch.id}/candidates/import`, form),
      (x) => `已导入 ${x.imported} 名考生${x.ineligible ? `，其中 ${x.ineligible} 人不符合申报条件（已标出）` : ''}`,
    );
    const e = act.error();
    if (e instanceof ApiError && Array.isArray(e.details.errors)) {
      setRowErrors(e.details.errors as RowError[]);
      act.setError(new ApiError(e.status, e.code, e.message));
    }
    if (r) {
      if (input) input.value = '';
      await props.done();
    }
  };
  return (
    <section class="card">
      <h2>批量导入考生</h2>
      <p>
        <a href={`/api/batches/${props.view.batch.id}/candidates/template.xlsx`} download="" rel="external">下载考生信息导入模板（xlsx）</a>
        <span class="muted"> · 整个文件全部正确才会导入；有错误时不写入任何数据，并逐行列出问题。可选列：原证书等级、原证书发证日期、本校全日制学生、本单位在职职工、所学专业相关、学徒期满。</span>
      </p>
      <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
      <Show when={act.notice()}><p class="notice" role="status">{act.notice()}</p></Show>
      <form class="form-row" onSubmit={doImport}>
        <label>Excel 文件<input ref={input} type="file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" /></label>
        <button type="submit" class="primary" disabled={act.busy()}>{act.busy() ? '导入中…' : '导入'}</button>
      </form>
      <Show when={rowErrors().length > 0}>
        <div class="row-errors">
          <table class="grid small" aria-label="导入错误">
            <thead><tr><th>行</th><th>列</th><th>问题</th></tr></thead>
            <tbody>
              <For each={rowErrors()}>{(e) => <tr><td>{e.row}</td><td>{e.column}</td><td>{e.problem}</td></tr>}</For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}

function RegisterSection(props: { view: BatchView; done: () => Promise<void> }) {
  const act = useAction();
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const problem = (f: string) => fields()[f];
  const submit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const [occupationId, level] = String(f.get('entry')).split('/').map(Number);
    const certLevel = String(f.get('certificateLevel') ?? '');
    const body = {
      name: f.get('name'), gender: f.get('gender') || null, idType: f.get('idType'), idNumber: f.get('idNumber'), birthDate: f.get('birthDate') || null,
      education: f.get('education'), workUnit: f.get('workUnit'), workYears: f.get('workYears'), occupationId, level, eligibilityBasis: f.get('eligibilityBasis'),
      eligibility: {
        ...(certLevel && { certificateLevel: Number(certLevel), certificateIssuedOn: f.get('certificateIssuedOn') || null }),
        ownFullTimeStudent: f.get('ownFullTimeStudent') === 'on',
        ownEmployee: f.get('ownEmployee') === 'on',
        relatedMajor: f.get('relatedMajor') === 'on',
      },
    };
    setFields({});
    const r = await act.run(() => http.post<{ candidate: Candidate }>(`/api/batches/${props.view.batch.id}/candidates`, body), (x) =>
      x.candidate.eligible ? `已登记考生 ${x.candidate.name}` : `已登记考生 ${x.candidate.name}，但不符合申报条件：${x.candidate.eligibility.problems[0] ?? ''}`,
    );
    const e = act.error();
    if (e instanceof ApiError && Array.isArray(e.details.fields)) {
      setFields(Object.fromEntries((e.details.fields as { field: string; problem: string }[]).map((x) => [x.field.split('.')[0]!, x.problem])));
    }
    if (r) {
      form.reset();
      await props.done();
    }
  };
  const Err = (p: { f: string }) => <Show when={problem(p.f)}><span class="field-error" role="alert">{problem(p.f)}</span></Show>;
  return (
    <section class="card">
      <h2>逐个登记考生</h2>
      <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
      <Show when={act.notice()}><p class="notice" role="status">{act.notice()}</p></Show>
      <form class="stack" onSubmit={submit} aria-label="登记考生">
        <div class="form-row">
          <label>姓名<input name="name" /><Err f="name" /></label>
          <label>性别
            <select name="gender"><option value="">按证件号码</option><option>男</option><option>女</option></select><Err f="gender" />
          </label>
          <label>证件类型
            <select name="idType"><For each={ID_TYPES}>{([c, n]) => <option value={c}>{c} {n}</option>}</For></select><Err f="idType" />
          </label>
          <label>证件号码<input name="idNumber" size="22" /><Err f="idNumber" /></label>
          <label>出生日期<input name="birthDate" type="date" /><Err f="birthDate" /></label>
        </div>
        <div class="form-row">
          <label>申报职业等级
            <select name="entry"><For each={props.view.entries}>{(e) => <option value={`${e.occupationId}/${e.level}`}>{occupationLabel(e)} {e.levelLabel}</option>}</For></select>
            <Err f="level" /><Err f="occupationCode" />
          </label>
          <label>文化程度
            <select name="education"><For each={EDUCATION}>{(e) => <option>{e}</option>}</For></select><Err f="education" />
          </label>
          <label>工作单位/学校<input name="workUnit" size="24" /><Err f="workUnit" /></label>
          <label>从事本职业年限<input name="workYears" type="number" min="0" step="0.5" value="0" /><Err f="workYears" /></label>
        </div>
        <div class="form-row">
          <label>申报条件（考生填写）<input name="eligibilityBasis" size="40" placeholder="如 累计从事本职业工作6年以上" /><Err f="eligibilityBasis" /></label>
          <label>原证书等级
            <select name="certificateLevel"><option value="">无</option><For each={[5, 4, 3, 2, 1]}>{(l) => <option value={l}>{LEVEL_SHORT[l]}</option>}</For></select>
          </label>
          <label>原证书发证日期<input name="certificateIssuedOn" type="date" /><Err f="eligibility" /></label>
        </div>
        <div class="checks">
          <label><input type="checkbox" name="ownFullTimeStudent" />本校全日制在校学生</label>
          <label><input type="checkbox" name="ownEmployee" />本单位在职职工</label>
          <label><input type="checkbox" name="relatedMajor" />所学专业与申报职业相关</label>
        </div>
        <div><button type="submit" class="primary" disabled={act.busy()}>登记</button></div>
      </form>
    </section>
  );
}
