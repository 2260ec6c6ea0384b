/**
 * The benchmark's load generator, in its own process: N candidates over real socket.io connections
 * (websocket), each connecting within the start window, fetching the paper on its first resume, saving
 * an answer about every 5 s (outbox semantics: resent until acked, highest seq wins) and sending a
 * heartbeat every 10 s; one proctor per room watching it. Reports ack latencies, retries, every
 * acknowledged (attempt, item, seq), and how long each candidate took to resynchronise after a restart.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { AttemptSnapshot, ClientToServerEvents, PaperView, Result, ServerToClientEvents } from '../../server/realtime/contract';
import type { BenchPlan } from './seed';
import { percentile, r1 } from './stats';

type S = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Entry {
  item: string;
  seq: number;
  value: string[];
}

interface Cand {
  i: number;
  socket: S;
  attemptId: number | null;
  paperKey: string | null;
  seq: number;
  pending: Map<string, Entry>;
  inFlight: Set<string>;
  sends: Map<string, number>;
  resumes: number[];
  connects: number[];
  trace: string[];
  /** Resumed on the current connection (saves may be sent). */
  joined: boolean;
  /** The save loop runs (started after the first resume). */
  started: boolean;
}

export interface LoadReport {
  type: 'report';
  connected: number;
  joined: number;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  retries: number;
  acked: number;
  ackedKeys: [number, string, number][];
  pendingAtEnd: number;
  errors: Record<string, number>;
  resync: { killAt: number; readyAt: number; maxS: number | null; notBack: number; maxConnectS: number }[];
  proctorUpdates: number;
  loadLoopP99: number;
  kbReceivedPerCandidate: number;
  cpuPct: number;
  /** Latency after the start window (+5 s), kills excluded: the steady state. */
  steady: { samples: number; p50: number; p95: number; p99: number; max: number };
  /** p99 per 5-second slice of the run, for the log. */
  slices: number[];
}

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

let url = '';
let plan: BenchPlan;
let stopped = false;
const cands: Cand[] = [];
const proctors: S[] = [];
const latencies: number[] = [];
/** [ms since start, latency] for the per-phase figures (connect window vs steady state). */
const timeline: [number, number][] = [];
let startedAt = 0;
const acked = new Map<string, number>();
let ackCount = 0;
let retries = 0;
let proctorUpdates = 0;
let paperBytes = 0;
const errors: Record<string, number> = {};
const kills: { killAt: number; readyAt: number }[] = [];
let paper: PaperView | null = null;

const rand = (n: number) => Math.floor(Math.random() * n);

function valueFor(item: PaperView['items'][number]): string[] {
  const labels = item.options.map((o) => o.label);
  if (item.type === 'multi') {
    const chosen = labels.filter(() => Math.random() < 0.5);
    return chosen.length ? chosen : [labels[0]!];
  }
  return [labels[rand(labels.length)]!];
}

function emit<E extends keyof ClientToServerEvents>(s: S, event: E, payload: Parameters<ClientToServerEvents[E]>[0], timeoutMs: number, cb: (err: Error | null, r?: Result<unknown>) => void): void {
  (s.timeout(timeoutMs) as unknown as { emit(e: string, p: unknown, f: (err: Error | null, r?: Result<unknown>) => void): void }).emit(event, payload, cb);
}

function send(c: Cand, e: Entry): void {
  if (!c.socket.connected || !c.joined || c.attemptId === null) return;
  const key = `${e.item}#${e.seq}`;
  if (c.inFlight.has(key)) return;
  const n = (c.sends.get(key) ?? 0) + 1;
  c.sends.set(key, n);
  if (n > 1) retries++;
  c.inFlight.add(key);
  const attempt = c.attemptId;
  const t0 = performance.now();
  emit(c.socket, 'answer:save', { attempt, item: e.item, seq: e.seq, value: e.value }, 10_000, (err, r) => {
    c.inFlight.delete(key);
    if (err || !r) return; // timeout or disconnect: still pending, resent after resume / by the retry sweep
    if (r.ok) {
      const ms = performance.now() - t0;
      latencies.push(ms);
      timeline.push([Date.now() - startedAt, ms]);
      ackCount++;
      c.sends.delete(key);
      const k = `${attempt}\n${e.item}`;
      if ((acked.get(k) ?? 0) < e.seq) acked.set(k, e.seq);
      if ((c.pending.get(e.item)?.seq ?? Infinity) <= e.seq) c.pending.delete(e.item);
      return;
    }
    errors[r.error.code] = (errors[r.error.code] ?? 0) + 1;
    if (r.error.code === 'ATTEMPT_PAUSED' || r.error.code === 'RATE_LIMITED' || r.error.code === 'INTERNAL') return;
    if (c.pending.get(e.item)?.seq === e.seq) c.pending.delete(e.item); // final (STALE_SEQ: something newer is stored)
  });
}

