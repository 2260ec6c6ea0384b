import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiError, http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { LEVEL_SHORT, occupationLabel, ORG_TYPES, useAction, type Occupation, type ScopeEntry } from './api';
import './admin.css';

interface Org { id: number; name: string; type: string; uscc: string; province: string; certOrgCode: string; certOrgSerial: string; certIssuer: string }

/** 机构设置: the organization's name, type, USCC (checked), certificate-number prefix, 发证机构, and its registered scope. */
export function OrganizationPage() {
  const [data, { refetch }] = createResource(() => http.get<{ organization: Org; scope: ScopeEntry[] }>('/api/organization'));
  const [catalogue] = createResource(async () => (await http.get<{ occupations: Occupation[] }>('/api/occupations')).occupations);
  const act = useAction();
  const scopeAct = useAction();
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const save = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    setFields({});
    const body = Object.fromEntries(['name', 'type', 'uscc', 'province', 'certOrgCode', 'certOrgSerial', 'certIssuer'].map((k) => [k, String(f.get(k) ?? '')]));
    const r = await act.run(() => http.put('/api/organization', body), '机构信息已保存');
    const e = act.error();
    if (e instanceof ApiError && Array.isArray(e.details.fields)) setFields(Object.fromEntries((e.details.fields as { field: string; problem: string }[]).map((x) => [x.field, x.problem])));
    if (r) await refetch();
  };
  const saveScope = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    const byOcc = new Map<number, number[]>();
    for (const v of f.getAll('cell')) {
      const [o, l] = String(v).split('/').map(Number) as [number, number];
      byOcc.set(o, [...(byOcc.get(o) ?? []), l]);
    }
    const scope = [...byOcc].map(([occupationId, levels]) => ({ occupationId, levels }));
    if (await scopeAct.run(() => http.put('/api/organization/scope', { scope }), '备案范围已保存')) await refetch();
  };
  const Err = (p: { f: string }) => <Show when={fields()[p.f]}><span class="field-error" role="alert">{fields()[p.f]}</span></Show>;
  const inScope = (occupationId: number, level: number) => !!data()?.scope.some((s) => s.occupationId === occupationId && s.levels.includes(level));
  return (
    <Show when={data()} fallback={<p class="muted">加载中…</p>}>
      {(d) => (
        <>
          <section class="card">
            <h1>机构设置</h1>
            <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
            <Show when={act.notice()}><p class="notice" role="status">{act.notice()}</p></Show>
            <form class="stack" onSubmit={save} aria-label="机构信息">
              <div class="form-row">
                <label>机构名称<input name="name" value={d().organization.name} size="30" required /><Err f="name" /></label>
                <label>机构类型
                  <select name="type"><For each={ORG_TYPES}>{(t) => <option value={t.value} selected={d().organization.type === t.value}>{t.label}</option>}</For></select>
                </label>
                <label>统一社会信用代码<input name="uscc" value={d().organization.uscc} size="22" /><Err f="uscc" /></label>
              </div>
              <div class="form-row">
                <label>省份代码（GB/T 2260）<input name="province" value={d().organization.province} size="4" /><Err f="province" /></label>
                <label>证书编号机构代码（4位）<input name="certOrgCode" value={d().organization.certOrgCode} size="6" /><Err f="certOrgCode" /></label>
                <label>证书编号机构序号（6位）<input name="certOrgSerial" value={d().organization.certOrgSerial} size="8" /><Err f="certOrgSerial" /></label>
                <label>发证机构名称<input name="certIssuer" value={d().organization.certIssuer} size="30" /><Err f="certIssuer" /></label>
              </div>
              <p class="muted">证书编号：类型（S 社会培训评价组织 / Y 用人单位）+ 机构代码 + 省份代码 + 机构序号 + 年份 + 等级 + 流水号。已颁发证书后前缀不能再修改。</p>
              <div><button type="submit" class="primary" disabled={act.busy()}>保存机构信息</button></div>
            </form>
          </section>
          <section class="card">
            <h2>备案的认定职业和等级</h2>
            <ErrorBanner error={scopeAct.error()} onClose={() => scopeAct.setError(null)} />
            <Show when={scopeAct.notice()}><p class="notice">{scopeAct.notice()}</p></Show>
            <form onSubmit={saveScope} aria-label="备案范围">
              <table class="grid matrix small">
                <thead><tr><th>职业（工种）</th><For each={[5, 4, 3, 2, 1]}>{(l) => <th>{LEVEL_SHORT[l]}</th>}</For></tr></thead>
                <tbody>
                  <For each={catalogue()}>
                    {(o) => (
                      <tr>
                        <td>{o.code} {occupationLabel(o)}{o.licensing ? <span class="flag bad">准入类，不可备案</span> : ''}</td>
                        <For each={[5, 4, 3, 2, 1]}>
                          {(l) => (
                            <td>
                              <Show when={o.levels.includes(l) && !o.licensing} fallback={<span class="muted">—</span>}>
                                <input type="checkbox" name="cell" value={`${o.id}/${l}`} checked={inScope(o.id, l)} aria-label={`${occupationLabel(o)}${LEVEL_SHORT[l]}`} />
                              </Show>
                            </td>
                          )}
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <p><button type="submit" class="primary" disabled={scopeAct.busy()}>保存备案范围</button></p>
            </form>
          </section>
        </>
      )}
    </Show>
  );
}
