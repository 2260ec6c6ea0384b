/**
 * 职业技能等级证书: numbers by the 2019 rule allocated inside the issuing transaction from
 * `certificate_counters` (one row per organization × year × level, only ever incremented, so a number is
 * never reused even after revocation), only for candidates whose result passed a CLOSED publicity; A4 PDF
 * through the documents module; revocation with a reason; the public lookup.
 *
 * Concurrency: on PostgreSQL the candidates are locked (`SELECT … FOR UPDATE`, in id order) before the
 * "already certified?" check, and the counter is advanced with `UPDATE … RETURNING`, whose row lock
 * serialises every issuer of the same prefix until commit; each transaction gets its own range. On SQLite
 * transactions are serialised by the driver (one connection), and the first write takes the write lock.
 * A partial unique index (one issued certificate per candidate) backs both up.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import {
  allocateCertificateNumbers,
  certificateTypeLetter,
  idTypeName,
  isCertificateNumber,
  levelName,
  maskIdNumber,
  type OrganizationType,
} from '../../scoring';
import type { Level } from '../../question-bank/types';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit-trail';
import type { Config } from '../config';
import { certificatesPdf, type CertificatePrint } from '../documents';
import { DomainError } from '../../question-bank/errors';
import { NotFound, StateConflict, ValidationFailed } from '../errors';
import { chinaDate, chunks, isPostgres, type BatchRow, type Db, inTransaction } from './common';

/** The verification URL printed as the certificate's QR code. */
export function verifyUrl(config: Pick<Config, 'publicOrigin'>, number: string, code: string): string {
  return `${config.publicOrigin.replace(/\/$/, '')}/verify?no=${encodeURIComponent(number)}&k=${encodeURIComponent(code)}`;
}

/** One issued certificate. */
export interface IssuedCertificate {
  certificateId: number;
  candidateId: number;
  number: string;
}

/**
 * Issue certificates to the batch's passed candidates (all, or those listed) who hold no valid certificate.
 * Refuses before the publicity is closed (`PUBLICITY_NOT_CLOSED`); candidates listed who did not pass are
 * reported in `skipped` with the reason; `CertificateSerialExhausted` rolls everything back.
 */
export async function issueCertificates(
  db: Db,
  actor: Actor,
  batch: BatchRow,
  candidateIds: readonly number[] | undefined,
  now: Date,
): Promise<{ issued: IssuedCertificate[]; skipped: { candidateId: number; reason: string }[] }> {
  const pub = await db.selectFrom('publicities').select(['status']).where('batch_id', '=', batch.id).executeTakeFirst();
  if (pub?.status !== 'closed') throw new StateConflict('PUBLICITY_NOT_CLOSED', '只有成绩公示结束（异议全部处理完毕）后才能颁发证书');
  const org = await db.selectFrom('organizations').selectAll().where('id', '=', batch.organization_id).executeTakeFirstOrThrow();
  const issuedOn = chinaDate(now);
  const year = Number(issuedOn.slice(0, 4));
  const prefix = { type: certificateTypeLetter(org.type), orgCode: org.cert_org_code, province: org.province, orgSerial: org.cert_org_serial, year };

  return inTransaction(db, async (trx) => {
    let q = trx
      .selectFrom('results')
      .innerJoin('candidates', 'candidates.id', 'results.candidate_id')
      .select(['results.candidate_id', 'results.status', 'candidates.level'])
      .where('results.batch_id', '=', batch.id)
      .orderBy('results.candidate_id');
    if (candidateIds) q = q.where('results.candidate_id', 'in', candidateIds.length ? [...candidateIds] : [-1]);
    const rows = await q.execute();
    const skipped: { candidateId: number; reason: string }[] = [];
    for (const id of candidateIds ?? []) if (!rows.some((r) => r.candidate_id === id)) skipped.push({ candidateId: id, reason: '不是本批次有认定结果的考生' });
    const passed = rows.filter((r) => {
      if (r.status !== 'pass') skipped.push({ candidateId: r.candidate_id, reason: '认定结果不是合格' });
      return r.status === 'pass';
    });
    if (passed.length === 0) return { issued: [], skipped };
    const ids = passed.map((r) => r.candidate_id);
    if (isPostgres(trx)) {
      // Racing issuers for the same candidate wait here; the check below then sees the winner's row.
      for (const part of chunks(ids)) await sql`SELECT id FROM candidates WHERE id IN (${sql.join(part)}) ORDER BY id FOR UPDATE`.execute(trx);
    }
    const holding = new Set<number>();
    for (const part of chunks(ids)) {
      for (const c of await trx.selectFrom('certificates').select('candidate_id').where('candidate_id', 'in', part).where('status', '=', 'issued').execute()) holding.add(c.candidate_id);
    }
    const todo = passed.filter((r) => {
      if (holding.has(r.candidate_id)) skipped.push({ candidateId: r.candidate_id, reason: '已持有有效证书' });
      return !holding.has(r.candidate_id);
    });
    const issued: IssuedCertificate[] = [];
    const levels = [...new Set(todo.map((r) => r.level))].sort();
    for (const level of levels) {
      const group = todo.filter((r) => r.level === level);
      const last = await advanceCounter(trx, org.id, year, level, group.length);
      const { numbers } = allocateCertificateNumbers({ ...prefix, level: level as Level }, last - group.length, group.length);
      const rows = group.map((r, i) => ({
        number: numbers[i]!, candidate_id: r.candidate_id, organization_id: org.id, level, year, serial: last - group.length + i + 1, issued_on: issuedOn,
        status: 'issued' as const, revoked_reason: null, revoked_at: null, created_at: now.toISOString(), verify_code: randomBytes(6).toString('base64url'),
      }));
      // Multi-row inserts: 10,000 single-row inserts took 2.7 s on SQLite, chunks of 500 a fraction of it.
      for (const part of chunks(rows, 500)) {
        const ids = await trx.insertInto('certificates').values(part).returning(['id', 'candidate_id', 'number']).execute();
        for (const x of ids) issued.push({ certificateId: x.id, candidateId: x.candidate_id, number: x.number });
      }
    }
    await recordAudit(trx, actor, { action: 'scoring.certificates-issue', objectType: 'batch', objectId: batch.id, after: { issuedOn, issued: issued.map((c) => ({ candidateId: c.candidateId, number: c.number })), skipped } }, now);
    return { issued, skipped };
  });
}