function resume(c: Cand): void {
  emit(c.socket, 'attempt:resume', { deviceId: `bench-device-${c.i}`, paperKey: c.paperKey }, 20_000, (err, r) => {
    if (err || !r) return void setTimeout(() => c.socket.connected && resume(c), 500);
    if (!r.ok) {
      errors[`resume:${r.error.code}`] = (errors[`resume:${r.error.code}`] ?? 0) + 1;
      return void setTimeout(() => c.socket.connected && resume(c), 1000);
    }
    const snap = r.data as AttemptSnapshot;
    c.resumes.push(Date.now());
    c.attemptId = snap.attemptId;
    c.seq = Math.max(c.seq, snap.maxSeq);
    if (snap.paper) {
      const bytes = snap.paper as Uint8Array;
      paperBytes += bytes.byteLength;
      paper ??= JSON.parse(Buffer.from(bytes).toString('utf8')) as PaperView;
    }
    c.paperKey = snap.paperKey;
    c.joined = true;
    for (const e of c.pending.values()) send(c, e);
    if (!c.started) {
      c.started = true;
      scheduleSave(c);
    }
  });
}

function scheduleSave(c: Cand): void {
  setTimeout(() => {
    if (stopped) return;
    if (paper && c.attemptId !== null) {
      const item = paper.items[rand(paper.items.length)]!;
      const e: Entry = { item: item.id, seq: ++c.seq, value: valueFor(item) };
      c.pending.set(e.item, e);
      send(c, e);
    }
    scheduleSave(c);
  }, 4000 + Math.random() * 2000);
}

function startCandidate(i: number): void {
  const token = plan.candidates[i]!.token;
  const socket: S = ioClient(url, {
    transports: ['websocket'], forceNew: true, extraHeaders: { cookie: `sc_sid=${token}` },
    reconnectionDelay: 500, reconnectionDelayMax: 1500, randomizationFactor: 0.5, timeout: 10_000,
  });
  const c: Cand = { i, socket, attemptId: null, paperKey: null, seq: 0, pending: new Map(), inFlight: new Set(), sends: new Map(), resumes: [], connects: [], trace: [], joined: false, started: false };
  cands.push(c);
  socket.on('connect', () => {
    c.connects.push(Date.now());
    if (process.env.BENCH_DEBUG) c.trace.push(`${Date.now()} connected`);
    resume(c);
  });
  socket.on('disconnect', () => {
    c.joined = false;
  });
  socket.on('connect_error', (e) => {
    if (process.env.BENCH_DEBUG) c.trace.push(`${Date.now()} connect_error ${e.message}`);
  });
  socket.io.on('reconnect_attempt', (n) => {
    if (process.env.BENCH_DEBUG) c.trace.push(`${Date.now()} attempt ${n}`);
  });
  setInterval(() => {
    if (!socket.connected || c.attemptId === null || stopped) return;
    emit(socket, 'attempt:heartbeat', { attempt: c.attemptId }, 10_000, () => undefined);
  }, 10_000 + Math.random() * 500).unref();
}

function startProctor(p: BenchPlan['proctors'][number]): void {
  const s: S = ioClient(url, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie: `sc_sid=${p.token}` }, reconnectionDelay: 500, reconnectionDelayMax: 2000 });
  s.on('connect', () => emit(s, 'room:watch', { sitting: plan.sittingId, room: p.roomId }, 20_000, () => undefined));
  s.on('room:seats', () => void proctorUpdates++);
  proctors.push(s);
}

// Resend whatever is pending and not in flight (lost acks, refusals to retry).
setInterval(() => {
  for (const c of cands) for (const e of c.pending.values()) send(c, e);
}, 5000).unref();

