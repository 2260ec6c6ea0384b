import { describe, expect, it } from 'vitest';
import { exportQti3, formatRowError, parseQti3Item, parseQti3Package } from '../../../question-bank/formats';
import { parseXml as parseXmlForTest } from '../../../question-bank/formats/xml-tree';
import { bankFields, ctx, fixtureText, refused, rejectedRows, sampleBank } from './helpers';

const packageFiles = () =>
  new Map([
    ['items/judge-grounding.xml', fixtureText('qti-package/items/judge-grounding.xml')],
    ['items/essay first-aid.xml', fixtureText('qti-package/items/essay first-aid.xml')],
  ]);

describe('QTI 3.0 single items (hand-written files)', () => {
  it('reads a single-choice item from another platform: identifiers relabelled A–D, 鉴定点 from label', () => {
    const [item] = parseQti3Item(fixtureText('qti-single.xml'), ctx).items;
    expect(item).toMatchObject({
      type: 'single',
      pointCode: 'A-C-001',
      externalId: 'q-motor-direction',
      key: ['C'],
      difficulty: 0.65,
      discrimination: 0.3,
      status: 'active',
    });
    // A source line break inside a Chinese sentence adds no space; the prompt follows the stem; feedback is dropped.
    expect(item!.stem).toBe('三相异步电动机的旋转方向取决于（　）。\n请选择一项。');
    expect(item!.options).toEqual([
      { label: 'A', text: '电源电压' },
      { label: 'B', text: '电源频率' },
      { label: 'C', text: '定子电流的相序' },
      { label: 'D', text: '磁极对数 & 转差率' },
    ]);
  });

  it('reads a multiple-choice item with qti-mapping (prefixed namespace) into fractions', () => {
    const [item] = parseQti3Item(fixtureText('qti-multi-mapping.xml'), ctx).items;
    expect(item).toMatchObject({ type: 'multi', pointCode: 'A-B-002', key: ['A', 'C'], stem: '下列材料中，属于绝缘材料的有（　）。' });
    expect(item!.options).toEqual([
      { label: 'A', text: '橡胶', fraction: 0.5 },
      { label: 'B', text: '铜', fraction: -1 },
      { label: 'C', text: '云母', fraction: 0.5 },
      { label: 'D', text: '铝', fraction: -1 },
    ]);
  });

  it('rejects an item whose correct response names no option', async () => {
    const errors = await rejectedRows(() => parseQti3Item(fixtureText('qti-bad.xml'), ctx));
    expect(errors.map((e) => formatRowError(e, 'question'))).toEqual(['第 1 题 “答案”：正确答案 E 不是任何选项的 identifier（选项为 A、B）']);
  });

  it('rejects a QTI 2.x item with a clear word about the version', async () => {
    const errors = await rejectedRows(() => parseQti3Item(fixtureText('qti2-item.xml'), ctx));
    expect(errors[0]!.problem).toContain('QTI 2.x');
  });

  it('asks for the 鉴定点 in the label when a lone item has none', async () => {
    const xml = fixtureText('qti-single.xml').replace('label="A-C-001" ', '');
    const errors = await rejectedRows(() => parseQti3Item(xml, ctx));
    expect(errors).toEqual([{ row: 1, column: '鉴定点', problem: expect.stringContaining('label 属性') }]);
  });

  it('refuses images in the item body rather than importing half a question', async () => {
    const xml = fixtureText('qti-single.xml').replace('<p>三相', '<p><img src="motor.png" alt="电动机"/>三相');
    const errors = await rejectedRows(() => parseQti3Item(xml, ctx));
    expect(errors[0]!.problem).toContain('图片');
  });
});

