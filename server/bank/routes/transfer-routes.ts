/**
 * `/api/bank/import/*` and `/api/bank/export`: the xlsx template, the dry-run preview, the all-or-nothing
 * commit, and exports of a bank (xlsx, QTI 3.0 zip, and the text formats).
 */
import { Hono, type Context } from 'hono';
import {
  exportGift,
  exportItemsCsv,
  exportItemsJson,
  exportMoodleXml,
} from '../../../question-bank';
import { recordAudit } from '../../audit/audit-trail';
import { actorOf, requireRole } from '../../http/auth-middleware';
import type { AppDeps, AppEnv } from '../../http/context';
import { validate } from '../../http/validate';
import { FORMAT_NAMES, parseUpload, previewImport, readImportUpload } from '../item-import';
import { buildQtiPackageZip } from '../item-qti-zip';
import { insertDrafts, latestBank } from '../item-store';
import { exportItemsXlsx, itemTemplateXlsx } from '../item-xlsx';
import { occupationFor } from '../lookups';
import { exportQuery } from '../schemas';
import { READERS } from './roles';

/** A file download with a UTF-8 file name (RFC 6266/5987) so Chinese names survive every browser. */
export function download(c: Context, bytes: Uint8Array | string, filename: string, type: string): Response {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  c.header('content-type', type);
  c.header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  c.header('cache-control', 'no-store');
  return c.body(typeof bytes === 'string' ? bytes : new Uint8Array(bytes));
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Template, preview, commit, export. */
export function transferRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Hono<AppEnv>()
    .get('/import/template', requireRole(...READERS), async (c) => download(c, await itemTemplateXlsx(), '试题导入模板.xlsx', XLSX))
    .post('/import/preview', requireRole('admin'), async (c) => {
      const upload = await readImportUpload(c, db);
      const parsed = await parseUpload(upload);
      return c.json({ preview: await previewImport(db, upload, parsed) });
    })
    .post('/import', requireRole('admin'), async (c) => {
      const actor = actorOf(c);
      const upload = await readImportUpload(c, db);
      // Parsed again rather than trusted from the preview: what is written is exactly what this file holds.
      const parsed = await parseUpload(upload);
      const now = deps.now();
      const rows = await db.transaction().execute(async (trx) => {
        const inserted = await insertDrafts(trx, parsed.items, {
          occupationId: upload.occupation.id,
          occupationCode: upload.occupation.code,
          level: upload.level,
          userId: actor.userId,
          now: now.toISOString(),
        });
        await recordAudit(
          trx,
          actor,
          {
            action: 'item.import',
            objectType: 'itemBank',
            objectId: `${upload.occupation.code}/${upload.level}`,
            after: {
              filename: upload.filename,
              format: parsed.format,
              count: inserted.length,
              first: inserted[0]?.item_uid,
              last: inserted[inserted.length - 1]?.item_uid,
            },
          },
          now,
        );
        return inserted;
      });
      return c.json({ imported: rows.length, format: parsed.format, formatName: FORMAT_NAMES[parsed.format], first: rows[0]?.item_uid ?? null, last: rows[rows.length - 1]?.item_uid ?? null }, 201);
    })
    .get('/export', requireRole(...READERS), validate('query', exportQuery), async (c) => {
      const q = c.req.valid('query');
      const occ = await occupationFor(db, q.occupationId, q.level);
      const items = (await latestBank(db, occ.id, occ.code, q.level)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const base = `${occ.name}-${q.level}级-题库`;
      switch (q.format) {
        case 'xlsx':
          return download(c, await exportItemsXlsx(items), `${base}.xlsx`, XLSX);
        case 'qti':
          return download(c, await buildQtiPackageZip(items), `${base}-QTI3.zip`, 'application/zip');
        case 'csv':
          return download(c, exportItemsCsv(items), `${base}.csv`, 'text/csv; charset=utf-8');
        case 'json':
          return download(c, exportItemsJson(items), `${base}.json`, 'application/json; charset=utf-8');
        case 'moodle':
          return download(c, exportMoodleXml(items), `${base}-moodle.xml`, 'application/xml; charset=utf-8');
        case 'gift':
          return download(c, exportGift(items), `${base}.gift`, 'text/plain; charset=utf-8');
        default: {
          const never: never = q.format;
          return never;
        }
      }
    });
}