function report(): LoadReport {
  const sorted = Float64Array.from(latencies).sort();
  const resync = kills.map((k, idx) => {
    let maxS = 0;
    let maxConnectS = 0;
    let notBack = 0;
    // Only resumes before the next kill count for this restart (after it, the candidate was not back in time).
    const until = kills[idx + 1]?.killAt ?? Infinity;
    for (const c of cands) {
      const t = c.resumes.find((x) => x > k.killAt && x < until);
      const con = c.connects.find((x) => x > k.killAt && x < until);
      if (con !== undefined) maxConnectS = Math.max(maxConnectS, (con - k.readyAt) / 1000);
      if (t === undefined) notBack++;
      else maxS = Math.max(maxS, (t - k.readyAt) / 1000);
    }
    if (process.env.BENCH_DEBUG) {
      const slow = cands.reduce((a, c) => ((c.connects.find((x) => x > k.killAt) ?? 0) > (a.connects.find((x) => x > k.killAt) ?? 0) ? c : a));
      console.error('kill', k, 'slowest', slow.i, slow.trace.filter((t) => Number(t.split(' ')[0]) > k.killAt).slice(0, 30));
    }
    return { ...k, maxS: notBack ? null : r1(maxS), notBack, maxConnectS: r1(maxConnectS) };
  });
  const ackedKeys: [number, string, number][] = [...acked].map(([k, seq]) => {
    const [a, item] = k.split('\n') as [string, string];
    return [Number(a), item, seq];
  });
  const windowEnd = 15_000;
  const killed = (t: number) => kills.some((k) => startedAt + t >= k.killAt && startedAt + t <= (k.readyAt || k.killAt) + 10_000);
  const steady = Float64Array.from(timeline.filter(([t]) => t > windowEnd && !killed(t)).map(([, ms]) => ms)).sort();
  const slices: number[] = [];
  const last = timeline.reduce((m, [t]) => Math.max(m, t), 0);
  for (let from = 0; from <= last; from += 5000) {
    const xs = Float64Array.from(timeline.filter(([t]) => t >= from && t < from + 5000).map(([, ms]) => ms)).sort();
    slices.push(r1(percentile(xs, 99)));
  }
  return {
    type: 'report',
    steady: { samples: steady.length, p50: r1(percentile(steady, 50)), p95: r1(percentile(steady, 95)), p99: r1(percentile(steady, 99)), max: r1(steady.length ? steady[steady.length - 1]! : 0) },
    slices,
    connected: cands.filter((c) => c.socket.connected).length,
    joined: cands.filter((c) => c.started).length,
    samples: sorted.length,
    p50: r1(percentile(sorted, 50)),
    p95: r1(percentile(sorted, 95)),
    p99: r1(percentile(sorted, 99)),
    max: r1(sorted.length ? sorted[sorted.length - 1]! : 0),
    retries,
    acked: ackCount,
    ackedKeys,
    pendingAtEnd: cands.reduce((n, c) => n + c.pending.size, 0),
    errors,
    resync,
    proctorUpdates,
    loadLoopP99: r1(loop.percentile(99) / 1e6),
    kbReceivedPerCandidate: r1(paperBytes / 1024 / Math.max(1, cands.length)),
    cpuPct: Math.round(((process.cpuUsage().user + process.cpuUsage().system) / 1e6 / process.uptime()) * 100),
  };
}

process.on('message', async (m: { type: string; url?: string; plan?: BenchPlan; windowMs?: number; at?: number }) => {
  switch (m.type) {
    case 'start': {
      url = m.url!;
      startedAt = Date.now();
      plan = m.plan!;
      const n = plan.candidates.length;
      const windowMs = m.windowMs!;
      for (const p of plan.proctors) startProctor(p);
      for (let i = 0; i < n; i++) setTimeout(() => startCandidate(i), (i * windowMs) / n);
      return;
    }
    case 'killed':
      kills.push({ killAt: m.at!, readyAt: 0 });
      return;
    case 'restarted':
      kills[kills.length - 1]!.readyAt = m.at!;
      return;
    case 'status':
      process.send!({ type: 'status', joined: cands.filter((c) => c.joined).length, connected: cands.filter((c) => c.socket.connected).length });
      return;
    case 'stop': {
      stopped = true;
      // Let every pending answer reach the server (that is what an outbox is for), then report.
      const until = Date.now() + 30_000;
      while (Date.now() < until && cands.some((c) => c.pending.size > 0)) {
        for (const c of cands) for (const e of c.pending.values()) send(c, e);
        await new Promise((r) => setTimeout(r, 500));
      }
      process.send!(report());
      return;
    }
    case 'exit':
      for (const c of cands) c.socket.disconnect();
      for (const p of proctors) p.disconnect();
      setTimeout(() => process.exit(0), 200);
      return;
    default:
      return;
  }
});
process.send!({ type: 'ready' });
