import { DocumentInputInvalid } from './errors';
import { levelName, workTypeText } from '../../scoring';
import { chineseDate } from './labels';
import { A4, mm, renderPdf, type Pdf } from './pdf-document';
import { centredText, style } from './pdf-layout';
import { drawPhoto } from './photo';
import { drawQr, qrPng } from './qr';
import type { CertificatePrint, PrintMeta } from './types';

const RED = '#8b1a1a';
const PHOTO_W = mm(25);
const PHOTO_H = mm(35);
const QR_SIZE = mm(28);

/**
 * 职业技能等级证书, one A4 page per certificate, with the content 人社鉴发〔2021〕1号 requires: title,
 * name, ID type and number, 职业名称, 工种/职业方向 (`--` when none), 职业技能等级 (`四级/中级工`),
 * 证书编号, 发证日期, 评价机构 (`meta.organization`), photo, and a QR code of `verifyUrl` with the URL
 * printed under it for those who cannot scan.
 *
 * Fails with `DocumentInputInvalid` for an empty list, an empty verification URL, or a photo that is
 * not JPEG/PNG (`certificates[i].photo`).
 *
 * @example
 * await certificatesPdf([{ certificateNumber: 'S000036010001224000123', name: '张三', … }], meta);
 */
export async function certificatesPdf(certificates: readonly CertificatePrint[], meta: PrintMeta): Promise<Buffer> {
  if (certificates.length === 0) throw new DocumentInputInvalid('certificates', '为空，没有可打印的证书');
  certificates.forEach((c, i) => {
    if (!c.verifyUrl.trim()) throw new DocumentInputInvalid(`certificates[${i}].verifyUrl`, '为空，证书须有查验二维码');
  });
  const title = certificates.length === 1 ? `职业技能等级证书 ${certificates[0]!.certificateNumber}` : `职业技能等级证书（${certificates.length}份）`;
  return renderPdf(meta, { title, subject: '职业技能等级证书', margin: mm(20) }, async (doc) => {
    for (const [i, c] of certificates.entries()) {
      if (i > 0) doc.addPage();
      await drawCertificate(doc, c, meta, `certificates[${i}]`);
    }
  });
}

async function drawCertificate(doc: Pdf, c: CertificatePrint, meta: PrintMeta, field: string): Promise<void> {
  const W = A4.width;
  // Double frame: a heavy outer rule and a thin inner one, as printed certificates have.
  doc.lineWidth(3).strokeColor(RED).rect(mm(10), mm(10), W - mm(20), A4.height - mm(20)).stroke();
  doc.lineWidth(0.8).rect(mm(13), mm(13), W - mm(26), A4.height - mm(26)).stroke();
  doc.strokeColor('black');

  let y = mm(32);
  y = centredText(doc, '职业技能等级证书', 0, y, W, { font: 'bold', size: 32, color: RED });
  y = centredText(doc, 'Vocational Skill Level Certificate', 0, y + 2, W, { size: 11, color: RED }) + mm(14);

  const photoX = W - mm(32) - PHOTO_W;
  drawPhoto(doc, c.photo, photoX, y, PHOTO_W, PHOTO_H, `${field}.photo`);

  const rows: [string, string][] = [
    ['姓　　名', c.name],
    ['证件类型', c.idTypeName],
    ['证件号码', c.idNumber],
    ['职业名称', c.occupationName],
    ['工种/职业方向', workTypeText(c.workType)],
    ['职业技能等级', levelName(c.level)],
    ['证书编号', c.certificateNumber],
    ['发证日期', chineseDate(c.issueDate)],
  ];
  const labelX = mm(26);
  const valueX = labelX + mm(42);
  for (const [label, value] of rows) {
    style(doc, { size: 13, color: '#333' }).text(`${label}：`, labelX, y, { width: valueX - labelX, align: 'right' });
    style(doc, { font: 'bold', size: 13 }).text(value, valueX, y, { width: photoX - valueX - mm(4) });
    y += 30;
  }

  y += mm(8);
  const statement = '经评价，该同志达到国家职业技能标准规定的相应等级要求，特发此证。';
  centredText(doc, statement, mm(28), y, W - mm(56), { size: 12 });

  const qrY = A4.height - mm(30) - QR_SIZE - 22;
  drawQr(doc, await qrPng(c.verifyUrl), mm(28), qrY, QR_SIZE);
  style(doc, { size: 8, color: '#333' }).text('扫码查验证书', mm(28), qrY + QR_SIZE + 2, { width: QR_SIZE, align: 'center' });
  style(doc, { size: 7, color: '#555' }).text(c.verifyUrl, mm(28), qrY + QR_SIZE + 13, { width: mm(80) });

  const orgX = W / 2;
  const orgW = W - mm(28) - orgX;
  style(doc, { size: 12 }).text('评价机构（盖章）', orgX, qrY + 10, { width: orgW, align: 'center' });
  style(doc, { font: 'bold', size: 14 }).text(meta.organization, orgX, qrY + 34, { width: orgW, align: 'center' });
  style(doc, { size: 12 }).text(chineseDate(c.issueDate), orgX, qrY + 60, { width: orgW, align: 'center' });
  doc.fillColor('black');
}
