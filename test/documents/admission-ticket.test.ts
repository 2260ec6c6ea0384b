import { describe, expect, it } from 'vitest';
import { admissionTicketsPdf, DocumentInputInvalid } from '../../server/documents';
import { meta, pngPhoto, ticket } from './fixtures';
import { isQrOf, pdfImages, pdfText } from './pdf-text';

describe('准考证 admissionTicketsPdf', () => {
  it('prints every field a candidate and a proctor check, in Chinese, with the metadata given', async () => {
    const pdf = await admissionTicketsPdf([ticket()], meta);
    const { pageCount, flat, info, firstPageMm } = await pdfText(pdf);
    expect(pageCount).toBe(1);
    expect(firstPageMm).toEqual([210, 297]);
    for (const text of [
      '某某职业技术学院',
      '职业技能等级认定准考证',
      '2024年第二批职业技能等级认定',
      '准考证号2024060100123',
      '姓名张三丰',
      '证件类型居民身份证',
      '证件号码11010519491231002X',
      '职业名称电工',
      '工种--',
      '等级四级/中级工',
      '理论知识考试2024-06-1509:00–10:30某某职业技术学院实训楼南昌市青山湖区某某路88号第03考场12',
      '技能操作考核2024-06-1608:30–11:30电工实训中心实训室2--',
      '考生须知',
      '开考15分钟后迟到的考生不得进入考场',
      '有效身份证件',
    ]) {
      expect(flat).toContain(text);
    }
    expect(info).toMatchObject({ Title: '准考证 2024060100123 张三丰', Author: '某某职业技术学院', CreationDate: 'D:20240601000000Z' });
  });

  it('embeds the photo and a QR code that encodes the ticket number', async () => {
    const pdf = await admissionTicketsPdf([ticket()], meta);
    const images = await pdfImages(pdf, 1);
    expect(images).toHaveLength(2);
    const [photo, qr] = images; // drawing order: photo, then QR code
    expect(isQrOf(qr!, '2024060100123')).toBe(true);
    expect(isQrOf(qr!, '2024060100124')).toBe(false);
    expect([photo!.width, photo!.height]).toEqual([60, 84]);
  });

  it('prints a 照片 box instead of a photo when there is none', async () => {
    const pdf = await admissionTicketsPdf([ticket({ photo: null })], meta);
    expect((await pdfText(pdf)).flat).toContain('照片');
    expect(await pdfImages(pdf, 1)).toHaveLength(1); // the QR code only
  });

  it('prints the 工种 when there is one', async () => {
    const { flat } = await pdfText(await admissionTicketsPdf([ticket({ workType: '高压电工' })], meta));
    expect(flat).toContain('工种高压电工');
    expect(flat).not.toContain('工种--');
  });

  it('puts two tickets on a page in a batch, or one per page on request', async () => {
    const batch = ['张三丰', '李四', '王五'].map((name, i) => ticket({ name, ticketNumber: `202406010012${i}` }));
    const two = await pdfText(await admissionTicketsPdf(batch, meta));
    expect(two.pageCount).toBe(2);
    expect(two.pages[0]).toContain('张三丰');
    expect(two.pages[0]).toContain('李四');
    expect(two.pages[1]).toContain('王五');
    expect(two.info.Title).toBe('准考证（3份）');
    const one = await pdfText(await admissionTicketsPdf(batch, meta, { perPage: 1 }));
    expect(one.pageCount).toBe(3);
  });

  it('still fits all three components on half a page', async () => {
    const t = ticket();
    const three = ticket({ level: 2, sittings: [...t.sittings, { ...t.sittings[1]!, component: 'review', room: '答辩室1' }] });
    const { pageCount, flat } = await pdfText(await admissionTicketsPdf([three, three], meta));
    expect(pageCount).toBe(1);
    expect(flat).toContain('综合评审');
    expect(flat).toContain('二级/技师');
  });

  it('gives a ticket too tall for half a page a page of its own', async () => {
    const base = ticket().sittings[0]!;
    const many = Array.from({ length: 9 }, (_, i) => ({ ...base, date: `2024-06-${String(10 + i)}`, room: `第${i + 1}考场` }));
    const tall = ticket({ name: '赵六', sittings: many });
    const { pageCount, pages } = await pdfText(await admissionTicketsPdf([ticket(), tall, ticket({ name: '孙七' })], meta));
    expect(pageCount).toBe(3);
    expect(pages[1]).toContain('赵六');
    expect(pages[1]).toContain('第9考场');
    expect(pages[2]).toContain('孙七');
  });

  it('uses the instructions given instead of the defaults', async () => {
    const { flat } = await pdfText(await admissionTicketsPdf([ticket()], meta, { instructions: ['开考30分钟后不得入场。'] }));
    expect(flat).toContain('1.开考30分钟后不得入场。');
    expect(flat).not.toContain('开考15分钟后');
  });

  it('gives the same bytes for the same input, and stays small thanks to font subsetting', async () => {
    const a = await admissionTicketsPdf([ticket()], meta);
    const b = await admissionTicketsPdf([ticket()], meta);
    expect(a.equals(b)).toBe(true);
    // Two 10 MB fonts are embedded as subsets of the glyphs used.
    expect(a.length).toBeLessThan(80_000);
  });

  it('refuses a photo that is not JPEG or PNG, naming the ticket', async () => {
    const bad = ticket({ photo: new TextEncoder().encode('GIF89a not a photo') });
    const err = await admissionTicketsPdf([ticket(), bad], meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentInputInvalid);
    expect((err as DocumentInputInvalid).details).toMatchObject({ field: 'tickets[1].photo' });
  });

  it('accepts a JPEG photo', async () => {
    // Smallest baseline JPEG (1 × 1 grey), enough for pdfkit to read the dimensions.
    const jpeg = Buffer.from(
      'ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9',
      'hex',
    );
    const pdf = await admissionTicketsPdf([ticket({ photo: new Uint8Array(jpeg) })], meta);
    expect(await pdfImages(pdf, 1)).toHaveLength(2);
  });

  it('refuses an empty batch and a ticket without components', async () => {
    await expect(admissionTicketsPdf([], meta)).rejects.toBeInstanceOf(DocumentInputInvalid);
    await expect(admissionTicketsPdf([ticket({ sittings: [] })], meta)).rejects.toThrow(/tickets\[0\]\.sittings/);
  });

  it('keeps photos apart in a batch (each ticket shows its own)', async () => {
    const red = ticket({ name: '甲', photo: pngPhoto(30, 42, [220, 0, 0]) });
    const blue = ticket({ name: '乙', photo: pngPhoto(30, 42, [0, 0, 220]) });
    const images = await pdfImages(await admissionTicketsPdf([red, blue], meta), 1);
    const photos = images.filter((i) => i.width === 30);
    expect(photos.map((p) => Array.from(p.data.slice(0, 3)))).toEqual([
      [220, 0, 0],
      [0, 0, 220],
    ]);
  });
});
