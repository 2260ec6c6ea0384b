import { componentName } from '../../scoring';
import { DocumentInputInvalid } from './errors';
import { mm, renderPdf, type Pdf } from './pdf-document';
import { contentBox, drawTable, fitColumns, paragraph, signatureLine, style, type TableColumn } from './pdf-layout';
import { drawContinuationHeader, drawRoomHeader } from './room-header';
import type { CandidateRef, PrintMeta, RoomEvent, RoomIncidentSheet } from './types';

const TITLE = '考场情况记录单';

/**
 * 考场情况记录单, one room per page (continued when long): sitting, room, proctors, expected /
 * present / absent counts, the absentees, incidents and violations (违纪 with category) in time
 * order, notes, and signature lines for the proctors and the supervisor.
 *
 * Fails with `DocumentInputInvalid` when there is no sheet, or when `expected ≠ present +
 * absentees.length` (the field names the sheet, e.g. `sheets[0].present`).
 */
export async function roomIncidentSheetsPdf(sheets: readonly RoomIncidentSheet[], meta: PrintMeta): Promise<Buffer> {
  if (sheets.length === 0) throw new DocumentInputInvalid('sheets', '为空，没有可打印的考场情况记录单');
  sheets.forEach((s, i) => {
    for (const [k, v] of [['expected', s.expected], ['present', s.present]] as const) {
      if (!Number.isInteger(v) || v < 0) throw new DocumentInputInvalid(`sheets[${i}].${k}`, '须为非负整数');
    }
    if (s.expected !== s.present + s.absentees.length) {
      throw new DocumentInputInvalid(
        `sheets[${i}].present`,
        `应到 ${s.expected} 人，但实到 ${s.present} 人 + 缺考 ${s.absentees.length} 人 = ${s.present + s.absentees.length} 人，人数不符`,
      );
    }
  });
  return renderPdf(meta, { title: TITLE, subject: TITLE, margin: mm(12) }, (doc) => {
    sheets.forEach((sheet, i) => {
      if (i > 0) doc.addPage();
      drawSheet(doc, meta, sheet);
    });
  });
}

function candidateText(c: CandidateRef | undefined): string {
  return c ? `${c.seat}号 ${c.name}\n${c.ticketNumber}` : '--';
}

function eventKind(kind: RoomEvent['kind']): string {
  switch (kind) {
    case 'incident':
      return '考场情况';
    case 'violation':
      return '违纪';
    default: {
      const never: never = kind;
      throw new Error(`unknown event kind ${String(never)}`);
    }
  }
}

function drawSheet(doc: Pdf, meta: PrintMeta, sheet: RoomIncidentSheet): void {
  const s = sheet.sitting;
  const box = contentBox(doc);
  const cont = (d: Pdf): number => drawContinuationHeader(d, TITLE, s);
  let y = drawRoomHeader(doc, meta, TITLE, s);

  const grid = fitColumns(
    [
      { header: '', width: 70, align: 'center' as const },
      { header: '', width: 150 },
      { header: '', width: 70, align: 'center' as const },
      { header: '', width: 150 },
    ],
    box.width,
  );
  y = drawTable(doc, {
    x: box.left,
    y,
    columns: grid,
    noHeader: true,
    fontSize: 10,
    minRowHeight: 20,
    rows: [
      ['考点', s.venue, '考场', s.room],
      ['考试科目', componentName(s.component), '考试时间', `${s.date} ${s.start}–${s.end}`],
      ['监考员', sheet.proctors.join('、') || '--', '认定批次', s.batchName ?? '--'],
      ['应到人数', `${sheet.expected} 人`, '实到人数', `${sheet.present} 人`],
      ['缺考人数', `${sheet.absentees.length} 人`, '违纪记录', `${sheet.events.filter((e) => e.kind === 'violation').length} 起`],
    ],
  });

  // A titled list, or 无 when there is nothing to list (the form still shows the section).
  const listSection = (title: string, columns: TableColumn[], fontSize: number, rows: string[][]): void => {
    y = sectionTitle(doc, title, y + 10);
    if (rows.length === 0) y = paragraph(doc, '无', box.left + 6, y, box.width, { size: 10 });
    else y = drawTable(doc, { x: box.left, y, columns: fitColumns(columns, box.width), fontSize, rows, onPageBreak: cont });
  };
  listSection(
    '缺考考生',
    [
      { header: '座位号', width: 60, align: 'center' },
      { header: '准考证号', width: 140, align: 'center' },
      { header: '姓名', width: 100, align: 'center' },
    ],
    10,
    sheet.absentees.map((a) => [String(a.seat), a.ticketNumber, a.name]),
  );
  listSection(
    '考场情况及违纪记录',
    [
      { header: '时间', width: 40, align: 'center' },
      { header: '类型', width: 52, align: 'center' },
      { header: '违纪类别', width: 70, align: 'center' },
      { header: '考生', width: 95 },
      { header: '情况说明', width: 150 },
      { header: '处理措施', width: 90 },
    ],
    9,
    sheet.events.map((e) => [
      e.time,
      eventKind(e.kind),
      e.kind === 'violation' ? (e.category ?? '--') : '--',
      candidateText(e.candidate),
      e.description,
      e.action ?? '',
    ]),
  );

  y = sectionTitle(doc, '备注', y + 10);
  y = paragraph(doc, sheet.notes ?? '', box.left + 6, y, box.width - 12, { size: 10 }) + 8;

  // Signatures stay together: move them to a new page rather than split them.
  if (y + 60 > contentBox(doc).bottom) {
    doc.addPage();
    y = cont(doc);
  }
  const half = (box.width - 24) / 2;
  const proctorLines = Math.max(2, sheet.proctors.length);
  for (let n = 0; n < proctorLines; n += 2) {
    signatureLine(doc, '监考员（签名）', box.left, y, half);
    if (n + 1 < proctorLines) signatureLine(doc, '监考员（签名）', box.left + half + 24, y, half);
    y += 24;
  }
  signatureLine(doc, '督导员（签名）', box.left, y, half);
  signatureLine(doc, '日期', box.left + half + 24, y, half, s.date);
}

function sectionTitle(doc: Pdf, text: string, y: number): number {
  if (y + 40 > contentBox(doc).bottom) {
    doc.addPage();
    y = contentBox(doc).top;
  }
  style(doc, { font: 'bold', size: 11 }).text(text, contentBox(doc).left, y);
  return y + 17;
}
