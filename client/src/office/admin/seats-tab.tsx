import { createResource, createSignal, For, Show } from 'solid-js';
import { http } from '../../lib/http';
import { ErrorBanner } from '../../components/error-banner';
import { canEdit, useAction, type BatchView } from './api';

interface Room { id: number; roomNo: number; name: string; venue: string; capacity: number; columns: number; rows: number; seated: { sittingId: number; count: number }[] }
interface SeatCell {
  seat: number;
  column: number;
  row: number;
  candidate: { id: number; name: string; occupationName: string; levelLabel: string; ticketNo: string; ticketIssued: boolean } | null;
}
interface MapRoom extends Omit<Room, 'seated'> { usedBySitting: number | null; proctors: { id: number; name: string }[]; seats: SeatCell[] }
interface SeatMap {
  rooms: MapRoom[];
  conflicts: number;
  conflictPairs: { roomId: number; seats: [number, number] }[];
  sameOccupationLevelPairs: number;
  candidates: number;
  unseated: { id: number; name: string; occupationName: string; levelLabel: string }[];
}

/** 考场座位: rooms of the batch, automatic arrangement per theory sitting, the seat map and manual moves. */
export function SeatsTab(props: { view: BatchView; reload: () => Promise<void> }) {
  const theory = () => props.view.sittings.filter((s) => s.component === 'theory');
  const [sittingId, setSittingId] = createSignal<number | null>(null);
  const current = () => sittingId() ?? theory()[0]?.id ?? null;
  const [rooms, { refetch: refetchRooms }] = createResource(() => props.view.batch.id, async (id) => (await http.get<{ rooms: Room[] }>(`/api/batches/${id}/rooms`)).rooms);
  const [map, { refetch: refetchMap, mutate }] = createResource(current, (sid) => http.get<SeatMap>(`/api/batches/${props.view.batch.id}/sittings/${sid}/seats`));
  const [selected, setSelected] = createSignal<{ candidateId: number; name: string; issued: boolean } | null>(null);
  const act = useAction();
  const open = () => canEdit() && (props.view.batch.status === 'draft' || props.view.batch.status === 'filed');
  const refresh = async () => {
    await Promise.all([refetchRooms(), refetchMap()]);
    await props.reload();
  };

  const addRoom = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const r = await act.run(
      () => http.post(`/api/batches/${props.view.batch.id}/rooms`, { name: f.get('name'), venue: f.get('venue'), capacity: Number(f.get('capacity')), columns: Number(f.get('columns')) }),
      '考场已添加',
    );
    if (r) {
      form.reset();
      await refresh();
    }
  };
  const removeRoom = async (r: Room) => {
    if (await act.run(() => http.del(`/api/batches/${props.view.batch.id}/rooms/${r.id}`), `已删除${r.name}`)) await refresh();
  };
  const arrange = async (fill: string) => {
    const r = await act.run(
      () => http.post<{ seated: number; kept: number; conflicts: number; map: SeatMap }>(`/api/batches/${props.view.batch.id}/sittings/${current()}/arrange`, { fill }),
      (x) => `已编排 ${x.seated} 名考生${x.kept ? `（保留已发准考证的 ${x.kept} 人座位）` : ''}；相邻同卷 ${x.conflicts} 对`,
    );
    if (r) {
      mutate(r.map);
      await refreshRoomsOnly();
    }
  };
  const refreshRoomsOnly = async () => {
    await refetchRooms();
    await props.reload();
  };
  const clear = async () => {
    if (!confirm('清除本场次的座位编排（已发准考证的座位保留）？')) return;
    if (await act.run(() => http.del(`/api/batches/${props.view.batch.id}/sittings/${current()}/seats`), '座位编排已清除')) await refresh();
  };
  const clickSeat = async (room: MapRoom, cell: SeatCell) => {
    if (!open()) return;
    const sel = selected();
    if (cell.candidate) {
      setSelected(sel?.candidateId === cell.candidate.id ? null : { candidateId: cell.candidate.id, name: cell.candidate.name, issued: cell.candidate.ticketIssued });
      return;
    }
    if (!sel) return;
    let reissueTicket = false;
    if (sel.issued) {
      if (!confirm(`${sel.name}已发准考证，调座后须重新打印准考证。继续？`)) return;
      reissueTicket = true;
    }
    const r = await act.run(
      () => http.post<{ ticketNo: string; warning: string | null }>(`/api/batches/${props.view.batch.id}/sittings/${current()}/seats/move`, { candidateId: sel.candidateId, roomId: room.id, seat: cell.seat, reissueTicket }),
      (x) => `${sel.name}已调至${room.name} ${cell.seat}号座位，准考证号 ${x.ticketNo}${x.warning ? `；${x.warning}` : ''}`,
    );
    setSelected(null);
    if (r) await refetchMap();
  };
  const inConflict = (roomId: number, seat: number) => (map()?.conflictPairs ?? []).some((p) => p.roomId === roomId && p.seats.includes(seat));
  /** Grid order for display: front row first, columns from the door side. */
  const grid = (room: MapRoom) => {
    const cells: (SeatCell | null)[] = [];
    for (let row = 1; row <= room.rows; row++) for (let column = 1; column <= room.columns; column++) cells.push(room.seats.find((s) => s.row === row && s.column === column) ?? null);
    return cells;
  };

  return (
    <>
      <section class="card">
        <h2>考场</h2>
        <ErrorBanner error={act.error()} onClose={() => act.setError(null)} />
        <Show when={act.notice()}><p class="notice" role="status">{act.notice()}</p></Show>
        <table class="grid small">
          <thead><tr><th>考场号</th><th>名称</th><th>地点</th><th>容量</th><th>列 × 排</th><th>已编排</th><Show when={open()}><th>操作</th></Show></tr></thead>
          <tbody>
            <For each={rooms()} fallback={<tr><td colspan="7" class="muted">还没有考场</td></tr>}>
              {(r) => (
                <tr>
                  <td>{String(r.roomNo).padStart(3, '0')}</td>
                  <td>{r.name}</td>
                  <td>{r.venue}</td>
                  <td>{r.capacity}</td>
                  <td>{r.columns} × {r.rows}</td>
                  <td>{r.seated.reduce((s, x) => s + x.count, 0)}</td>
                  <Show when={open()}><td><button onClick={() => removeRoom(r)} disabled={r.seated.length > 0}>删除</button></td></Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={open()}>
          <form class="form-row" onSubmit={addRoom} aria-label="添加考场">
            <label>考场名称<input name="name" required placeholder={`第${(rooms()?.length ?? 0) + 1}考场`} /></label>
            <label>地点<input name="venue" required placeholder="如 实训楼301" /></label>
            <label>容量（≤30）<input name="capacity" type="number" min="1" max="30" value="30" /></label>
            <label>列数<input name="columns" type="number" min="1" max="12" value="5" /></label>
            <button type="submit">添加考场</button>
          </form>
        </Show>
      </section>
      <section class="card">
        <h2>座位编排</h2>
        <Show when={theory().length > 0} fallback={<p class="muted">还没有理论知识考试场次。</p>}>
          <div class="form-row">
            <label>理论场次
              <select onChange={(e) => setSittingId(Number(e.currentTarget.value))}>
                <For each={theory()}>{(s) => <option value={s.id}>{s.date} {s.startTime}–{s.endTime} {s.venue}</option>}</For>
              </select>
            </label>
            <Show when={open()}>
              <button class="primary" disabled={act.busy()} onClick={() => arrange('even')}>自动编排座位</button>
              <button disabled={act.busy()} onClick={() => arrange('inOrder')}>按考场顺序坐满</button>
              <button disabled={act.busy()} onClick={clear}>清除编排</button>
            </Show>
          </div>
          <Show when={map()}>
            {(m) => (
              <>
                <p>
                  本场考生 {m().candidates} 人，未安排 {m().unseated.length} 人；
                  <span class={m().conflicts ? 'bad' : 'ok'}>相邻（前后左右）同一试卷 {m().conflicts} 对</span>，同职业同等级相邻 {m().sameOccupationLevelPairs} 对。
                  <Show when={open()}><span class="muted">点击考生选中，再点击空座位即可调座（记入审计日志）。</span></Show>
                </p>
                <Show when={selected()}><p class="notice">已选中：{selected()!.name}，请点击目标空座位。</p></Show>
                <For each={m().rooms.filter((r) => r.seats.some((s) => s.candidate) || r.usedBySitting === null)}>
                  {(room) => (
                    <div class="room-map" data-room={room.name}>
                      <h3>{room.name}（考场号 {String(room.roomNo).padStart(3, '0')}，{room.venue}）<span class="muted"> 监考：{room.proctors.map((p) => p.name).join('、') || '未安排'}</span></h3>
                      <div class="front">讲台（前）· 门在左侧，座位号从门口一列由前向后编排</div>
                      <div class="seat-map" style={{ 'grid-template-columns': `repeat(${room.columns}, minmax(90px, 1fr))` }}>
                        <For each={grid(room)}>
                          {(cell) => (
                            <Show when={cell} fallback={<div />}>
                              {(c) => (
                                <button
                                  type="button"
                                  class="seat"
                                  classList={{ taken: !!c().candidate, issued: !!c().candidate?.ticketIssued, conflict: inConflict(room.id, c().seat), selected: !!c().candidate && selected()?.candidateId === c().candidate!.id }}
                                  aria-label={`${room.name}${c().seat}号座位${c().candidate ? ` ${c().candidate!.name}` : ' 空'}`}
                                  onClick={() => clickSeat(room, c())}
                                >
                                  <span class="no">{c().seat}</span>
                                  <Show when={c().candidate}>
                                    <span class="who">{c().candidate!.name}</span>
                                    {c().candidate!.occupationName} {c().candidate!.levelLabel.split('/')[0]}
                                    <br />
                                    <small>{c().candidate!.ticketNo}</small>
                                  </Show>
                                </button>
                              )}
                            </Show>
                          )}
                        </For>
                      </div>
                    </div>
                  )}
                </For>
                <Show when={m().unseated.length > 0}>
                  <h3>未安排座位的考生</h3>
                  <p>{m().unseated.map((u) => `${u.name}（${u.occupationName}${u.levelLabel.split('/')[0]}）`).join('、')}</p>
                </Show>
              </>
            )}
          </Show>
        </Show>
      </section>
    </>
  );
}
