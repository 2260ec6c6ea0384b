import { deflateSync } from 'node:zlib';
import type {
  AdmissionTicket,
  CertificatePrint,
  PrintMeta,
  RoomSitting,
  SeatEntry,
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
