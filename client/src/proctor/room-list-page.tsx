import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { http } from '../lib/http';
import { ErrorBanner } from '../components/error-banner';

interface RoomRow {
  sittingId: number;
  roomId: number;
  roomName: string;
  date: string;
  startTime: string;
  durationMin: number;
  /** The room's own state (each room of a sitting opens and closes on its own). */
  status: 'scheduled' | 'open' | 'closed';
  /** When this room actually opened (epoch ms). */
  openedAt: number | null;
  component: string;
  venue: string;
  batchName: string;
  seats: number;
}

const STATUS: Record<RoomRow['status'], string> = { scheduled: '未开考', open: '考试中', closed: '已结束' };
const COMPONENTS: Record<string, string> = { theory: '理论知识考试', practical: '技能操作考核', review: '综合评审' };

/** Running sittings first, then today's, then upcoming (soonest first), then past ones (latest first). */
function sortForToday(rows: RoomRow[]): RoomRow[] {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // Beijing date
  const rank = (r: RoomRow) => (r.status === 'open' ? 0 : r.date === today ? 1 : r.date > today ? 2 : 3);
  return rows.slice().sort((a, b) => rank(a) - rank(b) || (rank(a) === 3 ? b.date.localeCompare(a.date) : a.date.localeCompare(b.date)) || a.startTime.localeCompare(b.startTime) || a.roomName.localeCompare(b.roomName));
}

/** The rooms this user may open live: a proctor's assigned rooms, every room for the supervisor and the office. */
export function RoomList(props: { base: string; title: string }) {
  const [rooms] = createResource(() => http.get<{ rooms: RoomRow[] }>('/api/room/rooms').then((r) => sortForToday(r.rooms)));
  return (
    <section class="card">
      <h1>{props.title}</h1>
      <ErrorBanner error={rooms.error} />
      <Show when={rooms()} fallback={<p class="muted">加载中…</p>}>
        <Show when={rooms()!.length > 0} fallback={<p class="muted">暂无可查看的考场。</p>}>
          <table class="grid">
            <thead>
              <tr>
                <th>日期</th>
                <th>开考</th>
                <th>科目</th>
                <th>考点</th>
                <th>考场</th>
                <th>人数</th>
                <th>本考场状态</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For each={rooms()}>
                {(r) => (
                  <tr>
                    <td>{r.date}</td>
                    <td>{r.startTime}（{r.durationMin} 分钟）</td>
                    <td>{COMPONENTS[r.component] ?? r.component}</td>
                    <td>{r.venue}</td>
                    <td>{r.roomName}</td>
                    <td>{r.seats}</td>
                    <td>
                      {STATUS[r.status]}
                      <Show when={r.openedAt !== null}>
                        <span class="muted small">（{new Date(r.openedAt!).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' })} 开考）</span>
                      </Show>
                    </td>
                    <td>
                      <A href={`${props.base}/${r.sittingId}/${r.roomId}`}>进入考场</A>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
    </section>
  );
}

/** 我的考场: the proctor's assigned rooms. */
export function ProctorRoomListPage() {
  return <RoomList base="/proctor/rooms" title="我的考场" />;
}
