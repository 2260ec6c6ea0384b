import { describe, expect, it } from 'vitest';
import { certificatesPdf, DocumentInputInvalid } from '../../server/documents';
import { certificate, meta } from './fixtures';
import { isQrOf, pdfImages, pdfText } from './pdf-text';

describe('职业技能等级证书 certificatesPdf', () => {
  it('prints the content the national rule requires on one A4 page', async () => {
    const { pageCount, flat, info, firstPageMm } = await pdfText(await certificatesPdf([certificate()], meta));
    expect(pageCount).toBe(1);
    expect(firstPageMm).toEqual([210, 297]);
    for (const text of [
      '职业技能等级证书',
      '姓名：张三丰',
      '证件类型：居民身份证',
      '证件号码：11010519491231002X',
      '职业名称：电工',
      '工种/职业方向：--',
      '职业技能等级：四级/中级工',
      '证书编号：S000036010001224000123',
      '发证日期：2024年07月20日',
      '评价机构（盖章）某某职业技术学院',
      'https://cert.example.org/verify?no=S000036010001224000123',
    ]) {
      expect(flat).toContain(text);
    }
    expect(info).toMatchObject({ Title: '职业技能等级证书 S000036010001224000123', Author: '某某职业技术学院' });
  });

  it('carries the photo and a QR code of the verification URL', async () => {
    const pdf = await certificatesPdf([certificate()], meta);
    const [photo, qr] = await pdfImages(pdf, 1);
    expect([photo?.width, photo?.height]).toEqual([60, 84]);
    expect(isQrOf(qr!, 'https://cert.example.org/verify?no=S000036010001224000123')).toBe(true);
  });

  it('prints the 工种 when there is one and one page per certificate in a batch', async () => {
    const batch = [certificate(), certificate({ name: '李四', workType: '电焊工', occupationName: '焊工', level: 3, certificateNumber: 'S000036010001243000001' })];
    const { pageCount, pages } = await pdfText(await certificatesPdf(batch, meta));
    expect(pageCount).toBe(2);
    expect(pages[1]).toContain('电焊工');
    expect(pages[1]).toContain('三级/高级工');
    expect(pages[1]).toContain('S000036010001243000001');
  });

  it('refuses a certificate without a verification URL or with a broken photo', async () => {
    await expect(certificatesPdf([certificate({ verifyUrl: ' ' })], meta)).rejects.toThrow(/verifyUrl/);
    const err = await certificatesPdf([certificate({ photo: new Uint8Array([1, 2, 3, 4, 5]) })], meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentInputInvalid);
    expect((err as DocumentInputInvalid).details).toMatchObject({ field: 'certificates[0].photo' });
  });
});
