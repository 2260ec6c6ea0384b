/**
 * The candidate's exam session: the socket, the server clock, the outbox and the state the exam page
 * renders. Every change is written to the outbox first and sent over `answer:save`; an entry leaves the
 * outbox only on the server's ack (sent after commit). Every (re)connect calls `attempt:resume` and
 * merges: the server's answers, except where the outbox holds something newer (which is resent).
 */
import { batch, createSignal } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import type {
  AnswerValue, AttemptClock, AttemptSnapshot, BehaviourSignal, CandidateOrderView, ItemView, PaperView, RoomNotice, SittingView,
} from '../../../server/realtime/contract';
import { http } from '../lib/http';
import { me } from '../lib/session';
import { openSocket, request, ServerClock, type RoomSocket } from '../lib/socket';
import { deviceId } from './device';
import { Outbox, type OutboxEntry } from './outbox';

/** What the exam page shows: waiting, answering, paused, submitted, or why it cannot go on. */
export type SessionStatus = 'connecting' | 'lobby' | 'answering' | 'paused' | 'submitted' | 'blocked' | 'taken' | 'error';

/** What the page shows for one item: its content in this candidate's option order and the current answer. */
export interface ShownItem {
  item: ItemView;
  /** Option labels in display order. */
  labels: string[];
}

/** The answer shown for an item (saved or still in the outbox). */
export interface LocalAnswer {
  value: AnswerValue;
  flagged: boolean;
}

/** A save unacknowledged this long triggers a heartbeat probe; a probe unanswered this long means offline. */
const STALL_MS = 1000;
const PROBE_TIMEOUT_MS = 1500;
/** Margin over the server's ping interval before a silent connection counts as lost. */
const PING_GRACE_MS = 2500;

const FINAL = new Set(['ATTEMPT_CLOSED', 'TIME_OVER', 'UNKNOWN_ITEM', 'INVALID_ANSWER', 'NOT_YOUR_ATTEMPT', 'INVALID_INPUT', 'DEVICE_BLOCKED']);
/** Per candidate: the cached paper carries this candidate's order, never to be shown to another. */
const paperCacheKey = () => `sc.paper.${me()?.candidateId ?? 'unknown'}`;
/** Per attempt: the item the candidate was on, so a reload comes back to it. */
const currentItemKey = (attemptId: number) => `sc.item.${attemptId}`;

