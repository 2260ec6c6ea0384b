import { DocumentInputInvalid } from './errors';
import { levelName } from '../../scoring';
import { occupationWithWorkType } from './labels';
import { mm, renderPdf } from './pdf-document';
import { centredText, contentBox, drawTable, fitColumns } from './pdf-layout';
import { drawContinuationHeader, sittingWhen } from './room-header';
import type { PrintMeta, RoomDoorList } from './types';

/**
 * 考场门贴: the seat plan pinned on a room door, one room per page (a long room continues on the next
 * page, marked 续): room name in large type, sitting and time, then seat → ticket number, name,
 * occupation (工种) and level. Rooms print in the given order, seats in the given order.
 *
 * Fails with `DocumentInputInvalid` when there is no room to print.
 *
 * @example
 * await roomDoorListsPdf([{ sitting, seats }], meta);
 */
export async function roomDoorListsPdf(lists: readonly RoomDoorList[], meta: PrintMeta): Promise<Buffer> {
  if (lists.length === 0) throw new DocumentInputInvalid('lists', '为空，没有可打印的考场');
  const title = lists.length === 1 ? `考场门贴 ${lists[0]!.sitting.room}` : `考场门贴（${lists.length}个考场）`;
  return renderPdf(meta, { title, subject: '考场门贴', margin: mm(12) }, (doc) => {
    lists.forEach((list, i) => {
      if (i > 0) doc.addPage();
      const s = list.sitting;
      const box = contentBox(doc);
      let y = box.top;
      y = centredText(doc, [meta.organization, s.batchName].filter(Boolean).join('　'), box.left, y, box.width, { size: 11 });
      y = centredText(doc, s.room, box.left, y + 4, box.width, { font: 'bold', size: 36 });
      y = centredText(doc, sittingWhen(s), box.left, y + 2, box.width, { font: 'bold', size: 15 });
      y = centredText(doc, `考点：${s.venue}　　本场考生 ${list.seats.length} 人`, box.left, y + 4, box.width, { size: 11 }) + 8;
      const columns = fitColumns(
        [
          { header: '座位号', width: 50, align: 'center' as const },
          { header: '准考证号', width: 110, align: 'center' as const },
          { header: '姓名', width: 80, align: 'center' as const },
          { header: '职业（工种）', width: 150 },
          { header: '等级', width: 90, align: 'center' as const },
        ],
        box.width,
      );
      drawTable(doc, {
        x: box.left,
        y,
        columns,
        fontSize: 10.5,
        minRowHeight: 18,
        padding: 2,
        rows: list.seats.map((e) => [String(e.seat), e.ticketNumber, e.name, occupationWithWorkType(e.occupationName, e.workType), levelName(e.level)]),
        onPageBreak: (d) => drawContinuationHeader(d, '考场门贴', s),
      });
    });
  });
}
