/**
 * Small HTTP helpers of the scoring routes: file downloads with Chinese names, parameter schemas, roles.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { Role } from '../../db/schema';
import { component as componentSchema, markedComponent } from '../../exam-admin/common';

/** The exam office writes; the quality supervisor reads everything of a batch. */
export const OFFICE: Role[] = ['admin'];
export const OFFICE_READERS: Role[] = ['admin', 'supervisor'];

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF = 'application/pdf';

/** A file download with a UTF-8 file name (RFC 6266/5987) so Chinese names survive every browser. */
export function download(c: Context, bytes: Uint8Array, filename: string, type: string, inline = false): Response {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  c.header('content-type', type);
  c.header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  c.header('cache-control', 'no-store');
  return c.body(new Uint8Array(bytes));
}

const id = z.coerce.number().int().positive().max(2_147_483_647);
export const idParam = z.object({ id });
export const candidateComponentParam = z.object({ candidateId: id, component: componentSchema });
export const examinerComponentParam = z.object({ candidateId: id, component: markedComponent });
export const candidateOutcomeParam = z.object({ id, component: componentSchema });
export const batchCandidateParam = z.object({ id, candidateId: id });
export const answerParam = z.object({ id, answerId: z.string().min(10).max(40) });