/**
 * Advance the counter of one organization × year × level by `count` and return the new last serial. The
 * row is created at 0 on first use; `UPDATE … RETURNING` holds its row lock until commit (PostgreSQL), so
 * no two transactions can be handed the same range.
 */
export async function advanceCounter(trx: Db, organizationId: number, year: number, level: number, count: number): Promise<number> {
  await trx
    .insertInto('certificate_counters')
    .values({ organization_id: organizationId, year, level, last_serial: 0 })
    .onConflict((oc) => oc.columns(['organization_id', 'year', 'level']).doNothing())
    .execute();
  const row = await trx
    .updateTable('certificate_counters')
    .set((eb) => ({ last_serial: eb('last_serial', '+', count) }))
    .where('organization_id', '=', organizationId)
    .where('year', '=', year)
    .where('level', '=', level)
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return Number(row.last_serial);
}

/** Revoke a certificate with a reason. Its number stays taken forever (the counter never goes back). */
export async function revokeCertificate(db: Db, actor: Actor, id: number, reason: string, now: Date): Promise<void> {
  const c = await db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c || c.organization_id !== actor.organizationId) throw new NotFound('证书', id);
  if (c.status === 'revoked') throw new StateConflict('ALREADY_REVOKED', `证书 ${c.number} 已于 ${c.revoked_at?.slice(0, 10)} 注销`);
  await inTransaction(db, async (trx) => {
    await trx.updateTable('certificates').set({ status: 'revoked', revoked_reason: reason, revoked_at: now.toISOString() }).where('id', '=', id).where('status', '=', 'issued').execute();
    await recordAudit(trx, actor, { action: 'scoring.certificate-revoke', objectType: 'certificate', objectId: id, before: { number: c.number, status: 'issued' }, after: { status: 'revoked', reason } }, now);
  });
}

/** Certificates of a batch for the office page. */
export async function batchCertificates(db: Db, batchId: number) {
  const rows = await db
    .selectFrom('certificates')
    .innerJoin('candidates', 'candidates.id', 'certificates.candidate_id')
    .select(['certificates.id', 'certificates.number', 'certificates.candidate_id', 'certificates.level', 'certificates.issued_on', 'certificates.status', 'certificates.revoked_reason', 'certificates.revoked_at', 'candidates.name', 'candidates.id_number'])
    .where('candidates.batch_id', '=', batchId)
    .orderBy('certificates.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, number: r.number, candidateId: r.candidate_id, name: r.name, maskedId: maskIdNumber(r.id_number), level: r.level, levelName: levelName(r.level as Level),
    issuedOn: r.issued_on, status: r.status, revokedReason: r.revoked_reason, revokedAt: r.revoked_at,
  }));
}

