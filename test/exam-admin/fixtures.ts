/**
 * Fixture builders for the exam-administration HTTP tests: valid (and deliberately broken) ID numbers,
 * import spreadsheets built in memory, a small portrait PNG, and a planned batch made through the API.
 */
import { expect } from 'vitest';
import type { TestApp } from '../support/app';
import { candidatesXlsx, type CandidateRow } from './builders';

export * from './builders';

/** Multipart upload of one file. */
export async function upload(t: TestApp, path: string, field: string, bytes: Uint8Array, filename: string, cookie: string) {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)]), filename);
  return t.call('POST', path, { raw: form, cookie });
}

/** Occupation ids of the demo catalogue by code. */
export async function occupationIds(t: TestApp, cookie: string): Promise<Record<string, number>> {
  const r = await t.call('GET', '/api/occupations', { cookie });
  expect(r.status).toBe(200);
  return Object.fromEntries((r.body.occupations as { code: string; id: number }[]).map((o) => [o.code, o.id]));
}

export const ELECTRICIAN = '6-31-01-03';
export const LATHE = '6-18-01-01';
export const CARER = '4-10-01-05';
export const WELDER = '6-18-02-04';
export const FIRE = '4-07-05-04';

export interface PlannedBatch {
  batchId: number;
  code: string;
  theoryId: number;
  practicalId: number;
  occ: Record<string, number>;
}

/**
 * A draft batch with 电工/车工/养老护理员 at 四级 and 五级, one theory sitting and one practical sitting
 * on `date` (default 2026-12-15, three weeks after the test clock's 2026-11-23).
 */
export async function planBatch(t: TestApp, cookie: string, opts: { date?: string; code?: string; name?: string } = {}): Promise<PlannedBatch> {
  const occ = await occupationIds(t, cookie);
  const created = await t.call('POST', '/api/batches', { cookie, body: { name: opts.name ?? '2026年第12期职业技能等级认定', ...(opts.code && { code: opts.code }) } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const batchId = created.body.batch.id as number;
  const entries = [ELECTRICIAN, LATHE, CARER].flatMap((code) => [4, 5].map((level) => ({ occupationId: occ[code]!, level })));
  const e = await t.call('PUT', `/api/batches/${batchId}/entries`, { cookie, body: { entries } });
  expect(e.status, JSON.stringify(e.body)).toBe(200);
  const date = opts.date ?? '2026-12-15';
  const th = await t.call('POST', `/api/batches/${batchId}/sittings`, { cookie, body: { component: 'theory', date, startTime: '09:00', durationMin: 90, venue: '示范中心实训楼' } });
  expect(th.status, JSON.stringify(th.body)).toBe(201);
  const pr = await t.call('POST', `/api/batches/${batchId}/sittings`, { cookie, body: { component: 'practical', date, startTime: '14:00', durationMin: 120, venue: '示范中心实训车间' } });
  expect(pr.status, JSON.stringify(pr.body)).toBe(201);
  return { batchId, code: created.body.batch.code, theoryId: th.body.sitting.id, practicalId: pr.body.sitting.id, occ };
}

/** Import rows into a batch; returns the response. */
export async function importRows(t: TestApp, cookie: string, batchId: number, rows: readonly CandidateRow[], headers?: readonly string[]) {
  return upload(t, `/api/batches/${batchId}/candidates/import`, 'file', await candidatesXlsx(rows, headers), 'candidates.xlsx', cookie);
}

/** The last audit entry of an action, with before/after parsed. */
export async function lastAudit(t: TestApp, action: string) {
  const row = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').limit(1).executeTakeFirst();
  expect(row, `audit ${action}`).toBeDefined();
  return { ...row!, before: row!.before_json ? JSON.parse(row!.before_json) : null, after: row!.after_json ? JSON.parse(row!.after_json) : null };
}
