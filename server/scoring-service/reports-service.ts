/**
 * Reports filed after publicity: 合格人员花名册 (roster, exactly the 11 notice columns, streamed xlsx) and
 * 认定结果汇总表 (xlsx and PDF), plus the statistics page (pass rates, score distributions).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LEVELS_LOW_TO_HIGH,
  buildResultSummary,
  componentMarks,
  passRates,
  scoreHistogram,
  type RosterEntry,
  type StatsRecord,
} from '../../scoring';
import type { Component, Level } from '../../question-bank/types';
import { resultsSummaryPdf } from '../documents';
import { writeRosterXlsx } from '../reports/roster-xlsx';
import { summaryWorkbook } from '../reports/summary-xlsx';
import { chinaDate, COMPONENTS, parseJson, type BatchRow, type Db } from './common';
import type { ResultDetail } from './results-service';

/** Roster entries of a batch: every valid (issued, not revoked) certificate, in number order. */
export async function* rosterEntries(db: Db, batch: BatchRow): AsyncGenerator<RosterEntry> {
  const org = await db.selectFrom('organizations').select(['name', 'cert_issuer']).where('id', '=', batch.organization_id).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('certificates')
    .innerJoin('candidates', 'candidates.id', 'certificates.candidate_id')
    .innerJoin('occupations', 'occupations.id', 'candidates.occupation_id')
    .select(['candidates.name', 'candidates.id_type', 'candidates.id_number', 'candidates.work_unit', 'occupations.name as occ', 'occupations.work_type', 'certificates.level', 'certificates.number', 'certificates.issued_on'])
    .where('candidates.batch_id', '=', batch.id)
    .where('certificates.status', '=', 'issued')
    .orderBy('certificates.number')
    .execute();
  for (const r of rows) {
    yield {
      name: r.name, idType: r.id_type, idNumber: r.id_number, employer: r.work_unit, occupationName: r.occ, workTypeName: r.work_type || null,
      level: r.level as Level, certificateNumber: r.number, issuedOn: r.issued_on, assessor: org.name, issuer: org.cert_issuer,
    };
  }
}

/** The roster as xlsx bytes (written through the streaming writer to a private temp dir, then read). */
export async function rosterXlsx(db: Db, batch: BatchRow): Promise<{ bytes: Buffer; rows: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'roster-'));
  try {
    const file = join(dir, 'roster.xlsx');
    const { rows } = await writeRosterXlsx(file, rosterEntries(db, batch));
    return { bytes: await readFile(file), rows };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Passed results of a batch grouped for the summary. */
async function summaryOf(db: Db, batch: BatchRow) {
  const rows = await db
    .selectFrom('results')
    .innerJoin('candidates', 'candidates.id', 'results.candidate_id')
    .innerJoin('occupations', 'occupations.id', 'candidates.occupation_id')
    .select(['occupations.code', 'occupations.name', 'occupations.work_type', 'candidates.level'])
    .where('results.batch_id', '=', batch.id)
    .where('results.status', '=', 'pass')
    .execute();
  return buildResultSummary(rows.map((r) => ({ occupationCode: r.code, occupationName: r.name, workTypeName: r.work_type || null, level: r.level as Level })));
}

/** 认定结果汇总表 as xlsx bytes. */
export async function summaryXlsx(db: Db, batch: BatchRow, now: Date): Promise<Buffer> {
  const org = await db.selectFrom('organizations').select('name').where('id', '=', batch.organization_id).executeTakeFirstOrThrow();
  const wb = summaryWorkbook(await summaryOf(db, batch), { organization: org.name, reportDate: chinaDate(now), filingNumber: batch.filing_number ?? '' });
  wb.creator = org.name;
  wb.created = now;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 认定结果汇总表 as PDF bytes (documents module). */
export async function summaryPdf(db: Db, batch: BatchRow, now: Date, preparedBy: string): Promise<Buffer> {
  const org = await db.selectFrom('organizations').select('name').where('id', '=', batch.organization_id).executeTakeFirstOrThrow();
  const summary = await summaryOf(db, batch);
  return resultsSummaryPdf(
    {
      batchName: batch.name,
      filingNumber: batch.filing_number ?? '',
      date: chinaDate(now),
      preparedBy,
      rows: summary.lines.map((l) => ({
        occupationCode: l.occupationCode,
        occupationName: l.occupationName,
        workType: l.workTypeName === '--' ? null : l.workTypeName,
        passed: Object.fromEntries(LEVELS_LOW_TO_HIGH.map((lv) => [lv, l.byLevel[lv]])) as Partial<Record<Level, number>>,
      })),
    },
    { organization: org.name, createdAt: now },
  );
}

/**
 * Statistics of one batch (or every batch of the organization): pass rates by occupation, level and
 * component, and score histograms (bins of 10) per component.
 */
export async function statistics(db: Db, organizationId: number, batchId: number | null) {
  let q = db
    .selectFrom('results')
    .innerJoin('batches', 'batches.id', 'results.batch_id')
    .innerJoin('candidates', 'candidates.id', 'results.candidate_id')
    .innerJoin('occupations', 'occupations.id', 'candidates.occupation_id')
    .select(['results.detail_json', 'occupations.code', 'occupations.name', 'candidates.level'])
    .where('batches.organization_id', '=', organizationId);
  if (batchId !== null) q = q.where('results.batch_id', '=', batchId);
  const rows = await q.execute();
  const names = new Map<string, string>();
  const records: StatsRecord[] = [];
  for (const r of rows) {
    const d = parseJson<ResultDetail | null>(r.detail_json, null);
    if (!d) continue;
    names.set(r.code, r.name);
    records.push({ occupationCode: r.code, level: r.level as Level, result: d.result });
  }
  const rates = passRates(records);
  const histograms = COMPONENTS.map((c: Component) => {
    const marks = componentMarks(records, c);
    return { component: c, count: marks.length, bins: scoreHistogram(marks) };
  }).filter((h) => h.count > 0);
  return { candidates: records.length, occupations: Object.fromEntries(names), rates, histograms };
}
