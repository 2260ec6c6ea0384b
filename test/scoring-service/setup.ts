/**
 * Shared setup of the scoring service tests: an app on a fresh database with only the foundation's demo
 * (organization, occupations, accounts), logins, and a builder for batches as the exam administration
 * and the exam room would leave them. Every scoring act then goes through the HTTP API.
 */
import type { Level, Paper } from '../../question-bank/types';
import type { ItemResponse } from '../../scoring';
import { answers, buildScoringBatch, demoPaper, electricianSheet, sitTheory, type BuiltBatch, type CandidateSpec } from '../../server/demo/scoring-demo';
import { makeTestApp, type TestApp } from '../support/app';
import type { Dialect } from '../../server/db/connect';

export interface ScoringWorld {
  t: TestApp;
  orgId: number;
  electrician: number;
  users: Record<string, number>;
  cookie: Record<'office' | 'office2' | 'examiner1' | 'examiner2' | 'examiner3' | 'supervisor' | 'proctor1', string>;
  close(): Promise<void>;
}

/** An app with the foundation demo only (no other feature's demo data) and every staff login. */
export async function scoringWorld(dialect: Dialect): Promise<ScoringWorld> {
  const t = await makeTestApp(dialect, { seeders: [] });
  const org = await t.db.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
  const occ = await t.db.db.selectFrom('occupations').select('id').where('code', '=', '6-31-01-03').executeTakeFirstOrThrow();
  const users = Object.fromEntries((await t.db.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const cookie = {} as ScoringWorld['cookie'];
  for (const u of ['office', 'office2', 'examiner1', 'examiner2', 'examiner3', 'supervisor', 'proctor1'] as const) cookie[u] = await t.login(u);
  return { t, orgId: org.id, electrician: occ.id, users, cookie, close: () => t.close() };
}

let ticket = 0;
/** Candidate specs with valid-looking, distinct ID numbers and ticket numbers. */
export function people(n: number, prefix = '考生'): CandidateSpec[] {
  return Array.from({ length: n }, (_, i) => {
    ticket++;
    const seq = String(ticket).padStart(3, '0');
    return { name: `${prefix}${i + 1}`, idNumber: `36010219900101${seq}X`, ticketNo: `9${String(ticket).padStart(10, '0')}` };
  });
}

/** A batch of the 电工 occupation at `level` with a group examiner1 (leader), examiner2, examiner3. */
export async function newBatch(
  w: ScoringWorld,
  opts: { code: string; level?: Level; candidates: CandidateSpec[]; paper?: Paper; group?: boolean; theoryDate?: string },
): Promise<BuiltBatch & { paper: Paper }> {
  const level = opts.level ?? 4;
  const paper = opts.paper ?? demoPaper(`P${opts.code}`, level);
  const built = await buildScoringBatch(w.t.db.db, {
    organizationId: w.orgId, code: opts.code, name: `测试批次${opts.code}`, occupationId: w.electrician, level,
    theoryDate: opts.theoryDate ?? '2026-11-20', practicalDate: opts.theoryDate ?? '2026-11-20', paper, candidates: opts.candidates,
    group: opts.group === false ? null : { name: '第一组', leaderId: w.users.examiner1!, examinerIds: [w.users.examiner2!, w.users.examiner3!] },
    createdBy: w.users.office!, at: '2026-11-01T00:00:00.000Z',
  });
  return { ...built, paper };
}

/** Submit a theory attempt for a candidate answering the first `correct` objective items right. */
export function sit(w: ScoringWorld, b: BuiltBatch & { paper: Paper }, candidateId: number, correct: number, extra: Record<string, ItemResponse> = {}, opts: { state?: 'submitted' | 'answering' | 'lobby'; violation?: string } = {}) {
  return sitTheory(w.t.db.db, b, candidateId, { ...answers(b.paper, correct), ...extra }, { at: '2026-11-20T02:00:00.000Z', ...opts });
}

/** Define the 电工 scoring sheet through the API (component practical, or review for 二级). */
export async function defineSheet(w: ScoringWorld, level: Level = 4, component: 'practical' | 'review' = 'practical', taskId = 'DG-01'): Promise<number> {
  const s = electricianSheet();
  const r = await w.t.call('POST', '/api/scoring/sheets', { cookie: w.cookie.office, body: { occupationId: w.electrician, level, component, taskId, title: s.title, rows: s.rows } });
  if (r.status !== 201) throw new Error(`sheet: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.sheet.id;
}

/** One examiner's sheet: deductions by row id, optional vetoed rows and safety flag. */
export function sheetEntry(points: Record<string, number>, extra: { vetoedRows?: string[]; safetyViolation?: boolean } = {}) {
  return { deductions: Object.entries(points).map(([rowId, p]) => ({ rowId, points: p })), vetoedRows: extra.vetoedRows ?? [], safetyViolation: extra.safetyViolation ?? false };
}

/** All three examiners submit the given sheets for a candidate's component; returns the last answer. */
export async function scoreByGroup(w: ScoringWorld, candidateId: number, sheets: ReturnType<typeof sheetEntry>[], component: 'practical' | 'review' = 'practical') {
  let last: Awaited<ReturnType<TestApp['call']>> | null = null;
  for (const [i, s] of sheets.entries()) {
    last = await w.t.call('POST', `/api/scoring/examiner/candidates/${candidateId}/${component}`, { cookie: w.cookie[`examiner${i + 1}` as 'examiner1'], body: s });
    if (last.status !== 200) throw new Error(`examiner${i + 1}: ${last.status} ${JSON.stringify(last.body)}`);
  }
  return last!;
}

/** Compute results of a batch as the office; returns the body. */
export async function compute(w: ScoringWorld, batchId: number, candidateIds?: number[]) {
  const r = await w.t.call('POST', `/api/scoring/batches/${batchId}/results/compute`, { cookie: w.cookie.office, body: candidateIds ? { candidateIds } : {} });
  if (r.status !== 200) throw new Error(`compute: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { stored: number; removed: number; pending: { candidateId: number; name: string; problems: string[] }[] };
}

/** The stored results of a batch by candidate id. */
export async function results(w: ScoringWorld, batchId: number) {
  const r = await w.t.call('GET', `/api/scoring/batches/${batchId}/results`, { cookie: w.cookie.office });
  return new Map<number, any>((r.body.results as any[]).map((x) => [x.candidateId, x]));
}

/** Publish, let the 5 working days pass, close: the batch is then ready for certificates. */
export async function publishAndClose(w: ScoringWorld, batchId: number) {
  const p = await w.t.call('POST', `/api/scoring/batches/${batchId}/publicity`, { cookie: w.cookie.office });
  if (p.status !== 200) throw new Error(`publish: ${p.status} ${JSON.stringify(p.body)}`);
  const restore = w.t.clock.now();
  w.t.clock.set(`${p.body.endsOn}T18:00:00.000Z`); // the day after the last day, China time
  const c = await w.t.call('POST', `/api/scoring/batches/${batchId}/publicity/close`, { cookie: w.cookie.office });
  if (c.status !== 200) throw new Error(`close: ${c.status} ${JSON.stringify(c.body)}`);
  return { publish: p.body, restore };
}

/** Log every staff user in again (after the test clock jumped past the session lifetime). */
export async function relogin(w: ScoringWorld): Promise<void> {
  for (const u of Object.keys(w.cookie) as (keyof ScoringWorld['cookie'])[]) w.cookie[u] = await w.t.login(u);
}
