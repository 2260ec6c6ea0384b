import { DocumentInputInvalid } from './errors';
import { maskIdNumberForRoom } from './labels';
import { mm, renderPdf, type Pdf } from './pdf-document';
import { contentBox, drawTable, fitColumns, signatureLine, style, type TableColumn } from './pdf-layout';
import { drawContinuationHeader, drawRoomHeader } from './room-header';
import type { CandidateSignInSheet, PrintMeta, RoomSitting, StaffRole, StaffSignInSheet } from './types';

/** Printed name of a staff role. */
export function staffRoleName(role: StaffRole): string {
  switch (role) {
    case 'proctor':
      return '监考员';
    case 'examiner':
      return '考评员';
    case 'supervisor':
      return '督导员';
    default: {
      const never: never = role;
      throw new Error(`unknown staff role ${String(never)}`);
    }
  }
}

// Tall enough to sign in, short enough for 30 seats (one full room) plus the footer on one page.
const SIGN_ROW_H = 19.5;

/**
 * 考生签到表, one room per page (continued pages marked 续): seat, ticket number, name, masked ID
 * number (`1101**********002X`: the sheet lies open on a desk) and a signature column, then the
 * expected count and the proctors' signature lines.
 *
 * Fails with `DocumentInputInvalid` when there is no sheet to print.
 */
export async function candidateSignInSheetsPdf(sheets: readonly CandidateSignInSheet[], meta: PrintMeta): Promise<Buffer> {
  return signInSheetsPdf('考生签到表', sheets, meta, {
    columns: [
      { header: '座位号', width: 44, align: 'center' },
      { header: '准考证号', width: 100, align: 'center' },
      { header: '姓名', width: 70, align: 'center' },
      { header: '证件号码', width: 130, align: 'center' },
      { header: '考生签名', width: 110 },
      { header: '备注', width: 60 },
    ],
    rowHeight: SIGN_ROW_H,
    rows: (sheet) => sheet.seats.map((e) => [String(e.seat), e.ticketNumber, e.name, maskIdNumberForRoom(e.idNumber), '', '']),
    countLine: (sheet) => `应到 ${sheet.seats.length} 人，实到 ______ 人，缺考 ______ 人`,
    signers: ['监考员签名', '监考员签名'],
  });
}

/**
 * 考务人员签到表 (监考员/考评员/督导员) of one sitting per page: name, role, unit, sign-in time and
 * signature columns (time and signature by hand).
 *
 * Fails with `DocumentInputInvalid` when there is no sheet to print.
 */
export async function staffSignInSheetsPdf(sheets: readonly StaffSignInSheet[], meta: PrintMeta): Promise<Buffer> {
  return signInSheetsPdf('考务人员签到表', sheets, meta, {
    columns: [
      { header: '序号', width: 36, align: 'center' },
      { header: '姓名', width: 70, align: 'center' },
      { header: '职责', width: 60, align: 'center' },
      { header: '所在单位', width: 140 },
      { header: '签到时间', width: 70 },
      { header: '本人签名', width: 110 },
    ],
    rowHeight: SIGN_ROW_H + 3,
    rows: (sheet) => sheet.staff.map((p, n) => [String(n + 1), p.name, staffRoleName(p.role), p.unit ?? '', '', '']),
    countLine: (sheet) => `应到 ${sheet.staff.length} 人`,
    signers: ['考点负责人签名'],
  });
}

/** What differs between the two sign-in sheets; the page layout around it is the same. */
interface SignInLayout<S> {
  columns: TableColumn[];
  rowHeight: number;
  rows: (sheet: S) => string[][];
  countLine: (sheet: S) => string;
  signers: string[];
}

/** One sitting per page: room header, the table (续 header on overflow pages), count and signature lines. */
function signInSheetsPdf<S extends { sitting: RoomSitting }>(title: string, sheets: readonly S[], meta: PrintMeta, layout: SignInLayout<S>): Promise<Buffer> {
  if (sheets.length === 0) throw new DocumentInputInvalid('sheets', '为空，没有可打印的签到表');
  return renderPdf(meta, { title, subject: title, margin: mm(10) }, (doc) => {
    sheets.forEach((sheet, i) => {
      if (i > 0) doc.addPage();
      const box = contentBox(doc);
      const y = drawRoomHeader(doc, meta, title, sheet.sitting);
      const end = drawTable(doc, {
        x: box.left,
        y,
        columns: fitColumns(layout.columns, box.width),
        fontSize: 10,
        minRowHeight: layout.rowHeight,
        rows: layout.rows(sheet),
        onPageBreak: (d) => drawContinuationHeader(d, title, sheet.sitting),
      });
      drawSheetFooter(doc, end, layout.countLine(sheet), layout.signers);
    });
  });
}

/** Count line and signature lines under a sheet; moves to a new page when the table filled this one. */
function drawSheetFooter(doc: Pdf, tableEnd: number, countLine: string, signers: string[]): void {
  let y = tableEnd + 10;
  if (y + 50 > contentBox(doc).bottom) {
    doc.addPage();
    y = contentBox(doc).top;
  }
  const box = contentBox(doc);
  style(doc, { size: 10 }).text(countLine, box.left, y);
  y += 22;
  const w = (box.width - 20 * (signers.length - 1)) / signers.length;
  signers.forEach((label, i) => signatureLine(doc, label, box.left + i * (w + 20), y, Math.min(w, 220)));
}
