import { deflateSync } from 'node:zlib';
import type {
  AdmissionTicket,
  CertificatePrint,
  PaperQualityReportPrint,
  PrintMeta,
  ResultsSummaryPrint,
  RoomIncidentSheet,
  RoomSitting,
  ScoringSheetPrint,
  SeatEntry,
  TheoryPaperPrint,
} from '../../server/documents/types';

/** Small fixture builders shared by the document tests: one plausible record each, overridable. */

export const meta: PrintMeta = { organization: '某某职业技术学院', createdAt: new Date('2024-06-01T08:00:00+08:00') };

/** A solid-colour RGB PNG of w × h pixels (a stand-in for a candidate photo). */
export function pngPhoto(w = 60, h = 84, rgb: [number, number, number] = [90, 140, 200]): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer): number => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) raw.set(rgb, y * (w * 3 + 1) + 1 + x * 3);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

export function ticket(over: Partial<AdmissionTicket> = {}): AdmissionTicket {
  return {
    ticketNumber: '2024060100123',
    name: '张三丰',
    idTypeName: '居民身份证',
    idNumber: '11010519491231002X',
    photo: pngPhoto(),
    occupationName: '电工',
    workType: null,
    level: 4,
    batchName: '2024年第二批职业技能等级认定',
    sittings: [
      {
        component: 'theory',
        date: '2024-06-15',
        start: '09:00',
        end: '10:30',
        venue: '某某职业技术学院实训楼',
        address: '南昌市青山湖区某某路88号',
        room: '第03考场',
        seat: 12,
      },
      { component: 'practical', date: '2024-06-16', start: '08:30', end: '11:30', venue: '电工实训中心', room: '实训室2', seat: null },
    ],
    ...over,
  };
}

export function sitting(over: Partial<RoomSitting> = {}): RoomSitting {
  return {
    batchName: '2024年第二批职业技能等级认定',
    component: 'theory',
    date: '2024-06-15',
    start: '09:00',
    end: '10:30',
    venue: '某某职业技术学院实训楼',
    room: '第03考场',
    ...over,
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '娟', '涛'];

/** `n` seats numbered 1..n with distinct names and ticket numbers. */
export function seats(n: number): SeatEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    seat: i + 1,
    ticketNumber: `20240601${String(i + 1).padStart(5, '0')}`,
    name: `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 12]}${i >= 120 ? i : ''}`,
    occupationName: i % 3 === 0 ? '焊工' : '电工',
    workType: i % 3 === 0 ? '电焊工' : null,
    level: i % 2 === 0 ? 4 : 5,
    idNumber: `3601021990010${String(i).padStart(4, '0')}X`,
  }));
}

export function certificate(over: Partial<CertificatePrint> = {}): CertificatePrint {
  return {
    certificateNumber: 'S000036010001224000123',
    name: '张三丰',
    idTypeName: '居民身份证',
    idNumber: '11010519491231002X',
    occupationName: '电工',
    workType: null,
    level: 4,
    issueDate: '2024-07-20',
    photo: pngPhoto(),
    verifyUrl: 'https://cert.example.org/verify?no=S000036010001224000123',
    ...over,
  };
}

export function theoryPaper(over: Partial<TheoryPaperPrint> = {}): TheoryPaperPrint {
  const judge = Array.from({ length: 12 }, (_, i) => ({
    stem: i === 0 ? '安全电压是指不致使人直接致死或致残的电压。' : `判断题第${i + 1}题：电气设备的金属外壳应可靠接地。`,
    options: [],
    marks: 0.5,
    key: [i % 2 === 0 ? 'T' : 'F'],
  }));
  const single = Array.from({ length: 30 }, (_, i) => ({
    stem: i === 0 ? '我国规定的安全电压额定值等级中，最高为（ ）。' : `单项选择题第${i + 1}题：三相异步电动机的旋转方向取决于`,
    options: [
      { label: 'A', text: i === 0 ? '42V' : '电源电压' },
      { label: 'B', text: i === 0 ? '36V' : '电源频率' },
      { label: 'C', text: i === 0 ? '24V' : '定子电流的相序，这是一个较长的选项文字用于测试换行效果' },
      { label: 'D', text: i === 0 ? '12V' : '转子结构' },
    ],
    marks: 1,
    key: [i === 0 ? 'A' : 'C'],
  }));
  const multi = Array.from({ length: 4 }, (_, i) => ({
    stem: `多项选择题第${i + 1}题：下列属于基本安全用具的有（ ）。`,
    options: ['绝缘棒', '绝缘夹钳', '绝缘手套', '验电器', '绝缘垫'].map((text, k) => ({ label: 'ABCDE'[k]!, text })),
    marks: 2,
    key: ['A', 'B', 'D'],
  }));
  return {
    occupationName: '电工',
    workType: null,
    level: 4,
    form: 'B',
    durationMin: 90,
    paperCode: '6-31-01-03-4-T-B-2024-02',
    sections: [
      { type: 'judge', items: judge },
      { type: 'single', items: single },
      { type: 'multi', items: multi },
      {
        type: 'subjective',
        title: '简答题',
        items: [{ stem: '简述触电急救的基本步骤。', options: [], marks: 6, key: [], reference: '迅速脱离电源；判断意识与呼吸；立即进行心肺复苏并拨打120。' }],
      },
    ],
    ...over,
  };
}

