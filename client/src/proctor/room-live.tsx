import { createSignal, For, onCleanup, Show } from 'solid-js';
import { formatDuration } from '../lib/socket';
import { createLiveRoom, seatState, type LiveRoomStore } from './live-room';
import { SeatMap } from './seat-map';
import './room.css';

const VIOLATIONS = ['携带或使用通讯工具', '交头接耳、互打暗号', '抄袭他人答案', '协助他人作弊', '冒名顶替', '擅自离开考场', '扰乱考场秩序', '其他违纪'];
const STATUS: Record<string, string> = { scheduled: '未开考', open: '考试中', closed: '已结束' };
const hm = (t: number) => new Date(t).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' });

/**
 * The live room: header with the sitting and counts, the seat map, the selected candidate's actions and
 * the room's actions (each needs a reason, which goes to the audit trail), and the room log.
 * `readOnly` (quality supervisor, office) shows the same view without any action.
 */
export function RoomLive(props: { sittingId: number; roomId: number; readOnly?: boolean }) {
  const room = createLiveRoom(props.sittingId, props.roomId);
  onCleanup(() => room.close());
  const [selected, setSelected] = createSignal<number | null>(null);
  const seats = () => Object.values(room.seats).sort((a, b) => a.seatNo - b.seatNo);
  const canAct = () => !props.readOnly && !!room.snapshot()?.canAct;
  const now = () => room.serverNow();
  const count = (f: (cls: string) => boolean) => seats().filter((x) => f(seatState(x, now()).cls)).length;
  const sitting = () => room.snapshot()?.sitting;
  const sittingLeft = () => {
    const st = sitting();
    if (!st || st.status !== 'open' || st.openedAt === null) return null;
    return st.openedAt + st.durationMin * 60_000 - now();
  };

  return (
    <section class="room-live">
      <div class="card room-head">
        <h1>
          {room.snapshot()?.room.name ?? '考场'} · 实时监控
          <Show when={props.readOnly || (room.snapshot() && !room.snapshot()!.canAct)}>
            <span class="muted small">（只读）</span>
          </Show>
        </h1>
        <Show when={room.error()}>
          <div class="error-banner" role="alert">{room.error()}</div>
        </Show>
        <Show when={sitting()}>
          {(st) => (
            <p>
              {st().title} · {st().venue} · 计划开考 {new Date(st().scheduledStart).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} · 时长 {st().durationMin} 分钟 ·
              本考场 <strong aria-label="考试状态">{STATUS[st().status]}</strong>
              <Show when={st().openedAt !== null}> · 实际开考 <span aria-label="实际开考时间">{hm(st().openedAt!)}</span></Show>
              <Show when={st().closedAt !== null}> · 实际结束 <span aria-label="实际结束时间">{hm(st().closedAt!)}</span></Show>
              <Show when={sittingLeft() !== null}> · 距计划结束 {formatDuration(sittingLeft()!)}</Show>
              <span class={room.online() ? 'ok' : 'bad'}> ● {room.online() ? '实时连接' : '连接中断'}</span>
            </p>
          )}
        </Show>
        <p class="room-counts" aria-label="人数统计">
          应到 {seats().length} · 未到 {count((c) => c === 'absent')} · 候考 {count((c) => c === 'lobby')} · 作答 {count((c) => c === 'answering')} · 暂停 {count((c) => c === 'paused')} · 离线{' '}
          {count((c) => c === 'offline')} · 交卷 {count((c) => c === 'submitted')}
        </p>
        <Show when={canAct()}>
          <RoomActions room={room} />
        </Show>
        <a class="pdf-link" href={`/api/room/sittings/${props.sittingId}/rooms/${props.roomId}/incident-sheet`} target="_blank" rel="external noopener">
          考场情况记录单（PDF）
        </a>
      </div>
      <div class="room-body">
        <SeatMap seats={seats()} columns={room.snapshot()?.room.columns ?? 5} rows={room.snapshot()?.room.rows ?? 6} now={now()} selected={selected()} onSelect={setSelected} />
        <aside class="room-side">
          <Show when={selected() !== null && room.seats[selected()!]}>
            <SeatPanel room={room} seatNo={selected()!} canAct={canAct()} />
          </Show>
          <div class="card room-log">
            <h2>考场记录</h2>
            <ol>
              <For each={room.log().slice().reverse().slice(0, 60)}>
                {(e) => (
                  <li>
                    <span class="muted">{new Date(e.at).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}</span> {e.text}
                  </li>
                )}
              </For>
            </ol>
          </div>
        </aside>
      </div>
    </section>
  );
}

