import { LEVEL_NAMES as LEVEL_NAMES_SHARED } from '../../../question-bank/vocabulary';
import { createEffect, createSignal, For, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { formatDuration } from '../lib/socket';
import { AnswerGrid, isAnswered } from './answer-grid';
import { createExamSession, type ExamSession } from './exam-session';
import { choose, ItemView } from './item-view';
import './exam.css';

const LEVELS: Record<number, string> = LEVEL_NAMES_SHARED;
const FONT_KEY = 'sc.fontSize';

/** 理论知识考试: lobby, answering, paused, submitted — all driven by the server's state and clock. */
export function ExamPage() {
  const session = createExamSession();
  onCleanup(() => session.close());
  watchBehaviour(session);
  return (
    <section class="exam" aria-live="polite">
      <StatusBar session={session} />
      <Show when={session.message()}>
        <div class="error-banner" role="alert">{session.message()}</div>
      </Show>
      <Notices session={session} />
      <Switch>
        <Match when={session.status() === 'connecting'}>
          <div class="card"><p>正在连接考试服务器…</p></div>
        </Match>
        <Match when={session.status() === 'lobby'}>
          <Lobby session={session} />
        </Match>
        <Match when={session.status() === 'answering' || session.status() === 'paused'}>
          <Answering session={session} />
        </Match>
        <Match when={session.status() === 'submitted'}>
          <Submitted session={session} />
        </Match>
        <Match when={session.status() === 'blocked'}>
          <div class="card">
            <h1>本设备暂不能进入考试</h1>
            <p>您的考试正在另一台设备上进行。请举手联系监考员；监考员允许换机后，本页面会自动进入考试，已保存的答案和剩余时间不会丢失。</p>
            <button onClick={() => session.retry()}>重新检查</button>
          </div>
        </Match>
        <Match when={session.status() === 'taken'}>
          <div class="card">
            <h1>考试已在本设备停止</h1>
            <button onClick={() => location.reload()}>重新进入</button>
          </div>
        </Match>
        <Match when={session.status() === 'error'}>
          <div class="card">
            <h1>暂时无法进入考试</h1>
            <p>请按上方提示处理，或举手联系监考员。</p>
            <button onClick={() => session.retry()}>重试</button>
          </div>
        </Match>
      </Switch>
    </section>
  );
}

function StatusBar(props: { session: ExamSession }) {
  const s = props.session;
  return (
    <div class="exam-status">
      <span class="exam-who">
        <Show when={s.sitting()}>
          {s.sitting()!.candidateName} · 准考证号 {s.sitting()!.ticketNo} · {s.sitting()!.roomName} {s.sitting()!.seatNo} 号座
        </Show>
      </span>
      <span class={s.online() ? 'exam-online ok' : 'exam-online bad'} role="status" aria-label="网络状态">
        ● {s.online() ? '在线' : '离线'}
      </span>
      <Show when={s.pending() > 0}>
        <span class="warn" aria-label="未保存">未上传 {s.pending()} 条（已暂存本机）</span>
      </Show>
      <Show when={!s.online()}>
        <span class="muted small">网络断开，答案暂存在本机，恢复后自动上传</span>
      </Show>
    </div>
  );
}

function Notices(props: { session: ExamSession }) {
  const latest = () => props.session.notices().slice(-3);
  return (
    <For each={latest()}>
      {(n) => (
        <div class={n.kind === 'warning' ? 'exam-warning' : 'notice'} role="alert">
          <strong>{n.kind === 'warning' ? '监考员警告：' : '考场通知：'}</strong>
          {n.message}
        </div>
      )}
    </For>
  );
}

function Lobby(props: { session: ExamSession }) {
  const s = props.session;
  const untilStart = () => (s.sitting() ? s.sitting()!.scheduledStart - s.serverNow() : 0);
  return (
    <div class="card exam-lobby">
      <Show when={s.sitting()}>
        {(st) => (
          <>
            <h1>理论知识考试 · 候考</h1>
            <p>
              {st().occupationName}（{LEVELS[st().level] ?? `${st().level}级`}） · {st().venue} {st().roomName} 第 {st().seatNo} 号座位 · 考试时长 {st().durationMin} 分钟
            </p>
            <p class="exam-countdown" aria-label="距开考">
              <Show when={untilStart() > 0} fallback={<span>已到开考时间，等待监考员开考…</span>}>
                距开考 <strong>{formatDuration(untilStart())}</strong>
              </Show>
            </p>
            <p class="muted">开考后试题会自动出现，无需刷新页面。时间以服务器时间为准。</p>
            <h2>考场规则</h2>
            <ol class="exam-rules">
              <For each={st().rules}>{(r) => <li>{r}</li>}</For>
            </ol>
            <button type="button" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>进入全屏</button>
          </>
        )}
      </Show>
    </div>
  );
}

function Answering(props: { session: ExamSession }) {
  const s = props.session;
  // The position lives in the session: remembered per attempt, so a reload comes back to the same item.
  const current = s.current;
  const [confirming, setConfirming] = createSignal(false);
  const [font, setFont] = createSignal(Number(localStorage.getItem(FONT_KEY)) || 18);
  createEffect(() => localStorage.setItem(FONT_KEY, String(font())));
  const paused = () => s.status() === 'paused';
  const item = () => s.items()[current()];
  const go = (i: number) => s.go(i);
  const chooseLabel = (label: string) => {
    const it = item();
    if (!it || paused()) return;
    s.answer(it.item.id, choose(it, s.answers[it.item.id]?.value, label));
  };
  const unanswered = () => s.items().filter((x) => !isAnswered(s.answers[x.item.id])).length;
  const flagged = () => s.items().filter((x) => s.answers[x.item.id]?.flagged).length;
  const left = () => s.remainingMs();

  const onKey = (e: KeyboardEvent) => {
    if (paused() || confirming() || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) return;
    const it = item();
    if (!it) return;
    if (e.key === 'ArrowRight' || e.key === 'PageDown') return e.preventDefault(), go(current() + 1);
    if (e.key === 'ArrowLeft' || e.key === 'PageUp') return e.preventDefault(), go(current() - 1);
    if (e.key === 'Home') return go(0);
    if (e.key === 'End') return go(s.items().length - 1);
    if (e.key === 'm' || e.key === 'M') return s.toggleFlag(it.item.id);
    if (it.item.type === 'subjective') return;
    let pos = -1;
    if (/^[1-9]$/.test(e.key)) pos = Number(e.key) - 1;
    else if (/^[a-hA-H]$/.test(e.key)) pos = e.key.toUpperCase().charCodeAt(0) - 65;
    const label = it.labels[pos];
    if (label !== undefined) {
      e.preventDefault();
      chooseLabel(label);
    }
  };
  onMount(() => window.addEventListener('keydown', onKey));
  onCleanup(() => window.removeEventListener('keydown', onKey));

  return (
    <div class="exam-main" style={{ '--exam-font': `${font()}px` }}>
      <div class="exam-toolbar">
        <span class="exam-timer" classList={{ low: (left() ?? 1e9) < 5 * 60_000 }} aria-label="剩余时间">
          剩余时间 <strong>{left() === null ? '--:--' : formatDuration(left()!)}</strong>
        </span>
        <span class="exam-font">
          字号
          <button type="button" aria-label="减小字号" onClick={() => setFont((f) => Math.max(14, f - 2))}>A−</button>
          <button type="button" aria-label="增大字号" onClick={() => setFont((f) => Math.min(30, f + 2))}>A+</button>
        </span>
        <button type="button" class="primary" onClick={() => setConfirming(true)} disabled={paused()}>交卷</button>
      </div>
      <Show when={paused()}>
        <div class="card exam-paused" role="alert">
          <h2>考试已暂停</h2>
          <p>监考员暂停了考试，暂停期间不计时。请在座位上等待，恢复后可继续作答。</p>
        </div>
      </Show>
      <Show when={!paused() && item()}>
        <div class="exam-body">
          <div class="exam-left">
            <ItemView
              index={current()}
              total={s.items().length}
              item={item()!}
              answer={s.answers[item()!.item.id]}
              onChoose={chooseLabel}
              onText={(text) => s.answer(item()!.item.id, text, { debounceMs: 800 })}
              onTextBlur={() => s.flushTyping()}
            />
            <div class="exam-nav">
              <button type="button" onClick={() => go(current() - 1)} disabled={current() === 0}>← 上一题</button>
              <button type="button" classList={{ flagged: !!s.answers[item()!.item.id]?.flagged }} onClick={() => s.toggleFlag(item()!.item.id)}>
                {s.answers[item()!.item.id]?.flagged ? '取消标记' : '标记本题'}
              </button>
              <button type="button" onClick={() => go(current() + 1)} disabled={current() === s.items().length - 1}>下一题 →</button>
            </div>
          </div>
          <AnswerGrid items={s.items()} answers={s.answers} current={current()} onGo={go} />
        </div>
      </Show>
      <Show when={confirming()}>
        <div class="exam-modal" role="dialog" aria-modal="true" aria-label="确认交卷">
          <div class="card">
            <h2>确认交卷</h2>
            <p>
              共 {s.items().length} 题，未答 <strong>{unanswered()}</strong> 题，已标记 <strong>{flagged()}</strong> 题。
            </p>
            <Show when={s.pending() > 0}>
              <p class="warn">还有 {s.pending()} 条答案正在上传，交卷前会先上传。</p>
            </Show>
            <p>交卷后不能再修改答案。</p>
            <div class="form-row">
              <button
                type="button"
                class="primary"
                onClick={async () => {
                  await s.submit('candidate');
                  setConfirming(false);
                }}
              >
                确认交卷
              </button>
              <button type="button" onClick={() => setConfirming(false)}>返回检查</button>
            </div>
          </div>
        </div>
      </Show>
    </div>
  );
}

function Submitted(props: { session: ExamSession }) {
  const s = props.session;
  const answered = () => s.items().filter((x) => isAnswered(s.answers[x.item.id])).length;
  const REASONS: Record<string, string> = { candidate: '您已交卷', timeout: '考试时间到，系统已自动交卷', proctor: '监考员已为您交卷', closed: '考场已关闭' };
  return (
    <div class="card">
      <h1>已交卷</h1>
      <p>{REASONS[s.clock()?.submitReason ?? 'candidate']}。</p>
      <Show when={s.items().length > 0}>
        <p>本次作答 {answered()} / {s.items().length} 题，答案已全部保存。</p>
      </Show>
      <p class="muted">请按监考员指示有序离场。</p>
    </div>
  );
}

/** Report focus loss, leaving full screen, copy/paste and print attempts (the proctor decides what they mean). */
function watchBehaviour(s: ExamSession): void {
  const onBlur = () => s.signal('blur');
  const onVisibility = () => document.visibilityState === 'hidden' && s.signal('hidden');
  const onFullscreen = () => !document.fullscreenElement && s.signal('fullscreen-exit');
  const block = (kind: 'copy' | 'paste' | 'cut' | 'contextmenu') => (e: Event) => {
    if (s.status() !== 'answering') return;
    e.preventDefault();
    s.signal(kind);
  };
  const onCopy = block('copy');
  const onPaste = block('paste');
  const onCut = block('cut');
  const onMenu = block('contextmenu');
  const onPrint = () => s.signal('print');
  const onPrintKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 'p' || e.key === 'P')) {
      e.preventDefault();
      s.signal('print');
    }
  };
  const onHide = () => s.beacon();
  window.addEventListener('blur', onBlur);
  document.addEventListener('visibilitychange', onVisibility);
  document.addEventListener('fullscreenchange', onFullscreen);
  document.addEventListener('copy', onCopy);
  document.addEventListener('paste', onPaste);
  document.addEventListener('cut', onCut);
  document.addEventListener('contextmenu', onMenu);
  window.addEventListener('beforeprint', onPrint);
  window.addEventListener('keydown', onPrintKey, true);
  window.addEventListener('pagehide', onHide);
  onCleanup(() => {
    window.removeEventListener('blur', onBlur);
    document.removeEventListener('visibilitychange', onVisibility);
    document.removeEventListener('fullscreenchange', onFullscreen);
    document.removeEventListener('copy', onCopy);
    document.removeEventListener('paste', onPaste);
    document.removeEventListener('cut', onCut);
    document.removeEventListener('contextmenu', onMenu);
    window.removeEventListener('beforeprint', onPrint);
    window.removeEventListener('keydown', onPrintKey, true);
    window.removeEventListener('pagehide', onHide);
  });
}
