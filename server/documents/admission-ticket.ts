import { componentName, levelName, workTypeText } from '../../scoring';
import { DocumentInputInvalid } from './errors';
import { mm, renderPdf, type Pdf } from './pdf-document';
import { contentBox, drawTable, fitColumns, measureTable, paragraph, style, type TableColumn } from './pdf-layout';
import { drawPhoto } from './photo';
import { drawQr, qrPng } from './qr';
import type { AdmissionTicket, AdmissionTicketOptions, PrintMeta } from './types';

/**
 * 考生须知 printed when the caller gives none. The 15-minute late-entry rule and the 30-minute early
 * arrival are common practice (M in the domain notes), hence overridable per print run.
 */
export const DEFAULT_TICKET_INSTRUCTIONS: readonly string[] = [
  '考生须凭本准考证和有效身份证件（与报名时所用证件一致）参加考试，二者缺一不得入场。',
  '请于考试开始前30分钟到达考点，按考场和座位号入座，将准考证和身份证件放在桌面左上角备查。',
  '开考15分钟后迟到的考生不得进入考场；考试期间不得提前离场，具体以考场规定为准。',
  '除规定的文具外，严禁携带手机、智能手表等通讯和电子设备及书籍资料进入考场。',
  '自觉遵守考场纪律，服从考务人员管理；违纪、作弊者按有关规定处理。',
  '请妥善保管本准考证，成绩查询和证书领取时需要使用。',
];

const PHOTO_W = mm(25);
const PHOTO_H = mm(35);
const QR_SIZE = mm(25);
const PAD = 10;
const GAP = 8;
const ROW_FONT = 9;
// Compact rows so a ticket with all three components still fits half an A4 page.
const INFO_ROW_H = 16;

