import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignTicketNumbers,
  checkTicketNumbersUnique,
  formatTicketNumber,
  parseTicketNumber,
  TicketNumberInvalid,
  type Room,
} from '../../../server/exam-admin/rules';

describe('admission ticket number', () => {
  it('lays out batch, 考场号, seat and a check digit', () => {
    const n = formatTicketNumber({ batchCode: '260301', roomNo: 7, seat: 15 });
    expect(n).toBe('260301007159');
    expect(parseTicketNumber(n)).toEqual({ batchCode: '260301', roomNo: 7, seat: 15 });
    expect(parseTicketNumber(' 2603 0100 7159 ')).toEqual({ batchCode: '260301', roomNo: 7, seat: 15 });
  });

  it('round-trips every valid combination', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 99 }), (batchCode, roomNo, seat) => {
        expect(parseTicketNumber(formatTicketNumber({ batchCode, roomNo, seat }))).toEqual({ batchCode, roomNo, seat });
      }),
    );
  });

  it('catches any single mistyped digit', () => {
    const n = formatTicketNumber({ batchCode: '260301', roomNo: 12, seat: 28 });
    for (let i = 0; i < 12; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === n[i]) continue;
        const typo = n.slice(0, i) + d + n.slice(i + 1);
        expect(() => parseTicketNumber(typo), typo).toThrow('校验位不符');
      }
    }
  });

  it('refuses malformed numbers and parts', () => {
    expect(() => parseTicketNumber('26030100715')).toThrow('准考证号应为12位数字');
    expect(() => formatTicketNumber({ batchCode: '26A301', roomNo: 1, seat: 1 })).toThrow('批次代码“26A301”应为6位数字');
    expect(() => formatTicketNumber({ batchCode: '260301', roomNo: 1000, seat: 1 })).toThrow(TicketNumberInvalid);
    expect(() => formatTicketNumber({ batchCode: '260301', roomNo: 1, seat: 0 })).toThrow('座位号0应为1–99');
  });

  it('assigns numbers from rooms and seats, unique within the batch', () => {
    const rooms: Room[] = [
      { id: 'r1', roomNo: 1, name: '301', columns: 5, rows: 6, capacity: 30 },
      { id: 'r2', roomNo: 2, name: '302', columns: 5, rows: 6, capacity: 30 },
    ];
    const tickets = assignTicketNumbers(
      '260301',
      [
        { candidateId: 'c1', roomId: 'r1', seat: 1 },
        { candidateId: 'c2', roomId: 'r2', seat: 1 },
      ],
      rooms,
    );
    expect(tickets.map((t) => parseTicketNumber(t.ticketNumber))).toEqual([
      { batchCode: '260301', roomNo: 1, seat: 1 },
      { batchCode: '260301', roomNo: 2, seat: 1 },
    ]);
    const sameRoomNo = [rooms[0]!, { ...rooms[1]!, roomNo: 1 }];
    expect(() =>
      assignTicketNumbers(
        '260301',
        [
          { candidateId: 'c1', roomId: 'r1', seat: 1 },
          { candidateId: 'c2', roomId: 'r2', seat: 1 },
        ],
        sameRoomNo,
      ),
    ).toThrow('准考证号在本批次内重复：260301001012（考生c1、c2）');
  });

  it('reports duplicates as a conflict naming both candidates', () => {
    try {
      checkTicketNumbersUnique([
        { candidateId: 'a', ticketNumber: '260301001012' },
        { candidateId: 'b', ticketNumber: '260301001012' },
      ]);
      throw new Error('expected a duplicate');
    } catch (e) {
      expect(e).toBeInstanceOf(TicketNumberInvalid);
      expect(e).toMatchObject({ code: 'TICKET_NUMBER_DUPLICATE', kind: 'conflict' });
    }
    expect(() => checkTicketNumbersUnique([{ candidateId: 'a', ticketNumber: '260301001012' }])).not.toThrow();
  });
});