export function incidentSheet(over: Partial<RoomIncidentSheet> = {}): RoomIncidentSheet {
  return {
    sitting: sitting(),
    proctors: ['周明', '吴丽'],
    expected: 30,
    present: 28,
    absentees: [
      { seat: 7, ticketNumber: '2024060100007', name: '赵伟' },
      { seat: 19, ticketNumber: '2024060100019', name: '孙静' },
    ],
    events: [
      { time: '09:20', kind: 'incident', candidate: { seat: 3, ticketNumber: '2024060100003', name: '张敏' }, description: '3号机死机，更换至31号备用机，补时5分钟', action: '更换备用机并补时' },
      {
        time: '09:42',
        kind: 'violation',
        category: '携带通讯工具',
        candidate: { seat: 11, ticketNumber: '2024060100011', name: '王磊' },
        description: '考试中手机响铃并查看手机',
        action: '终止考试，收缴手机',
      },
    ],
    notes: '考场秩序总体良好。',
    ...over,
  };
}

export function scoringSheet(over: Partial<ScoringSheetPrint> = {}): ScoringSheetPrint {
  return {
    occupationName: '电工',
    workType: null,
    level: 4,
    taskTitle: '三相异步电动机正反转控制线路安装与调试',
    candidateCode: 'K-0317',
    date: '2024-06-16',
    station: '工位05',
    rows: [
      { content: '安全文明生产', marks: 10, criteria: '未穿戴劳保用品扣5分；工具摆放混乱扣3分', deduction: 3, score: 7, veto: false },
      { content: '元件检查与安装', marks: 20, criteria: '元件漏检每处扣2分；安装不牢固每处扣3分', deduction: 4, score: 16, veto: false },
      { content: '线路连接', marks: 40, criteria: '接线错误每处扣5分；导线损伤每处扣2分', deduction: 10, score: 30, veto: false },
      { content: '通电试车', marks: 30, criteria: '一次试车不成功扣10分；两次不成功本项不得分', deduction: 0, score: 30, veto: false },
      { content: '带电操作', marks: 0, criteria: '未经允许带电操作或造成短路，技能操作考核不合格', deduction: null, score: null, veto: true },
    ],
    total: 83,
    vetoNote: null,
    examinerName: '陈建国',
    ...over,
  };
}

export function resultsSummary(over: Partial<ResultsSummaryPrint> = {}): ResultsSummaryPrint {
  return {
    batchName: '2024年第二批职业技能等级认定',
    filingNumber: '赣人社认备〔2024〕0123号',
    date: '2024-08-01',
    preparedBy: '刘芳',
    rows: [
      { occupationCode: '6-31-01-03', occupationName: '电工', workType: null, passed: { 5: 12, 4: 30, 3: 8 } },
      { occupationCode: '6-18-02-04', occupationName: '焊工', workType: '电焊工', passed: { 4: 15, 3: 5, 2: 2 } },
      { occupationCode: '4-10-01-05', occupationName: '养老护理员', workType: null, passed: { 5: 20 } },
    ],
    ...over,
  };
}

export function qualityReport(over: Partial<PaperQualityReportPrint> = {}): PaperQualityReportPrint {
  const form = (f: 'A' | 'B' | 'C', d: number, disc: number, shift: number): PaperQualityReportPrint['forms'][number] => ({
    form: f,
    itemCount: 200,
    totalMarks: 100,
    meanDifficulty: d,
    meanDiscrimination: disc,
    importanceCounts: { X: 120 + shift, Y: 60 - shift, Z: 20 },
    marksByRange: { A: 20 + shift / 2, B: 50 - shift / 2, C: 30 },
  });
  return {
    occupationName: '电工',
    workType: null,
    level: 4,
    component: 'theory',
    targetDifficulty: 0.65,
    ranges: [
      { code: 'A', name: '基本要求', targetMarks: 20 },
      { code: 'B', name: '电工基础知识', targetMarks: 50 },
      { code: 'C', name: '安全生产知识', targetMarks: 30 },
    ],
    forms: [form('A', 0.652, 0.31, 0), form('B', 0.647, 0.29, 2), form('C', 0.655, 0.33, -2)],
    overlaps: [
      { a: 'A', b: 'B', shared: 12 },
      { a: 'A', b: 'C', shared: 9 },
      { a: 'B', b: 'C', shared: 11 },
    ],
    ...over,
  };
}
