import { componentName } from '../../scoring';
import type { Pdf } from './pdf-document';
import { centredText, contentBox, style } from './pdf-layout';
import type { PrintMeta, RoomSitting } from './types';

/** `理论知识考试　2024-06-15 09:00–10:30`: what and when, as every room document prints it. */
export function sittingWhen(s: RoomSitting): string {
  return `${componentName(s.component)}　${s.date} ${s.start}–${s.end}`;
}

/**
 * Header shared by room documents: organization and batch, the document title, then a line with
 * venue, room and time. Returns the y below it.
 */
export function drawRoomHeader(doc: Pdf, meta: PrintMeta, title: string, s: RoomSitting): number {
  const box = contentBox(doc);
  let y = box.top;
  y = centredText(doc, [meta.organization, s.batchName].filter(Boolean).join('　'), box.left, y, box.width, { size: 10 });
  y = centredText(doc, title, box.left, y + 2, box.width, { font: 'bold', size: 18 }) + 4;
  style(doc, { size: 10 });
  const line = `考点：${s.venue}　　考场：${s.room}　　${sittingWhen(s)}`;
  y = centredText(doc, line, box.left, y, box.width, { size: 10 });
  return y + 6;
}

/** Small heading on a continuation page so a loose sheet still says which room it belongs to. */
export function drawContinuationHeader(doc: Pdf, title: string, s: RoomSitting): number {
  const box = contentBox(doc);
  return centredText(doc, `${title}（续）　${s.room}　${sittingWhen(s)}`, box.left, box.top, box.width, { size: 10 }) + 6;
}