/**
 * One action at a time with its outcome line. `onDone` runs after a success only (the form is cleared
 * then, so the next action needs its own reason; after a refusal the text stays for a correction).
 */
function useAction(onDone: () => void) {
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  const run = async (label: string, f: () => Promise<string | null>) => {
    setBusy(true);
    const err = await f();
    setBusy(false);
    setResult(err ? { ok: false, text: err } : { ok: true, text: `${label}：已完成` });
    if (!err) onDone();
  };
  return { busy, result, run };
}

function RoomActions(props: { room: LiveRoomStore }) {
  const [reason, setReason] = createSignal('');
  const [minutes, setMinutes] = createSignal(10);
  const [category, setCategory] = createSignal('');
  const a = useAction(() => {
    setReason('');
    setCategory('');
  });
  const need = () => a.busy() || reason().trim() === '';
  // The proctor's own room: other rooms of the sitting open and close on their own.
  const status = () => props.room.snapshot()?.sitting.status;
  return (
    <div class="room-actions">
      <div class="form-row">
        <label class="grow">
          原因 / 通知内容
          <input value={reason()} onInput={(e) => setReason(e.currentTarget.value)} placeholder="例如：核验身份完毕、停电补时" aria-label="全场操作原因" />
        </label>
        <label>
          延时（分钟）
          <input type="number" min="1" max="120" value={minutes()} onInput={(e) => setMinutes(Number(e.currentTarget.value))} aria-label="全场延时分钟" />
        </label>
        <label>
          情况类别
          <input value={category()} onInput={(e) => setCategory(e.currentTarget.value)} placeholder="如：设备故障" aria-label="情况类别" />
        </label>
      </div>
      <div class="actions">
        <Show when={status() === 'scheduled'}>
          <button class="primary" disabled={need()} onClick={() => a.run('本考场开考', () => props.room.act('proctor:open', { reason: reason() }))}>本考场开考</button>
        </Show>
        <button disabled={need()} onClick={() => a.run('广播通知', () => props.room.act('proctor:notice', { reason: reason(), message: reason() }))}>广播通知</button>
        <button disabled={need() || status() !== 'open'} onClick={() => a.run('全场暂停', () => props.room.act('proctor:pause', { reason: reason() }))}>全场暂停</button>
        <button disabled={need() || status() !== 'open'} onClick={() => a.run('全场继续', () => props.room.act('proctor:resume', { reason: reason() }))}>全场继续</button>
        <button disabled={need() || status() === 'closed'} onClick={() => a.run('全场延时', () => props.room.act('proctor:extend', { reason: reason(), minutes: minutes() }))}>全场延时</button>
        <button disabled={need()} onClick={() => a.run('记录考场情况', () => props.room.act('proctor:incident', { reason: reason(), category: category() || undefined }))}>记录考场情况</button>
        <button disabled={need() || status() !== 'open'} onClick={() => a.run('结束本考场考试', () => props.room.act('proctor:close', { reason: reason() }))}>结束本考场考试</button>
      </div>
      <Show when={a.result()}>
        <p class={a.result()!.ok ? 'ok' : 'bad'} role="status">{a.result()!.text}</p>
      </Show>
    </div>
  );
}

