import { createEffect, createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { createStore, produce, unwrap } from 'solid-js/store';
import { A } from '@solidjs/router';
import { ApiError, http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, TYPE_NAMES, useAction, useOccupations, useScope, type BlueprintNode, type Coverage, type ItemType, type PaperSection, type PublicBlueprint, type PublicSpec } from './api';
import { ScopePicker } from './scope-picker';
import './bank.css';

type Path = number[];

const round = (n: number) => Math.round(n * 1000) / 1000;

/** A starting tree: 基本要求 and 相关知识, one sub-range and one 鉴定点 each. */
function skeleton(): BlueprintNode[] {
  return [
    { code: 'A', name: '基本要求', weight: 30, children: [{ code: 'A', name: '职业道德', weight: 30, children: [{ code: '001', name: '职业道德基本知识', weight: 30, importance: 'Y' }] }] },
    { code: 'B', name: '相关知识', weight: 70, children: [{ code: 'A', name: '（工作内容）', weight: 70, children: [{ code: '001', name: '（技能要求）', weight: 70, importance: 'X' }] }] },
  ];
}

function nextCode(siblings: BlueprintNode[], point: boolean): string {
  if (point) return String(siblings.length + 1).padStart(3, '0');
  return String.fromCharCode(65 + siblings.length);
}

/** 鉴定要素细目表 and 试卷结构 of one occupation × level: a tree editor with weights and X/Y/Z, the spec form, and the bank's coverage. */
export function BlueprintPage() {
  const occupations = useOccupations();
  const scope = useScope(occupations);
  const [data, { refetch }] = createResource(
    () => (scope.occupationId() ? scope.query() : null),
    async (q) => {
      const [bp, spec] = await Promise.all([
        http.get<{ blueprints: PublicBlueprint[] }>(`/api/bank/blueprints?${q}&component=theory`),
        http.get<{ specs: PublicSpec[] }>(`/api/bank/specs?${q}&component=theory`),
      ]);
      const blueprint = bp.blueprints[0] ?? null;
      const coverage = blueprint ? (await http.get<{ coverage: Coverage }>(`/api/bank/blueprints/${blueprint.id}/coverage`)).coverage : null;
      return { blueprint, spec: spec.specs[0] ?? null, coverage };
    },
  );

  // ── the tree ──
  const [tree, setTree] = createStore<{ name: string; ranges: BlueprintNode[] }>({ name: '', ranges: [] });
  const [problems, setProblems] = createSignal<{ node: string; problem: string }[]>([]);
  createEffect(() => {
    const d = data();
    if (!d) return;
    setTree({ name: d.blueprint?.name ?? '', ranges: d.blueprint ? structuredClone(d.blueprint.ranges) : [] });
    setProblems([]);
  });
  const edit = (fn: (ranges: BlueprintNode[]) => void) => setTree('ranges', produce(fn));
  const nodeAt = (ranges: BlueprintNode[], path: Path): BlueprintNode => path.slice(1).reduce((n, i) => n.children![i]!, ranges[path[0]!]!);
  const siblingsOf = (ranges: BlueprintNode[], path: Path): BlueprintNode[] => (path.length === 1 ? ranges : nodeAt(ranges, path.slice(0, -1)).children!);
  const addChild = (path: Path, point: boolean) =>
    edit((ranges) => {
      const node = nodeAt(ranges, path);
      node.children ??= [];
      delete node.importance;
      node.children.push(point ? { code: nextCode(node.children, true), name: '', weight: 0, importance: 'Y' } : { code: nextCode(node.children, false), name: '', weight: 0, children: [] });
    });
  const remove = (path: Path) =>
    edit((ranges) => {
      const siblings = siblingsOf(ranges, path);
      siblings.splice(path[path.length - 1]!, 1);
    });
  const sumChildren = (n: BlueprintNode) => round((n.children ?? []).reduce((s, c) => s + (Number(c.weight) || 0), 0));
  const topSum = () => round(tree.ranges.reduce((s, r) => s + (Number(r.weight) || 0), 0));

  const act = useAction();
  const saveTree = async () => {
    setProblems([]);
    const body = { name: tree.name, ranges: unwrap(tree.ranges) };
    const d = data();
    const ok = await act.run(async () => {
      if (d?.blueprint) await http.put(`/api/bank/blueprints/${d.blueprint.id}`, body);
      else await http.post('/api/bank/blueprints', { ...body, occupationId: scope.occupationId(), level: scope.level(), component: 'theory' });
      return true;
    }, '细目表已保存');
    if (ok) {
      await refetch();
      return;
    }
    // Keep the office's edits on screen and list every node the server named.
    const e = act.error();
    if (e instanceof ApiError && Array.isArray(e.details.problems)) setProblems(e.details.problems as { node: string; problem: string }[]);
  };

  /** Rows of `nodes` and, under each, its children: `<For>` keeps each row's inputs alive while typing. */
  const NodeRows = (props: { nodes: BlueprintNode[]; path: () => Path; prefix: () => string }): JSX.Element => (
    <For each={props.nodes}>
      {(n, i) => {
        const p = () => [...props.path(), i()];
        const code = () => (props.prefix() ? `${props.prefix()}-${n.code}` : n.code);
        const depth = () => p().length;
        const hasChildren = () => (n.children?.length ?? 0) > 0;
        const isPoint = () => !hasChildren() && depth() > 1;
        const mismatch = () => hasChildren() && sumChildren(n) !== round(Number(n.weight));
        const set = (fn: (node: BlueprintNode) => void) => setTree('ranges', produce((r) => fn(nodeAt(r, p()))));
        return (
          <>
            <tr class={`depth-${Math.min(depth(), 4)}`}>
              <td style={{ 'padding-left': `${(depth() - 1) * 1.25 + 0.5}rem` }}>
                <input class="code" aria-label={`代码 ${code()}`} disabled={!canEdit()} value={n.code} onChange={(e) => set((node) => void (node.code = e.currentTarget.value.trim()))} />
                <span class="muted"> {code()}</span>
              </td>
              <td><input aria-label={`名称 ${code()}`} disabled={!canEdit()} value={n.name} onInput={(e) => set((node) => void (node.name = e.currentTarget.value))} /></td>
              <td>
                <input class="weight" type="number" step="0.5" min="0" aria-label={`比重 ${code()}`} disabled={!canEdit()} value={n.weight} onInput={(e) => set((node) => void (node.weight = Number(e.currentTarget.value)))} />
                <Show when={hasChildren()}>
                  <span class={mismatch() ? 'bad' : 'muted'}> 下级合计 {sumChildren(n)}</span>
                </Show>
              </td>
              <td>
                <Show when={isPoint()} fallback={<span class="muted">{depth() === 1 ? '鉴定范围' : '子范围'}</span>}>
                  <select aria-label={`重要程度 ${code()}`} disabled={!canEdit()} onChange={(e) => set((node) => void (node.importance = e.currentTarget.value as 'X' | 'Y' | 'Z'))}>
                    <option value="X" selected={n.importance === 'X'}>X 核心</option>
                    <option value="Y" selected={n.importance === 'Y'}>Y 一般</option>
                    <option value="Z" selected={n.importance === 'Z'}>Z 辅助</option>
                  </select>
                </Show>
              </td>
              <td class="actions">
                <Show when={canEdit()}>
                  <Show when={!isPoint()}>
                    <Show when={!(n.children ?? []).some((c) => !c.children || c.children.length === 0)}><button type="button" onClick={() => addChild(p(), false)}>+子范围</button></Show>
                    <Show when={depth() > 1 && !(n.children ?? []).some((c) => c.children && c.children.length > 0)}><button type="button" onClick={() => addChild(p(), true)}>+鉴定点</button></Show>
                  </Show>
                  <button type="button" onClick={() => remove(p())}>删除</button>
                </Show>
              </td>
            </tr>
            <NodeRows nodes={n.children ?? []} path={p} prefix={code} />
          </>
        );
      }}
    </For>
  );

  // ── the spec ──
  const [spec, setSpec] = createStore<{ sections: PaperSection[]; durationMin: number; passMark: number; partial: boolean; perOption: number }>({
    sections: [],
    durationMin: 90,
    passMark: 60,
    partial: false,
    perOption: 0.5,
  });
  createEffect(() => {
    const s = data()?.spec;
    setSpec({
      sections: s ? structuredClone(s.sections) : [{ type: 'judge', count: 20, marksPerItem: 1 }, { type: 'single', count: 80, marksPerItem: 1 }],
      durationMin: s?.durationMin ?? 90,
      passMark: s?.passMark ?? 60,
      partial: s?.multiRule.kind === 'partial',
      perOption: s?.multiRule.kind === 'partial' ? s.multiRule.perOption : 0.5,
    });
  });
  const total = () => round(spec.sections.reduce((s, x) => s + Number(x.count) * Number(x.marksPerItem), 0));
  const saveSpec = async () => {
    const body = {
      sections: unwrap(spec.sections).map((s) => ({ type: s.type, count: Number(s.count), marksPerItem: Number(s.marksPerItem) })),
      durationMin: Number(spec.durationMin),
      passMark: Number(spec.passMark),
      multiRule: spec.partial ? { kind: 'partial', perOption: Number(spec.perOption) } : { kind: 'allOrNothing' },
    };
    const d = data();
    const ok = await act.run(async () => {
      if (d?.spec) await http.put(`/api/bank/specs/${d.spec.id}`, body);
      else await http.post('/api/bank/specs', { ...body, occupationId: scope.occupationId(), level: scope.level(), component: 'theory' });
      return true;
    }, '试卷结构已保存');
    if (ok) await refetch();
  };
  const unusedTypes = () => (Object.keys(TYPE_NAMES) as ItemType[]).filter((t) => !spec.sections.some((s) => s.type === t));

  return (
    <>
      <section class="card">
        <h1>鉴定要素细目表与试卷结构</h1>
        <ScopePicker occupations={occupations()} occupationId={scope.occupationId()} level={scope.level()} onChange={scope.set} />
        <ErrorBanner error={act.error() ?? data.error} onClose={() => act.setError(null)} />
        <Show when={act.notice()}><p class="notice">{act.notice()}</p></Show>
      </section>
      <section class="card">
        <h2>鉴定要素细目表（理论知识）</h2>
        <Show when={data() && !data()!.blueprint && tree.ranges.length === 0}>
          <p class="muted">该职业等级还没有细目表。</p>
          <Show when={canEdit()}><button onClick={() => setTree({ name: `${scope.occupation()?.name ?? ''}${scope.level()}级理论知识鉴定要素细目表`, ranges: skeleton() })}>从模板开始</button></Show>
        </Show>
        <Show when={tree.ranges.length > 0}>
          <div class="form-row">
            <label>名称<input aria-label="细目表名称" size="40" disabled={!canEdit()} value={tree.name} onInput={(e) => setTree('name', e.currentTarget.value)} /></label>
            <span class={topSum() === 100 ? 'ok' : 'bad'}>顶层比重合计 {topSum()}%</span>
          </div>
          <table class="grid small blueprint-tree">
            <thead><tr><th>代码</th><th>名称</th><th>鉴定比重（%）</th><th>重要程度</th><th></th></tr></thead>
            <tbody><NodeRows nodes={tree.ranges} path={() => []} prefix={() => ''} /></tbody>
          </table>
          <Show when={problems().length > 0}>
            <table class="grid small problems">
              <thead><tr><th>节点</th><th>问题</th></tr></thead>
              <tbody><For each={problems()}>{(p) => <tr><td>{p.node}</td><td>{p.problem}</td></tr>}</For></tbody>
            </table>
          </Show>
          <Show when={canEdit()}>
            <div class="form-row">
              <button type="button" onClick={() => edit((r) => void r.push({ code: nextCode(r, false), name: '', weight: 0, children: [] }))}>+鉴定范围</button>
              <button class="primary" disabled={act.busy()} onClick={saveTree}>保存细目表</button>
            </div>
          </Show>
        </Show>
      </section>
      <section class="card">
        <h2>试卷结构</h2>
        <table class="grid small spec-table">
          <thead><tr><th>题型</th><th>题量</th><th>每题分值</th><th>小计</th><th></th></tr></thead>
          <tbody>
            <For each={spec.sections}>
              {(s, i) => (
                <tr>
                  <td>{TYPE_NAMES[s.type]}</td>
                  <td><input type="number" min="0" aria-label={`${TYPE_NAMES[s.type]}题量`} disabled={!canEdit()} value={s.count} onInput={(e) => setSpec('sections', i(), 'count', Number(e.currentTarget.value))} /></td>
                  <td><input type="number" min="0" step="0.5" aria-label={`${TYPE_NAMES[s.type]}每题分值`} disabled={!canEdit()} value={s.marksPerItem} onInput={(e) => setSpec('sections', i(), 'marksPerItem', Number(e.currentTarget.value))} /></td>
                  <td>{round(s.count * s.marksPerItem)}</td>
                  <td><Show when={canEdit()}><button type="button" onClick={() => setSpec('sections', spec.sections.filter((_, j) => j !== i()))}>删除</button></Show></td>
                </tr>
              )}
            </For>
            <tr><td colspan="3">总分</td><td><b>{total()}</b></td><td /></tr>
          </tbody>
        </table>
        <div class="form-row">
          <Show when={canEdit() && unusedTypes().length > 0}>
            <select aria-label="增加题型" onChange={(e) => { const t = e.currentTarget.value as ItemType; if (t) setSpec('sections', [...spec.sections, { type: t, count: 0, marksPerItem: 1 }]); e.currentTarget.value = ''; }}>
              <option value="">+ 增加题型</option>
              <For each={unusedTypes()}>{(t) => <option value={t}>{TYPE_NAMES[t]}</option>}</For>
            </select>
          </Show>
          <label>考试时长（分钟）<input type="number" aria-label="考试时长" disabled={!canEdit()} value={spec.durationMin} onInput={(e) => setSpec('durationMin', Number(e.currentTarget.value))} /></label>
          <label>合格分<input type="number" aria-label="合格分" disabled={!canEdit()} value={spec.passMark} onInput={(e) => setSpec('passMark', Number(e.currentTarget.value))} /></label>
          <label>
            多选题评分
            <select aria-label="多选题评分" disabled={!canEdit()} onChange={(e) => setSpec('partial', e.currentTarget.value === 'partial')}>
              <option value="all" selected={!spec.partial}>全对才得分</option>
              <option value="partial" selected={spec.partial}>少选按正确选项给分</option>
            </select>
          </label>
          <Show when={spec.partial}>
            <label>每个正确选项得分<input type="number" step="0.1" aria-label="每个正确选项得分" disabled={!canEdit()} value={spec.perOption} onInput={(e) => setSpec('perOption', Number(e.currentTarget.value))} /></label>
          </Show>
          <Show when={canEdit()}><button class="primary" disabled={act.busy()} onClick={saveSpec}>保存试卷结构</button></Show>
        </div>
      </section>
      <Show when={data()?.coverage}>
        {(c) => (
          <section class="card">
            <h2>题库覆盖情况</h2>
            <Show when={c().countsProblem}><p class="warn">{c().countsProblem}</p></Show>
            <p class="muted">每卷题量按细目表比重用最大余数法分配；三套平行卷（不共用试题）需要可用题数 ≥ 3 × 每卷题量。</p>
            <table class="grid small coverage">
              <thead><tr><th>单元</th><th>名称</th><th>题型</th><th>每卷题量</th><th>可用试题</th><th>能否组三套</th></tr></thead>
              <tbody>
                <For each={c().cells}>
                  {(cell) => (
                    <tr>
                      <td>{cell.cell}</td>
                      <td>{cell.name}</td>
                      <td>{TYPE_NAMES[cell.type]}</td>
                      <td>{cell.perPaper}</td>
                      <td>{cell.available}</td>
                      <td>{cell.perPaper === 0 ? <span class="muted">—</span> : cell.enoughForThree ? <span class="ok">足够</span> : <span class="bad">不足 {cell.perPaper * 3 - cell.available} 题</span>}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <h3>鉴定点题量（每个鉴定点建议不少于 4 题）</h3>
            <div class="points">
              <For each={c().points}>{(p) => <span class={`tag ${p.items < 4 ? 'bad' : ''}`} title={p.name}>{p.code} {p.importance} · {p.items}</span>}</For>
            </div>
            <Show when={c().unmatched.length > 0}>
              <p class="warn">题库中有鉴定点不在细目表中的试题：{c().unmatched.map((u) => `${u.pointCode}（${u.items}）`).join('、')}</p>
            </Show>
            <p><A href={`/office/bank/build?${scope.query()}`}>去组卷 →</A></p>
          </section>
        )}
      </Show>
    </>
  );
}
