import { createResource, createSignal, For, Show } from 'solid-js';
import { http } from '../lib/http';

interface Entry { id: number; at: string; actor: string; role: string; ip: string; action: string; objectType: string; objectId: string; before: unknown; after: unknown }
type Verdict = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string };

/** The audit trail (全程留痕) with a chain check; read-only. */
export function AuditPage() {
  const [filter, setFilter] = createSignal('');
  const [entries] = createResource(filter, async (f) => (await http.get<{ entries: Entry[] }>(`/api/audit?limit=200${f ? `&action=${encodeURIComponent(f)}` : ''}`)).entries);
  const [verdict, setVerdict] = createSignal<Verdict | null>(null);
  return (
    <section class="card">
      <h1>审计日志</h1>
      <div class="form-row">
        <label>操作前缀<input placeholder="如 user. 或 paper." onChange={(e) => setFilter(e.currentTarget.value.trim())} /></label>
        <button onClick={async () => setVerdict(await http.get<Verdict>('/api/audit/verify'))}>校验哈希链</button>
        <Show when={verdict()}>
          {(v) => (
            <span class={v().ok ? 'ok' : 'bad'}>
              {v().ok ? `完整：共 ${v().rows} 条记录，哈希链无断裂` : `发现篡改：第 ${(v() as { brokenAt: number }).brokenAt} 号记录起链条断裂`}
            </span>
          )}
        </Show>
      </div>
      <table class="grid small">
        <thead><tr><th>#</th><th>时间</th><th>操作人</th><th>角色</th><th>IP</th><th>操作</th><th>对象</th><th>变更前</th><th>变更后</th></tr></thead>
        <tbody>
          <For each={entries()}>
            {(e) => (
              <tr>
                <td>{e.id}</td>
                <td>{new Date(e.at).toLocaleString('zh-CN')}</td>
                <td>{e.actor}</td>
                <td>{e.role}</td>
                <td>{e.ip}</td>
                <td>{e.action}</td>
                <td>{e.objectType} {e.objectId}</td>
                <td><code>{e.before ? JSON.stringify(e.before).slice(0, 200) : ''}</code></td>
                <td><code>{e.after ? JSON.stringify(e.after).slice(0, 200) : ''}</code></td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
