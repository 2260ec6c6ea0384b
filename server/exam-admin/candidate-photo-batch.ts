/**
 * 批量上传照片: one zip of photos named by 证件号码 (x/X alike) or 准考证号, folders allowed. A dry run
 * (`/photos/preview`) says per file which candidate it matches and what is wrong; the apply (`/photos`) stores
 * the matched, acceptable photos in one transaction (all or nothing) with one batch audit entry plus one per
 * candidate (hash and size before/after, never the bytes). Each photo passes the same `checkPhoto` as a
 * single upload; the zip itself goes through `readZipSafely` (size, entry count, expansion limits).
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { recordAudit } from '../audit/audit-trail';
import { ValidationFailed } from '../errors';
import { actorOf, requireRole } from '../http/auth-middleware';
import type { AppDeps, AppEnv } from '../http/context';
import { readZipSafely, resolveLimits, type UploadLimits } from '../uploads';
import { assertBatchOpen, batchParam, loadBatch, type Db } from './common';
import { validate } from '../http/validate';
import { seatsOf } from './candidate-records';
import { checkPhoto, type PhotoFormat } from './rules';

/**
 * Limits of a photo zip: the app's request body limit (25 MB) bounds the upload; 2,000 files and 60 MB expanded
 * are far above 300 candidates' photos yet stop a zip bomb. Bigger classes upload in several zips (each apply
 * only touches the candidates its files match).
 */
export const PHOTO_ZIP_LIMITS: UploadLimits = resolveLimits({ maxBytes: 25 * 1024 * 1024, maxEntries: 2000, maxUncompressedBytes: 60 * 1024 * 1024 });

const PHOTO_MIME: Readonly<Record<PhotoFormat, string>> = { jpeg: 'image/jpeg', png: 'image/png' };

/** How one file of the zip fared. */
export type PhotoFileStatus = 'matched' | 'unmatched' | 'refused';

/** One row of the preview. */
export interface PhotoFileRow {
  /** Path inside the zip. */
  path: string;
  /** The name read as 证件号码/准考证号 (file name without folders and extension, upper-cased). */
  key: string;
  status: PhotoFileStatus;
  candidateId: number | null;
  candidateName: string | null;
  matchedBy: 'idNumber' | 'ticketNo' | null;
  /** The candidate already has a photo that this one replaces. */
  replaces: boolean;
  format: PhotoFormat | null;
  width: number | null;
  height: number | null;
  bytes: number;
  /** Chinese reasons when unmatched or refused. */
  reasons: string[];
}

/** The whole preview (and, after apply, what was stored). */
export interface PhotoBatchReport {
  file: string;
  files: PhotoFileRow[];
  counts: { files: number; matched: number; unmatched: number; refused: number; ignored: number };
  /** Candidates of the batch still without a photo once the matched files are stored. */
  withoutPhoto: { id: number; name: string; idNumber: string; ticketNo: string | null }[];
}

/** Files a zip tool or OS adds that are not photos and not worth a row (macOS forks, Finder/Explorer metadata). */
function isClutter(path: string): boolean {
  const base = path.split('/').pop() ?? path;
  return path.startsWith('__MACOSX/') || path.includes('/__MACOSX/') || base.startsWith('._') || base === '.DS_Store' || /^thumbs\.db$/i.test(base) || /^desktop\.ini$/i.test(base);
}

/** `照片/2026/11010519900307123x.JPG` → `11010519900307123X`. */
export function photoKey(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).trim().toUpperCase();
}

interface Matched {
  row: PhotoFileRow;
  bytes: Uint8Array;
}