describe('QTI 3.0 content packages (manifest + files, unpacked)', () => {
  it('reads the items listed in the manifest, with our metadata where present and the label otherwise', () => {
    const { items } = parseQti3Package({ manifest: fixtureText('qti-package/imsmanifest.xml'), files: packageFiles() }, ctx);
    expect(items).toHaveLength(2); // the webcontent resource (CSS) is not an item
    expect(items[0]).toMatchObject({ type: 'judge', key: ['T'], pointCode: 'A-A-001', difficulty: 0.85, discrimination: 0.28, externalId: 'DG4-Q01' });
    expect(items[1]).toMatchObject({ type: 'subjective', pointCode: 'B-A-001', externalId: 'essay-first-aid', key: [], options: [] });
    expect(items[1]!.reference).toBe('1. 立即切断电源或用绝缘物使触电者脱离电源；\n2. 判断意识、呼吸和心跳；\n3. 呼叫急救，必要时进行心肺复苏。');
    expect(items[1]!.stem).toBe('简述发现有人触电后现场急救的主要步骤。');
  });

  it('names the missing file of a package', async () => {
    const files = packageFiles();
    files.delete('items/essay first-aid.xml');
    const errors = await rejectedRows(() => parseQti3Package({ manifest: fixtureText('qti-package/imsmanifest.xml'), files }, ctx));
    expect(errors).toEqual([{ row: 2, column: '文件（items/essay%20first-aid.xml）', problem: '题目包中缺少文件“items/essay%20first-aid.xml”' }]);
  });

  it('never follows an href out of the package', async () => {
    const manifest = fixtureText('qti-package/imsmanifest.xml').replaceAll('items/judge-grounding.xml', '../../etc/passwd');
    const errors = await rejectedRows(() => parseQti3Package({ manifest, files: packageFiles() }, ctx));
    expect(errors[0]!.problem).toContain('不能指向包外');
  });

  it('names the file in every row error of a package', async () => {
    const files = packageFiles();
    files.set('items/judge-grounding.xml', files.get('items/judge-grounding.xml')!.replace('<qti-value>choice_t</qti-value>', '<qti-value>choice_x</qti-value>'));
    const errors = await rejectedRows(() => parseQti3Package({ manifest: fixtureText('qti-package/imsmanifest.xml'), files }, ctx));
    expect(errors[0]!.column).toBe('答案（items/judge-grounding.xml）');
  });

  it('refuses a manifest without QTI 3.0 items', async () => {
    const manifest = fixtureText('qti-package/imsmanifest.xml').replaceAll('imsqti_item_xmlv3p0', 'imsqti_item_xmlv2p1');
    const e = await refused(() => parseQti3Package({ manifest, files: packageFiles() }, ctx), 'UPLOAD_MALFORMED');
    expect(e.message).toContain('QTI 2.x');
  });
});

describe('QTI 3.0 export', () => {
  const bank = sampleBank();
  const pkg = exportQti3(bank);

  it('writes one qti-assessment-item per item and a manifest listing them with our metadata', () => {
    expect(pkg.items.map((f) => f.path)).toEqual(bank.map((i) => `items/${i.id}.xml`));
    const manifest = parseXmlForTest(pkg.manifest);
    expect(manifest.name).toBe('manifest');
    expect(pkg.manifest.match(/type="imsqti_item_xmlv3p0"/g)).toHaveLength(bank.length);
    expect(pkg.manifest).toContain('<sc:pointCode>A-B-002</sc:pointCode>');
    const multi = pkg.items[3]!.xml;
    expect(parseXmlForTest(multi).name).toBe('qti-assessment-item');
    expect(multi).toContain('cardinality="multiple"');
    expect(multi).toContain('<qti-correct-response><qti-value>A</qti-value><qti-value>C</qti-value></qti-correct-response>');
    expect(multi).toContain('<qti-map-entry map-key="B" mapped-value="-1"/>');
    expect(multi).toContain('label="A-B-002"');
    expect(pkg.items[0]!.xml).toContain('<qti-simple-choice identifier="T">正确</qti-simple-choice>');
    expect(pkg.items[5]!.xml).toContain('<qti-extended-text-interaction');
  });

  it('round-trips the bank through the package', () => {
    const files = new Map(pkg.items.map((f) => [f.path, f.xml]));
    const back = parseQti3Package({ manifest: pkg.manifest, files }, ctx).items;
    expect(bankFields(back)).toEqual(bankFields(bank));
    expect(back.map((i) => i.externalId)).toEqual(bank.map((i) => i.id));
  });

  it('each exported item file also imports alone, with its 鉴定点', () => {
    const [alone] = parseQti3Item(pkg.items[2]!.xml, ctx).items;
    expect(bankFields([alone!])[0]).toEqual({ ...bankFields([bank[2]!])[0], difficulty: 0.65, discrimination: 0.3 });
  });

  it('gives items without a usable id a generated, unique identifier', () => {
    const drafts = bank.map(({ id: _id, ...rest }, n) => (n === 0 ? { ...rest, externalId: '第一题' } : rest));
    expect(exportQti3(drafts).items.map((f) => f.identifier)).toEqual(['item-0001', 'item-0002', 'item-0003', 'item-0004', 'item-0005', 'item-0006']);
  });
});