interface Slot {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * 准考证 for one candidate or a whole batch: name, photo, ID, ticket number (also as QR code),
 * occupation/工种 (`--` when absent), level (`四级/中级工`), each component with date, time, venue,
 * room and seat, and 考生须知. Two tickets per A4 page by default (a dashed cut line between them);
 * a ticket too tall for half a page gets a page of its own.
 *
 * Fails with `DocumentInputInvalid` for an empty batch, a ticket without sittings, or a photo that is
 * not JPEG/PNG (the field names the ticket, e.g. `tickets[12].photo`).
 *
 * @example
 * const pdf = await admissionTicketsPdf([ticket], { organization: '某某职业技术学院', createdAt: new Date() });
 */
export async function admissionTicketsPdf(
  tickets: readonly AdmissionTicket[],
  meta: PrintMeta,
  options: AdmissionTicketOptions = {},
): Promise<Buffer> {
  if (tickets.length === 0) throw new DocumentInputInvalid('tickets', '为空，没有可打印的准考证');
  tickets.forEach((t, i) => {
    if (t.sittings.length === 0) throw new DocumentInputInvalid(`tickets[${i}].sittings`, '为空，准考证须列出考试科目');
  });
  const instructions = options.instructions ?? DEFAULT_TICKET_INSTRUCTIONS;
  const perPage = options.perPage ?? 2;
  const title = tickets.length === 1 ? `准考证 ${tickets[0]!.ticketNumber} ${tickets[0]!.name}` : `准考证（${tickets.length}份）`;

  return renderPdf(meta, { title, subject: '职业技能等级认定准考证', margin: mm(8) }, async (doc) => {
    const box = contentBox(doc);
    const half = (box.bottom - box.top - GAP * 2) / 2;
    let slotIndex = 0; // 0 = top half of a fresh page, 1 = bottom half
    let first = true;
    for (const [i, ticket] of tickets.entries()) {
      const needed = ticketHeight(doc, ticket, instructions, box.width);
      const fitsHalf = perPage === 2 && needed <= half;
      if (!first && (!fitsHalf || slotIndex === 0)) doc.addPage();
      if (!first && fitsHalf && slotIndex === 1) drawCutLine(doc, box.left, box.right, box.top + half + GAP);
      const slot: Slot = fitsHalf
        ? { x: box.left, y: slotIndex === 0 ? box.top : box.top + half + GAP * 2, w: box.width, h: half }
        : { x: box.left, y: box.top, w: box.width, h: Math.min(needed, box.bottom - box.top) };
      await drawTicket(doc, ticket, meta, instructions, slot, `tickets[${i}]`);
      slotIndex = fitsHalf && slotIndex === 0 ? 1 : 0;
      first = false;
    }
  });
}

function infoRows(t: AdmissionTicket): string[][] {
  return [
    ['准考证号', t.ticketNumber],
    ['姓　　名', t.name],
    ['证件类型', t.idTypeName],
    ['证件号码', t.idNumber],
    ['职业名称', t.occupationName],
    ['工　　种', workTypeText(t.workType)],
    ['等　　级', levelName(t.level)],
  ];
}

function infoColumns(contentW: number): TableColumn[] {
  const w = contentW - PHOTO_W - QR_SIZE - 3 * GAP;
  return [
    { header: '', width: 62, align: 'center' },
    { header: '', width: w - 62 },
  ];
}

function sittingColumns(contentW: number): TableColumn[] {
  return fitColumns(
    [
      { header: '考试科目', width: 72, align: 'center' },
      { header: '日期', width: 64, align: 'center' },
      { header: '时间', width: 66, align: 'center' },
      { header: '考点', width: 170 },
      { header: '考场', width: 58, align: 'center' },
      { header: '座位号', width: 42, align: 'center' },
    ],
    contentW,
  );
}

function sittingRows(t: AdmissionTicket): string[][] {
  return t.sittings.map((s) => [
    componentName(s.component),
    s.date,
    `${s.start}–${s.end}`,
    s.address ? `${s.venue}\n${s.address}` : s.venue,
    s.room,
    s.seat === null || s.seat === '' ? '--' : String(s.seat),
  ]);
}

function instructionText(instructions: readonly string[]): string {
  return instructions.map((line, i) => `${i + 1}. ${line}`).join('\n');
}

const HEADER_H = (t: AdmissionTicket): number => 14 + 24 + (t.batchName ? 13 : 0) + GAP;

/** Height of a ticket's content plus its padding, measured with the same fonts used to draw it. */
function ticketHeight(doc: Pdf, t: AdmissionTicket, instructions: readonly string[], slotW: number): number {
  const w = slotW - 2 * PAD;
  const info = measureTable(doc, { columns: infoColumns(w), rows: infoRows(t), noHeader: true, fontSize: ROW_FONT, minRowHeight: INFO_ROW_H, padding: 1.5 });
  const table = measureTable(doc, { columns: sittingColumns(w), rows: sittingRows(t), fontSize: ROW_FONT, minRowHeight: INFO_ROW_H, padding: 1.5 });
  style(doc, { size: 7.5 });
  const instr = 12 + doc.heightOfString(instructionText(instructions), { width: w, lineGap: 1 });
  return 2 * PAD + HEADER_H(t) + Math.max(info, PHOTO_H) + GAP + table + GAP + instr;
}

async function drawTicket(
  doc: Pdf,
  t: AdmissionTicket,
  meta: PrintMeta,
  instructions: readonly string[],
  slot: Slot,
  field: string,
): Promise<void> {
  const x = slot.x + PAD;
  const w = slot.w - 2 * PAD;
  doc.lineWidth(1).strokeColor('black').rect(slot.x, slot.y, slot.w, slot.h).stroke();

  let y = slot.y + PAD;
  style(doc, { size: 10 }).text(meta.organization, x, y, { width: w, align: 'center' });
  y += 14;
  style(doc, { font: 'bold', size: 17 }).text('职业技能等级认定准考证', x, y, { width: w, align: 'center', characterSpacing: 2 });
  y += 24;
  if (t.batchName) {
    style(doc, { size: 9, color: '#333' }).text(t.batchName, x, y, { width: w, align: 'center' });
    y += 13;
  }
  y += GAP;

  const infoEnd = drawTable(doc, { x, y, columns: infoColumns(w), rows: infoRows(t), noHeader: true, fontSize: ROW_FONT, minRowHeight: INFO_ROW_H, padding: 1.5 });
  const photoX = slot.x + slot.w - PAD - PHOTO_W;
  drawPhoto(doc, t.photo, photoX, y, PHOTO_W, PHOTO_H, `${field}.photo`);
  const qrX = photoX - GAP - QR_SIZE;
  drawQr(doc, await qrPng(t.ticketNumber), qrX, y, QR_SIZE);
  style(doc, { size: 7, color: '#444' }).text('扫码核验准考证号', qrX - 6, y + QR_SIZE + 2, { width: QR_SIZE + 12, align: 'center' });
  y = Math.max(infoEnd, y + PHOTO_H) + GAP;

  y = drawTable(doc, { x, y, columns: sittingColumns(w), rows: sittingRows(t), fontSize: ROW_FONT, minRowHeight: INFO_ROW_H, padding: 1.5 }) + GAP;

  style(doc, { font: 'bold', size: 9 }).text('考生须知', x, y);
  y += 12;
  paragraph(doc, instructionText(instructions), x, y, w, { size: 7.5, lineGap: 1 });
  doc.fillColor('black');
}

function drawCutLine(doc: Pdf, left: number, right: number, y: number): void {
  doc.save().lineWidth(0.5).strokeColor('#777').dash(4, { space: 3 }).moveTo(left, y).lineTo(right, y).stroke().undash().restore();
  style(doc, { size: 7, color: '#777' }).text('沿此线裁开', left, y - 9, { lineBreak: false });
  doc.fillColor('black');
}