/** Read the zip, match and check every file. Throws `UploadRefused` for an unsafe or unreadable zip. */
async function previewZip(db: Db, batchId: number, fileName: string, zipBytes: Uint8Array): Promise<{ report: PhotoBatchReport; matched: Matched[] }> {
  const { entries, files } = await readZipSafely(zipBytes, PHOTO_ZIP_LIMITS, { keep: (p) => !isClutter(p), what: '照片压缩包（zip）' });
  const candidates = await db.selectFrom('candidates').select(['id', 'name', 'id_number', 'photo_type']).where('batch_id', '=', batchId).orderBy('id').execute();
  const seats = await seatsOf(db, batchId);
  const byId = new Map(candidates.map((c) => [c.id_number.toUpperCase(), c]));
  const byTicket = new Map<string, (typeof candidates)[number]>();
  for (const c of candidates) {
    const s = seats.get(c.id);
    if (s) byTicket.set(s.ticketNo.toUpperCase(), c);
  }
  const rows: PhotoFileRow[] = [];
  const bytesOf = new Map<PhotoFileRow, Uint8Array>();
  const ignored = entries.filter((e) => isClutter(e.path)).length;
  for (const [path, bytes] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const key = photoKey(path);
    const byIdNumber = byId.get(key);
    const c = byIdNumber ?? byTicket.get(key);
    const check = checkPhoto(bytes);
    const row: PhotoFileRow = {
      path, key, status: 'matched', candidateId: c?.id ?? null, candidateName: c?.name ?? null,
      matchedBy: c ? (byIdNumber ? 'idNumber' : 'ticketNo') : null, replaces: !!c?.photo_type,
      format: check.format, width: check.width, height: check.height, bytes: check.bytes, reasons: [],
    };
    if (!c) {
      row.status = 'unmatched';
      row.reasons.push(`本批次没有证件号码或准考证号为“${key}”的考生`);
    } else if (!check.ok) {
      row.status = 'refused';
      row.reasons.push(...check.problems);
    }
    rows.push(row);
    bytesOf.set(row, bytes);
  }
  // Two files for one candidate (by ID and by ticket, or .jpg and .png): which one is meant is not ours to guess.
  const perCandidate = new Map<number, PhotoFileRow[]>();
  for (const r of rows) if (r.candidateId !== null) perCandidate.set(r.candidateId, [...(perCandidate.get(r.candidateId) ?? []), r]);
  for (const group of perCandidate.values()) {
    if (group.length < 2) continue;
    for (const r of group) {
      r.status = 'refused';
      r.reasons.push(`同一考生（${r.candidateName}）有 ${group.length} 个照片文件：${group.map((g) => g.path).join('、')}，请只保留一个`);
    }
  }
  const matched = rows.filter((r) => r.status === 'matched').map((row) => ({ row, bytes: bytesOf.get(row)! }));
  const covered = new Set(matched.map((m) => m.row.candidateId));
  const report: PhotoBatchReport = {
    file: fileName,
    files: rows,
    counts: {
      files: rows.length,
      matched: matched.length,
      unmatched: rows.filter((r) => r.status === 'unmatched').length,
      refused: rows.filter((r) => r.status === 'refused').length,
      ignored,
    },
    withoutPhoto: candidates
      .filter((c) => !c.photo_type && !covered.has(c.id))
      .map((c) => ({ id: c.id, name: c.name, idNumber: c.id_number, ticketNo: seats.get(c.id)?.ticketNo ?? null })),
  };
  return { report, matched };
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Routes mounted at `/batches`: `POST /:id/candidates/photos/preview` (dry run, writes nothing) and
 * `POST /:id/candidates/photos` (apply), both multipart with field `file` (the zip). Both answer a
 * `PhotoBatchReport`; apply adds `stored`. Refused: another organization's batch (404), a batch past
 * registration (409), an unsafe zip (413/400 `UPLOAD_*`), a zip without any acceptable matched photo (400).
 */
export function candidatePhotoBatchRoutes(deps: AppDeps) {
  const { db } = deps;
  const readUpload = async (form: Record<string, unknown>) => {
    const file = form.file;
    if (!(file instanceof File)) throw new ValidationFailed([{ field: 'file', problem: '请选择照片压缩包（.zip）' }]);
    return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  };
  return new Hono<AppEnv>()
    .post('/:id/candidates/photos/preview', requireRole('admin'), validate('param', batchParam), async (c) => {
      const batch = await loadBatch(db, actorOf(c), c.req.valid('param').id);
      assertBatchOpen(batch, 'registration');
      const up = await readUpload(await c.req.parseBody());
      const { report } = await previewZip(db, batch.id, up.name, up.bytes);
      return c.json(report);
    })
    .post('/:id/candidates/photos', requireRole('admin'), validate('param', batchParam), async (c) => {
      const actor = actorOf(c);
      const batch = await loadBatch(db, actor, c.req.valid('param').id);
      assertBatchOpen(batch, 'registration');
      const up = await readUpload(await c.req.parseBody());
      const { report, matched } = await previewZip(db, batch.id, up.name, up.bytes);
      if (matched.length === 0) {
        throw new ValidationFailed([{ field: 'file', problem: `压缩包中没有可以导入的照片（${report.counts.unmatched} 个未匹配考生，${report.counts.refused} 个不合格）` }]);
      }
      const ids = matched.map((m) => m.row.candidateId!);
      const old = new Map((await db.selectFrom('candidates').select(['id', 'photo']).where('id', 'in', ids).execute()).map((r) => [r.id, r.photo]));
      await db.transaction().execute(async (trx) => {
        for (const m of matched) {
          const id = m.row.candidateId!;
          const prev = old.get(id) ?? null;
          await trx.updateTable('candidates').set({ photo: m.bytes, photo_type: PHOTO_MIME[m.row.format!] }).where('id', '=', id).where('batch_id', '=', batch.id).execute();
          await recordAudit(trx, actor, {
            action: 'candidate.photo', objectType: 'candidate', objectId: id,
            before: prev ? { hasPhoto: true, sha256: sha256(prev), bytes: prev.byteLength } : { hasPhoto: false },
            after: { hasPhoto: true, sha256: sha256(m.bytes), bytes: m.bytes.byteLength, format: m.row.format, width: m.row.width, height: m.row.height, file: m.row.path, via: 'zip' },
          }, deps.now());
        }
        await recordAudit(trx, actor, {
          action: 'candidate.photos-import', objectType: 'batch', objectId: batch.id,
          after: { file: up.name, ...report.counts, stored: matched.length, replaced: matched.filter((m) => m.row.replaces).length, stillWithoutPhoto: report.withoutPhoto.length },
        }, deps.now());
      });
      return c.json({ ...report, stored: matched.length });
    });
}
