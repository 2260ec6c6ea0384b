import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, fixed, LEVEL_NAMES, STATUS_NAMES, TYPE_NAMES, useOccupations, useScope, type BankOverviewRow, type ItemStatus, type ItemType, type PublicItem } from './api';
import { ScopePicker } from './scope-picker';
import './bank.css';

/** 题库: what each occupation × level holds, and the item browser with search, filters and paging. */
export function BankPage() {
  const occupations = useOccupations();
  const scope = useScope(occupations);
  const [overview] = createResource(async () => (await http.get<{ rows: BankOverviewRow[] }>('/api/bank/overview')).rows);
  const [type, setType] = createSignal<'' | ItemType>('');
  const [status, setStatus] = createSignal<'' | ItemStatus>('');
  const [point, setPoint] = createSignal('');
  const [text, setText] = createSignal('');
  const [page, setPage] = createSignal(1);
  const pageSize = 20;
  const query = createMemo(() => {
    const q = new URLSearchParams({ occupationId: String(scope.occupationId()), level: String(scope.level()), page: String(page()), pageSize: String(pageSize) });
    if (type()) q.set('type', type());
    if (status()) q.set('status', status());
    if (point().trim()) q.set('pointCode', point().trim());
    if (text().trim()) q.set('q', text().trim());
    return q.toString();
  });
  const [items] = createResource(
    () => (scope.occupationId() ? query() : null),
    async (q) => http.get<{ items: PublicItem[]; total: number }>(`/api/bank/items?${q}`),
  );
  const pages = () => Math.max(1, Math.ceil((items()?.total ?? 0) / pageSize));
  const filter = (fn: () => void) => {
    fn();
    setPage(1);
  };
  const rows = () => (overview() ?? []).filter((r) => r.items.active + r.items.draft + r.items.retired > 0 || r.blueprintId !== null);

  return (
    <>
      <section class="card">
        <h1>题库管理</h1>
        <ErrorBanner error={overview.error ?? items.error} />
        <table class="grid small">
          <thead>
            <tr><th>职业</th><th>等级</th><th>启用试题</th><th>判断/单选/多选</th><th>草稿</th><th>停用</th><th>已用于试卷</th><th>细目表</th><th>试卷结构</th><th>试卷组</th></tr>
          </thead>
          <tbody>
            <For each={rows()} fallback={<tr><td colspan="10" class="muted">题库中还没有试题</td></tr>}>
              {(r) => (
                <tr classList={{ current: r.occupationId === scope.occupationId() && r.level === scope.level() }}>
                  <td><a href={`/office/bank?occupationId=${r.occupationId}&level=${r.level}`} onClick={(e) => { e.preventDefault(); scope.set(r.occupationId, r.level); setPage(1); }}>{r.occupationCode} {r.occupationName}</a></td>
                  <td>{LEVEL_NAMES[r.level]}</td>
                  <td>{r.items.active}</td>
                  <td>{r.byType.judge ?? 0} / {r.byType.single ?? 0} / {r.byType.multi ?? 0}</td>
                  <td>{r.items.draft}</td>
                  <td>{r.items.retired}</td>
                  <td>{r.items.locked}</td>
                  <td>{r.blueprintId ? <A href={`/office/bank/blueprint?occupationId=${r.occupationId}&level=${r.level}`}>查看</A> : <span class="muted">无</span>}</td>
                  <td>{r.specId ? '已设置' : <span class="muted">无</span>}</td>
                  <td>{r.paperSets > 0 ? <A href={`/office/bank/build?occupationId=${r.occupationId}&level=${r.level}`}>{r.paperSets} 组</A> : <span class="muted">0</span>}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>

      <section class="card">
        <h2>试题</h2>
        <ScopePicker occupations={occupations()} occupationId={scope.occupationId()} level={scope.level()} onChange={(o, l) => { scope.set(o, l); setPage(1); }} />
        <div class="form-row">
          <label>
            题型
            <select aria-label="题型" onChange={(e) => filter(() => setType(e.currentTarget.value as ItemType | ''))}>
              <option value="">全部</option>
              <For each={Object.entries(TYPE_NAMES)}>{([k, v]) => <option value={k}>{v}</option>}</For>
            </select>
          </label>
          <label>
            状态
            <select aria-label="状态" onChange={(e) => filter(() => setStatus(e.currentTarget.value as ItemStatus | ''))}>
              <option value="">全部</option>
              <For each={Object.entries(STATUS_NAMES)}>{([k, v]) => <option value={k}>{v}</option>}</For>
            </select>
          </label>
          <label>
            鉴定点
            <input aria-label="鉴定点" placeholder="如 B-A 或 B-A-001" size="12" onChange={(e) => filter(() => setPoint(e.currentTarget.value))} />
          </label>
          <label>
            题干包含
            <input aria-label="题干包含" placeholder="关键词" onChange={(e) => filter(() => setText(e.currentTarget.value))} />
          </label>
          <Show when={canEdit()}>
            <A class="button primary" href={`/office/bank/items/new?${scope.query()}`}>新建试题</A>
            <A class="button" href={`/office/bank/import?${scope.query()}`}>导入试题</A>
          </Show>
          <a class="button" href={`/api/bank/export?${scope.query()}&format=xlsx`} download="" rel="external">导出 Excel</a>
          <a class="button" href={`/api/bank/export?${scope.query()}&format=qti`} download="" rel="external">导出 QTI 3.0</a>
        </div>
        <p class="muted">共 {items()?.total ?? 0} 题（每题显示最新版本）。难度为答对率 p，统计人数为 0 表示作者估计值。</p>
        <table class="grid small items">
          <thead>
            <tr><th>编号</th><th>题型</th><th>鉴定点</th><th>题干</th><th>答案</th><th>难度 p</th><th>区分度</th><th>统计人数</th><th>曝光</th><th>状态</th></tr>
          </thead>
          <tbody>
            <For each={items()?.items ?? []} fallback={<tr><td colspan="10" class="muted">没有符合条件的试题</td></tr>}>
              {(it) => (
                <tr>
                  <td><A href={`/office/bank/items/${it.id}`}>{it.uid}</A>{it.version > 1 ? <span class="muted"> v{it.version}</span> : ''}</td>
                  <td>{TYPE_NAMES[it.type]}</td>
                  <td>{it.pointCode}</td>
                  <td class="stem">{it.stem}</td>
                  <td>{it.type === 'judge' ? (it.key[0] === 'T' ? '√' : '×') : it.key.join('')}</td>
                  <td>{fixed(it.difficulty, 2)}</td>
                  <td>{fixed(it.discrimination, 2)}</td>
                  <td>{it.statsN}</td>
                  <td>{it.exposure}</td>
                  <td>
                    <span class={it.status === 'active' ? 'ok' : it.status === 'retired' ? 'bad' : 'warn'}>{STATUS_NAMES[it.status]}</span>
                    {it.locked ? <span class="tag" title="已用于试卷，修改将生成新版本">已入卷</span> : ''}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <div class="pager">
          <button disabled={page() <= 1} onClick={() => setPage(page() - 1)}>上一页</button>
          <span>第 {page()} / {pages()} 页</span>
          <button disabled={page() >= pages()} onClick={() => setPage(page() + 1)}>下一页</button>
        </div>
      </section>
    </>
  );
}
