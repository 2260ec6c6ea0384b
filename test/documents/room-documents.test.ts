import { describe, expect, it } from 'vitest';
import {
  candidateSignInSheetsPdf,
  DocumentInputInvalid,
  roomDoorListsPdf,
  roomIncidentSheetsPdf,
  staffSignInSheetsPdf,
} from '../../server/documents';
import { incidentSheet, meta, seats, sitting } from './fixtures';
import { pdfText } from './pdf-text';

describe('考场门贴 roomDoorListsPdf', () => {
  it('lists a full room of 30 on one page: seat → ticket number, name, occupation (工种), level', async () => {
    const list = seats(30);
    const { pageCount, flat } = await pdfText(await roomDoorListsPdf([{ sitting: sitting(), seats: list }], meta));
    expect(pageCount).toBe(1);
    expect(flat).toContain('第03考场');
    expect(flat).toContain('理论知识考试2024-06-1509:00–10:30');
    expect(flat).toContain('本场考生30人');
    expect(flat).toContain('座位号准考证号姓名职业（工种）等级');
    expect(flat).toContain('12024060100001王伟焊工（电焊工）四级/中级工');
    expect(flat).toContain('22024060100002李伟电工五级/初级工');
    for (const s of list) expect(flat).toContain(`${s.seat}${s.ticketNumber}${s.name}`);
  });

  it('gives each room its own page and continues a long room on a page marked 续', async () => {
    const rooms = [
      { sitting: sitting(), seats: seats(3) },
      { sitting: sitting({ room: '第04考场', component: 'practical' as const }), seats: seats(45) },
    ];
    const { pageCount, pages } = await pdfText(await roomDoorListsPdf(rooms, meta));
    expect(pageCount).toBe(3);
    expect(pages[0]).toContain('第03考场');
    expect(pages[1]).toContain('第04考场');
    expect(pages[1]).toContain('技能操作考核');
    expect(pages[2]).toContain('考场门贴（续）');
    expect(pages[2]).toContain('第04考场');
  });

  it('refuses an empty print', async () => {
    await expect(roomDoorListsPdf([], meta)).rejects.toBeInstanceOf(DocumentInputInvalid);
  });
});

describe('签到表 candidateSignInSheetsPdf / staffSignInSheetsPdf', () => {
  it('lists candidates with masked ID numbers, a signature column and the proctors’ lines on one page', async () => {
    const list = seats(30);
    const { pageCount, flat } = await pdfText(await candidateSignInSheetsPdf([{ sitting: sitting(), seats: list }], meta));
    expect(pageCount).toBe(1);
    expect(flat).toContain('考生签到表');
    expect(flat).toContain('座位号准考证号姓名证件号码考生签名备注');
    expect(flat).toContain('12024060100001王伟3601**********000X');
    expect(flat).not.toContain(list[0]!.idNumber);
    expect(flat).toContain('应到30人');
    expect(flat).toContain('监考员签名');
  });

  it('lists staff with their roles 监考员, 考评员, 督导员 and a signature column', async () => {
    const staff = [
      { name: '周明', role: 'proctor' as const, unit: '某某学院' },
      { name: '吴丽', role: 'proctor' as const },
      { name: '陈建国', role: 'examiner' as const },
      { name: '郑红', role: 'supervisor' as const },
    ];
    const { pageCount, flat } = await pdfText(await staffSignInSheetsPdf([{ sitting: sitting(), staff }], meta));
    expect(pageCount).toBe(1);
    expect(flat).toContain('考务人员签到表');
    expect(flat).toContain('序号姓名职责所在单位签到时间本人签名');
    expect(flat).toContain('1周明监考员某某学院');
    expect(flat).toContain('2吴丽监考员');
    expect(flat).toContain('3陈建国考评员');
    expect(flat).toContain('4郑红督导员');
  });
});

describe('考场情况记录单 roomIncidentSheetsPdf', () => {
  it('records counts, absentees, incidents and violations with times, and signature lines', async () => {
    const { pageCount, flat } = await pdfText(await roomIncidentSheetsPdf([incidentSheet()], meta));
    expect(pageCount).toBe(1);
    for (const text of [
      '考场情况记录单',
      '考场第03考场',
      '考试科目理论知识考试',
      '监考员周明、吴丽',
      '应到人数30人',
      '实到人数28人',
      '缺考人数2人',
      '违纪记录1起',
      '72024060100007赵伟',
      '192024060100019孙静',
      '09:20考场情况',
      '3号机死机',
      '09:42违纪携带通讯工具11号王磊2024060100011考试中手机响铃并查看手机终止考试，收缴手机',
      '考场秩序总体良好。',
      '监考员（签名）',
      '督导员（签名）',
    ]) {
      expect(flat).toContain(text);
    }
  });

  it('prints 无 when nobody was absent and nothing happened', async () => {
    const { flat } = await pdfText(await roomIncidentSheetsPdf([incidentSheet({ present: 30, absentees: [], events: [] })], meta));
    expect(flat).toContain('缺考考生无');
    expect(flat).toContain('考场情况及违纪记录无');
  });

  it('refuses counts that do not add up, naming the sheet', async () => {
    const err = await roomIncidentSheetsPdf([incidentSheet(), incidentSheet({ present: 29 })], meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentInputInvalid);
    expect((err as DocumentInputInvalid).details).toMatchObject({ field: 'sheets[1].present' });
    expect((err as Error).message).toContain('人数不符');
  });
});
