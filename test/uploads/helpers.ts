import ExcelJS from 'exceljs';

export type CellInput = ExcelJS.CellValue;

/** Build an xlsx in memory, one array of rows per sheet (row 1 first). */
export async function xlsxOf(sheets: Array<{ name: string; rows: CellInput[][] }>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r, i) => {
      r.forEach((v, j) => {
        if (v !== null && v !== undefined) ws.getCell(i + 1, j + 1).value = v;
      });
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * Rewrite the uncompressed size that both the local header and the central directory declare for `entry`:
 * a forged zip whose directory under-states how much an entry inflates to.
 */
export function lieAboutSize(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const buf = zip.slice();
  const dv = new DataView(buf.buffer);
  const name = new TextEncoder().encode(entry);
  let patched = 0;
  for (let i = 0; i + 46 < buf.length; i++) {
    const sig = dv.getUint32(i, true);
    const local = sig === 0x04034b50;
    if (!local && sig !== 0x02014b50) continue;
    const nameLen = dv.getUint16(i + (local ? 26 : 28), true);
    const at = i + (local ? 30 : 46);
    const n = buf.subarray(at, at + nameLen);
    if (n.length === name.length && n.every((b, j) => b === name[j])) {
      dv.setUint32(i + (local ? 22 : 24), size, true);
      patched++;
    }
  }
  if (patched !== 2) throw new Error(`expected to patch 2 headers of ${entry}, patched ${patched}`);
  return buf;
}