/** Certificates as printed (with photo and QR link). Revoked ones are not printed. */
export async function certificatePrints(db: Db, config: Pick<Config, 'publicOrigin'>, ids: readonly number[]): Promise<{ prints: CertificatePrint[]; organization: string }> {
  if (ids.length === 0) return { prints: [], organization: '' };
  const rows = await db
    .selectFrom('certificates')
    .innerJoin('candidates', 'candidates.id', 'certificates.candidate_id')
    .innerJoin('occupations', 'occupations.id', 'candidates.occupation_id')
    .innerJoin('organizations', 'organizations.id', 'certificates.organization_id')
    .select([
      'certificates.id', 'certificates.number', 'certificates.level', 'certificates.issued_on', 'certificates.status', 'certificates.verify_code',
      'candidates.name', 'candidates.id_type', 'candidates.id_number', 'candidates.photo', 'occupations.name as occ', 'occupations.work_type', 'organizations.name as org',
    ])
    .where('certificates.id', 'in', [...ids])
    .where('certificates.status', '=', 'issued')
    .orderBy('certificates.id')
    .execute();
  return {
    organization: rows[0]?.org ?? '',
    prints: rows.map((r) => ({
      certificateNumber: r.number, name: r.name, idTypeName: idTypeName(r.id_type), idNumber: r.id_number, occupationName: r.occ,
      workType: r.work_type || null, level: r.level as Level, issueDate: r.issued_on, photo: r.photo ? new Uint8Array(r.photo) : null,
      verifyUrl: verifyUrl(config, r.number, r.verify_code ?? ''),
    })),
  };
}

/** Render certificates to one PDF (`DocumentInputInvalid` for a corrupt photo names the record). */
export async function certificatesPdfOf(db: Db, config: Pick<Config, 'publicOrigin'>, ids: readonly number[], now: Date): Promise<Buffer> {
  const { prints, organization } = await certificatePrints(db, config, ids);
  if (prints.length === 0) throw new NotFound('可打印的有效证书');
  return certificatesPdf(prints, { organization, createdAt: now });
}

/** The answer a public lookup gives: what the certificate itself shows, with the ID number masked. */
export interface PublicCertificate {
  number: string;
  name: string;
  idTypeName: string;
  idNumber: string;
  occupationName: string;
  workType: string;
  levelName: string;
  issuedOn: string;
  organization: string;
}

/** Not found, revoked, not published, wrong name or code: one answer, so a lookup tells nothing more. */
export class CertificateNotVerified extends DomainError {
  constructor() {
    super('CERTIFICATE_NOT_FOUND', '未查到该证书：请核对证书编号和姓名（已注销的证书不能查验）', 'notFound');
  }
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Public verification by number + name, or by the QR link (number + code). Only issued certificates whose
 * batch publicity is closed; anything else is `CertificateNotVerified`. A malformed number is a 400.
 */
export async function verifyCertificate(db: Db, q: { no: string; name?: string | undefined; k?: string | undefined }): Promise<PublicCertificate> {
  const no = q.no.trim().toUpperCase();
  if (!isCertificateNumber(no)) throw new ValidationFailed([{ field: 'no', problem: '证书编号格式不正确：应为 22 位，如 S000036010001264000001' }]);
  const r = await db
    .selectFrom('certificates')
    .innerJoin('candidates', 'candidates.id', 'certificates.candidate_id')
    .innerJoin('occupations', 'occupations.id', 'candidates.occupation_id')
    .innerJoin('organizations', 'organizations.id', 'certificates.organization_id')
    .leftJoin('publicities', 'publicities.batch_id', 'candidates.batch_id')
    .select([
      'certificates.number', 'certificates.level', 'certificates.issued_on', 'certificates.status', 'certificates.verify_code', 'publicities.status as pub_status',
      'candidates.name', 'candidates.id_type', 'candidates.id_number', 'occupations.name as occ', 'occupations.work_type', 'organizations.name as org',
    ])
    .where('certificates.number', '=', no)
    .executeTakeFirst();
  if (!r || r.status !== 'issued' || r.pub_status !== 'closed') throw new CertificateNotVerified();
  const byName = q.name !== undefined && q.name.trim() !== '' && q.name.trim() === r.name.trim();
  const byCode = q.k !== undefined && q.k !== '' && r.verify_code !== null && sameCode(q.k, r.verify_code);
  if (!byName && !byCode) throw new CertificateNotVerified();
  return {
    number: r.number, name: r.name, idTypeName: idTypeName(r.id_type), idNumber: maskIdNumber(r.id_number), occupationName: r.occ,
    workType: r.work_type || '--', levelName: levelName(r.level as Level), issuedOn: r.issued_on, organization: r.org,
  };
}