/** Start a session for the logged-in candidate. Call `close()` when the page goes away. */
export function createExamSession() {
  const clock = new ServerClock();
  const device = deviceId();
  const [status, setStatus] = createSignal<SessionStatus>('connecting');
  // Online = the socket is connected, the browser says it is online, and the server answers (a probe
  // after a slow save ack, the heartbeat, the engine's pings). Each turns 离线 on its own, within 1–2 s.
  const [connected, setConnected] = createSignal(false);
  const [browserOnline, setBrowserOnline] = createSignal(typeof navigator === 'undefined' ? true : navigator.onLine !== false);
  const [stalled, setStalled] = createSignal(false);
  const online = () => connected() && browserOnline() && !stalled();
  const [current, setCurrent] = createSignal(0);
  const [message, setMessage] = createSignal<string | null>(null);
  const [sitting, setSitting] = createSignal<SittingView | null>(null);
  const [attemptClock, setAttemptClock] = createSignal<AttemptClock | null>(null);
  const [items, setItems] = createSignal<ShownItem[]>([]);
  const [answers, setAnswers] = createStore<Record<string, LocalAnswer>>({});
  const [pending, setPending] = createSignal(0);
  const [notices, setNotices] = createSignal<RoomNotice[]>([]);
  const [tick, setTick] = createSignal(0);
  let attemptId: number | null = null;
  let outbox: Outbox | null = null;
  let paper: { key: string; view: PaperView; order: CandidateOrderView } | null = null;
  let sebToken: string | null = null;
  const inFlight = new Map<string, number>();
  let restoredFor: number | null = null;
  let probing = false;
  let lastHeard = Date.now();
  const textTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let submitting = false;
  const s: RoomSocket = openSocket();

  try {
    const cached = JSON.parse(sessionStorage.getItem(paperCacheKey()) ?? 'null') as { key: string; view: PaperView; order: CandidateOrderView } | null;
    if (cached?.key && cached.view && cached.order) paper = cached;
  } catch {
    paper = null;
  }

  const refreshPending = () => setPending(outbox?.size ?? 0);

  function applyClock(c: AttemptClock): void {
    batch(() => {
      setAttemptClock(c);
      if (c.phase === 'submitted') setStatus('submitted');
      else if (c.phase === 'paused') setStatus('paused');
      else if (c.phase === 'answering') setStatus('answering');
      else setStatus('lobby');
    });
    if (c.phase === 'answering') void flush();
  }

  function showPaper(view: PaperView, order: CandidateOrderView): void {
    const shown = order.items.map((j) => ({ item: view.items[j]!, labels: order.options[j] ?? view.items[j]!.options.map((o) => o.label) }));
    setItems(shown);
    // First paper of this attempt in this page: back to the item the candidate was on before a reload.
    if (attemptId !== null && restoredFor !== attemptId) {
      restoredFor = attemptId;
      const saved = localStorage.getItem(currentItemKey(attemptId));
      const at = saved === null ? -1 : shown.findIndex((x) => x.item.id === saved);
      setCurrent(at >= 0 ? at : 0);
    } else if (current() >= shown.length) setCurrent(Math.max(0, shown.length - 1));
  }

  /** Show item `i` (clamped) and remember it for this attempt. */
  function go(i: number): void {
    const list = items();
    const at = Math.max(0, Math.min(list.length - 1, i));
    setCurrent(at);
    const id = list[at]?.item.id;
    if (attemptId !== null && id) {
      try {
        localStorage.setItem(currentItemKey(attemptId), id);
      } catch {
        // Storage full: the position is a convenience, the answers are kept elsewhere.
      }
    }
  }

  /** Heard from the server: the connection works. */
  function heard(): void {
    lastHeard = Date.now();
    setStalled(false);
  }

  /**
   * Is the server still there? A heartbeat (answered from memory) with a short timeout: unanswered means
   * offline even when the socket has not noticed yet. One probe at a time.
   */
  async function probe(): Promise<void> {
    if (probing || attemptId === null || !s.connected) return;
    probing = true;
    try {
      const sentAt = Date.now();
      const r = await request(s, 'attempt:heartbeat', { attempt: attemptId }, PROBE_TIMEOUT_MS);
      if (r.ok) {
        heard();
        clock.observe(r.data.clock.serverNow, sentAt, Date.now());
        applyClock(r.data.clock);
      } else if (r.error.code === 'TIMEOUT') setStalled(true);
      else heard(); // a refusal is an answer: the server is reachable
    } finally {
      probing = false;
    }
  }

  async function resume(): Promise<void> {
    const r = await request(s, 'attempt:resume', { deviceId: device, paperKey: paper?.key ?? null, sebToken }, 15000);
    if (!r.ok) {
      if (r.error.code === 'SEB_REQUIRED' && !sebToken) {
        try {
          sebToken = (await http.get<{ token: string | null }>('/api/room/seb')).token;
          if (sebToken) return resume();
        } catch (e) {
          setMessage(e instanceof Error ? e.message : String(e));
          setStatus('error');
          return;
        }
      }
      setMessage(r.error.message);
      if (r.error.code === 'DEVICE_BLOCKED') setStatus('blocked');
      else if (r.error.code !== 'TIMEOUT') setStatus('error');
      return;
    }
    adopt(r.data);
  }

  function adopt(snap: AttemptSnapshot): void {
    attemptId = snap.attemptId;
    if (!outbox || outbox.attemptId !== snap.attemptId) outbox = new Outbox(localStorage, snap.attemptId);
    outbox.atLeast(snap.maxSeq);
    if (snap.paper && snap.paperKey && snap.order) {
      paper = { key: snap.paperKey, view: JSON.parse(new TextDecoder().decode(snap.paper)) as PaperView, order: snap.order };
      try {
        sessionStorage.setItem(paperCacheKey(), JSON.stringify(paper));
      } catch {
        // Storage full: keep it in memory only.
      }
    }
    batch(() => {
      setSitting(snap.sitting);
      setMessage(null);
      if (paper && paper.key === snap.paperKey) showPaper(paper.view, paper.order);
      const merged: Record<string, LocalAnswer> = {};
      for (const a of snap.answers) merged[a.item] = { value: a.value, flagged: a.flagged };
      for (const e of outbox!.entries()) {
        const server = snap.answers.find((a) => a.item === e.item);
        if (!server || server.seq < e.seq) merged[e.item] = { value: e.value, flagged: e.flagged };
        else outbox!.ack(e.item, server.seq);
      }
      setAnswers(produce((st) => {
        for (const k of Object.keys(st)) delete st[k];
        Object.assign(st, merged);
      }));
      setNotices(snap.notices);
      refreshPending();
      applyClock(snap.clock);
    });
  }

  async function send(e: OutboxEntry): Promise<void> {
    if (attemptId === null || !s.connected) return;
    const k = `${e.item}#${e.seq}`;
    if (inFlight.has(k)) return;
    const sentAt = Date.now();
    inFlight.set(k, sentAt);
    const r = await request(s, 'answer:save', { attempt: attemptId, item: e.item, seq: e.seq, value: e.value, flagged: e.flagged });
    inFlight.delete(k);
    if (r.ok || r.error.code !== 'TIMEOUT') heard();
    if (r.ok) {
      clock.observe(r.data.savedAt, sentAt, Date.now());
      outbox?.ack(e.item, r.data.seq);
    } else if (r.error.code === 'STALE_SEQ') {
      outbox?.drop(e.item, e.seq);
      void resume(); // something newer is stored (another device?): show what the server holds
    } else if (r.error.code === 'SEQ_CONFLICT') {
      // The server holds another answer under this seq (another window?): it stays; show it and say so.
      outbox?.drop(e.item, e.seq);
      setMessage(r.error.message);
      void resume();
    } else if (FINAL.has(r.error.code)) {
      outbox?.drop(e.item, e.seq);
      setMessage(r.error.message);
    }
    refreshPending();
  }

  /** Send everything unsent (on connect, after resume, every few seconds while answering). */
  async function flush(): Promise<void> {
    if (!outbox || status() !== 'answering') return;
    await Promise.all(outbox.entries().map((e) => send(e)));
  }

  /** Record an answer change: local state, outbox, then the server. Text is sent after a short pause in typing. */
  function answer(item: string, value: AnswerValue, opts: { flagged?: boolean; debounceMs?: number } = {}): void {
    if (!outbox || status() !== 'answering') return;
    const flagged = opts.flagged ?? answers[item]?.flagged ?? false;
    setAnswers(item, { value, flagged });
    const commit = () => {
      textTimers.delete(item);
      const e: OutboxEntry = { item, seq: outbox!.nextSeq(), value: answers[item]?.value ?? value, flagged: answers[item]?.flagged ?? flagged };
      outbox!.put(e);
      refreshPending();
      void send(e);
    };
    const old = textTimers.get(item);
    if (old) clearTimeout(old);
    if (opts.debounceMs) textTimers.set(item, setTimeout(commit, opts.debounceMs));
    else commit();
  }

  function emptyValue(item: string): AnswerValue {
    return items().find((x) => x.item.id === item)?.item.type === 'subjective' ? '' : [];
  }

  function toggleFlag(item: string): void {
    const cur = answers[item];
    answer(item, cur?.value ?? emptyValue(item), { flagged: !(cur?.flagged ?? false) });
  }

  /** Send pending text edits now (before submitting). */
  function flushTyping(): void {
    for (const [item, timer] of [...textTimers]) {
      clearTimeout(timer);
      textTimers.delete(item);
      const cur = answers[item];
      if (cur) {
        const e: OutboxEntry = { item, seq: outbox!.nextSeq(), value: cur.value, flagged: cur.flagged };
        outbox!.put(e);
        void send(e);
      }
    }
    refreshPending();
  }

  /** Submit after the outbox is empty (waits up to `waitMs` for acks). */
  async function submit(reason: 'candidate' | 'timeout', waitMs = 8000): Promise<boolean> {
    if (attemptId === null || submitting) return false;
    submitting = true;
    try {
      flushTyping();
      const until = Date.now() + waitMs;
      while ((outbox?.size ?? 0) > 0 && Date.now() < until) {
        await flush();
        await new Promise((r) => setTimeout(r, 200));
      }
      const r = await request(s, 'attempt:submit', { attempt: attemptId, reason }, 15000);
      if (r.ok) applyClock(r.data.clock);
      else if (r.error.code === 'ATTEMPT_CLOSED') setStatus('submitted');
      else setMessage(r.error.message);
      return r.ok;
    } finally {
      submitting = false;
    }
  }

  const lastSignal = new Map<string, number>();
  function signal(kind: BehaviourSignal): void {
    if (attemptId === null || status() !== 'answering') return;
    const now = Date.now();
    if (now - (lastSignal.get(kind) ?? 0) < 2000) return;
    lastSignal.set(kind, now);
    void request(s, 'attempt:signal', { attempt: attemptId, signal: kind });
  }

  /** `navigator.sendBeacon` of the unsent answers (page hide/unload); the outbox stays for the next resume. */
  function beacon(): void {
    if (!outbox || attemptId === null || outbox.size === 0) return;
    const body = JSON.stringify({ attempt: attemptId, deviceId: device, saves: outbox.entries().slice(0, 500) });
    navigator.sendBeacon?.('/api/room/beacon', new Blob([body], { type: 'application/json' }));
  }

  /** Time left in ms by the server clock (null in the lobby). */
  function remainingMs(): number | null {
    tick();
    const c = attemptClock();
    if (!c) return null;
    if (c.phase === 'answering' && c.endsAt !== null) return Math.max(0, c.endsAt - clock.now());
    return c.remainingMs;
  }

  s.on('connect', async () => {
    batch(() => {
      setConnected(true);
      heard();
    });
    await clock.sync(s);
    await resume();
  });
  s.on('disconnect', () => setConnected(false));
  // Any packet from the server (the engine's pings every few seconds included) shows the link works.
  s.io.on('ping', heard);
  s.onAny(heard);

  const onBrowserOffline = () => setBrowserOnline(false);
  const onBrowserOnline = () => {
    setBrowserOnline(true);
    if (!s.connected) return; // socket.io is reconnecting on its own
    // The socket may have died silently while the network was away: prove it, or start a new one.
    void probe().then(() => {
      if (stalled() && s.connected) {
        s.disconnect();
        s.connect();
      }
    });
  };
  window.addEventListener('offline', onBrowserOffline);
  window.addEventListener('online', onBrowserOnline);

  // Missed acks: a save unanswered for STALL_MS starts a probe; a server silent for longer than its ping
  // interval (plus a margin) is treated as gone (the socket would notice only after its ping timeout).
  const watchdog = setInterval(() => {
    if (!s.connected) return;
    const now = Date.now();
    for (const sentAt of inFlight.values()) {
      if (now - sentAt > STALL_MS) {
        void probe();
        break;
      }
    }
    // engine.io-client keeps the server's interval from the handshake in `_pingInterval` (not typed).
    const engine = s.io.engine as unknown as { _pingInterval?: number; pingInterval?: number } | undefined;
    const pingInterval = engine?._pingInterval ?? engine?.pingInterval ?? -1;
    if (pingInterval > 0 && now - lastHeard > pingInterval + PING_GRACE_MS) void probe();
  }, 500);
  s.on('attempt:clock', (p) => {
    if (p.attemptId === attemptId) applyClock(p.clock);
  });
  s.on('sitting:opened', () => void resume());
  s.on('attempt:move-allowed', () => void resume());
  s.on('room:notice', (n) => setNotices((list) => [...list, n].slice(-10)));
  s.on('attempt:taken', (p) => {
    setStatus('taken');
    setMessage(p.reason === 'moved' ? '监考员已将您的考试转移到另一台设备，本设备已退出考试。' : '您的考试已在另一个窗口中打开，本窗口已停止。');
  });

  const timer = setInterval(() => {
    setTick((n) => n + 1);
    const left = remainingMs();
    if (status() === 'answering' && left !== null && left <= 0 && !submitting) void submit('timeout', Math.min(20_000, attemptClock()?.graceMs ?? 20_000));
  }, 250);
  const retry = setInterval(() => void flush(), 3000);
  const heartbeat = setInterval(() => void probe(), 10_000);

  return {
    status, online, message, sitting, clock: attemptClock, items, answers, pending, notices, remainingMs,
    serverNow: () => (tick(), clock.now()),
    answer, toggleFlag, submit, signal, beacon, emptyValue, flushTyping,
    current, go,
    retry: () => void resume(),
    close(): void {
      beacon();
      clearInterval(timer);
      clearInterval(retry);
      clearInterval(heartbeat);
      clearInterval(watchdog);
      window.removeEventListener('online', onBrowserOnline);
      window.removeEventListener('offline', onBrowserOffline);
      s.disconnect();
    },
  };
}

/** The session object the exam page renders. */
export type ExamSession = ReturnType<typeof createExamSession>;