function SeatPanel(props: { room: LiveRoomStore; seatNo: number; canAct: boolean }) {
  const seat = () => props.room.seats[props.seatNo]!;
  const [reason, setReason] = createSignal('');
  const [minutes, setMinutes] = createSignal(5);
  const [violation, setViolation] = createSignal(VIOLATIONS[0]!);
  const a = useAction(() => setReason(''));
  const need = () => a.busy() || reason().trim() === '' || seat().attemptId === null;
  const id = () => seat().attemptId!;
  const who = () => `${seat().seatNo} 号考生 ${seat().candidateName}（准考证号 ${seat().ticketNo}）`;
  // A violation marks the result and a force-submit ends the attempt: neither can be taken back, so ask first.
  const recordViolation = () => {
    if (!window.confirm(`确认记录 ${who()} 违纪（${violation()}）？\n说明：${reason()}\n违纪记录将影响该考生成绩，且不能撤销。`)) return;
    void a.run('记录违纪', () => props.room.act('proctor:violation', { reason: reason(), attempt: id(), category: violation() }));
  };
  const forceSubmit = () => {
    if (!window.confirm(`确认对 ${who()} 强制交卷？\n原因：${reason()}\n交卷后考生不能继续作答。`)) return;
    void a.run('强制交卷', () => props.room.act('proctor:force-submit', { reason: reason(), attempt: id() }));
  };
  return (
    <div class="card seat-panel" aria-label="考生操作">
      <h2>
        {seat().seatNo} 号 {seat().candidateName}
      </h2>
      <p class="muted">准考证号 {seat().ticketNo} · {seatState(seat(), props.room.serverNow()).text}</p>
      <Show when={props.canAct && seat().attemptId !== null} fallback={
          <Show when={props.canAct}>
            <p class="muted">考生尚未签到进入考试。</p>
            <Show when={(seat().flags['late-entry'] ?? 0) > 0}>
              <p class="bad">该考生在开考 15 分钟后到达，已按规定拒绝入场（已记入考场情况记录单）。</p>
            </Show>
          </Show>
        }>
        <label>
          原因 / 说明
          <textarea rows={2} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} aria-label="考生操作原因" />
        </label>
        <div class="actions">
          <button disabled={need()} onClick={() => a.run('警告', () => props.room.act('proctor:warn', { reason: reason(), message: reason(), attempt: id() }))}>警告</button>
          <button disabled={need() || seat().phase !== 'answering'} onClick={() => a.run('暂停', () => props.room.act('proctor:pause', { reason: reason(), attempt: id() }))}>暂停</button>
          <button disabled={need() || seat().phase !== 'paused'} onClick={() => a.run('继续', () => props.room.act('proctor:resume', { reason: reason(), attempt: id() }))}>继续</button>
          <Show when={seat().deviceBlocked}>
            <button class="primary" disabled={need()} onClick={() => a.run('允许换机', () => props.room.act('proctor:allow-move', { reason: reason(), attempt: id() }))}>允许换机</button>
          </Show>
        </div>
        <div class="form-row">
          <label>
            延时（分钟）
            <input type="number" min="1" max="120" value={minutes()} onInput={(e) => setMinutes(Number(e.currentTarget.value))} aria-label="考生延时分钟" />
          </label>
          <button disabled={need() || seat().phase === 'submitted'} onClick={() => a.run('延时', () => props.room.act('proctor:extend', { reason: reason(), attempt: id(), minutes: minutes() }))}>延时</button>
        </div>
        <div class="form-row">
          <label>
            违纪类别
            <select value={violation()} onChange={(e) => setViolation(e.currentTarget.value)} aria-label="违纪类别">
              <For each={VIOLATIONS}>{(v) => <option value={v}>{v}</option>}</For>
            </select>
          </label>
          <button disabled={need()} onClick={recordViolation}>记录违纪…</button>
          <button disabled={need()} onClick={() => a.run('记录情况', () => props.room.act('proctor:incident', { reason: reason(), attempt: id() }))}>记录情况</button>
        </div>
        <div class="actions">
          <button disabled={need() || seat().phase === 'submitted'} onClick={forceSubmit}>强制交卷…</button>
        </div>
        <Show when={a.result()}>
          <p class={a.result()!.ok ? 'ok' : 'bad'} role="status">{a.result()!.text}</p>
        </Show>
      </Show>
    </div>
  );
}
