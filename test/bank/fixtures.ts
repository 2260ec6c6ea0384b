/**
 * Small item files written by hand in every import format, for 焊工 (6-18-02-04) 四级, whose bank is empty in the
 * demo data, plus a 细目表 and a 试卷结构 small enough that 18 items make exactly three forms.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { itemHeader } from '../../question-bank/formats';
import type { TestApp } from '../support/app';

export const WELDER = '6-18-02-04';

/** A-A (60 %) and A-B (40 %), two 鉴定点 each. */
export const welderBlueprint = (occupationId: number) => ({
  occupationId,
  level: 4,
  component: 'theory',
  name: '焊工四级理论知识鉴定要素细目表（测试）',
  ranges: [
    {
      code: 'A',
      name: '焊接基础',
      weight: 100,
      children: [
        { code: 'A', name: '焊接安全', weight: 60, children: [{ code: '001', name: '安全用电', weight: 30, importance: 'X' }, { code: '002', name: '防火防爆', weight: 30, importance: 'Y' }] },
        { code: 'B', name: '焊条电弧焊', weight: 40, children: [{ code: '001', name: '焊条', weight: 20, importance: 'X' }, { code: '002', name: '焊接参数', weight: 20, importance: 'Z' }] },
      ],
    },
  ],
});

/** 2 判断 × 10 + 4 单选 × 20 = 100 marks: per form A-A judge 1 single 2, A-B judge 1 single 2. */
export const welderSpec = (occupationId: number) => ({
  occupationId,
  level: 4,
  component: 'theory',
  sections: [
    { type: 'judge', count: 2, marksPerItem: 10 },
    { type: 'single', count: 4, marksPerItem: 20 },
  ],
  durationMin: 60,
  passMark: 60,
  multiRule: { kind: 'allOrNothing' },
});

/** CSV rows for cell × type: 3 judge + 6 single in each cell (exactly three forms, no overlap). */
export function welderCsv(opts: { perCell?: { judge: number; single: number }; badRow?: boolean } = {}): string {
  const per = opts.perCell ?? { judge: 3, single: 6 };
  const lines = ['题型,鉴定点,题干,选项A,选项B,选项C,选项D,答案,难度,区分度'];
  let n = 0;
  for (const [cell, points] of [['A-A', ['001', '002']], ['A-B', ['001', '002']]] as const) {
    for (let i = 0; i < per.judge; i++) {
      n++;
      lines.push(`判断,${cell}-${points[i % 2]},焊接作业第${n}条安全规定：工作前应检查焊机接地是否良好。,,,,,${i % 2 === 0 ? '对' : '错'},0.${60 + (n % 30)},0.3${n % 10}`);
    }
    for (let i = 0; i < per.single; i++) {
      n++;
      lines.push(`单选,${cell}-${points[i % 2]},焊条电弧焊第${n}题：焊接电流主要根据（　　）选择。,焊条直径,焊工身高,环境湿度,工件颜色,A,0.${55 + (n % 35)},0.${25 + (n % 20)}`);
    }
  }
  if (opts.badRow) {
    lines.push('单选,A-A-001,缺少答案的题目（　　）。,甲,乙,丙,丁,,0.6,0.3');
    lines.push('判断,A-A-9,鉴定点格式错误的判断题。,,,,,对,0.6,0.3');
  }
  return lines.join('\r\n') + '\r\n';
}

export const welderJson = JSON.stringify(
  [
    { type: 'judge', stem: '焊接场地 10 m 内不得堆放易燃易爆物品。', key: 'T', pointCode: 'A-A-002', difficulty: 0.8 },
    { type: 'single', stem: '焊条药皮的主要作用之一是（　　）。', options: ['保护熔池', '增加焊条重量', '降低焊接电流', '改变焊缝颜色'], key: 'A', pointCode: 'A-B-001' },
    { type: 'multi', stem: '焊接作业个人防护用品有（　　）。', options: ['焊接面罩', '绝缘手套', '拖鞋', '阻燃工作服'], key: ['A', 'B', 'D'], pointCode: 'A-A-001' },
  ],
  null,
  2,
);

export const welderMoodle = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/焊工四级/A-A-001</text></category></question>
  <question type="truefalse">
    <name><text>安全电压</text></name>
    <questiontext format="html"><text><![CDATA[<p>焊机外壳必须可靠接地。</p>]]></text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="multichoice">
    <name><text>焊条烘干</text></name>
    <questiontext format="html"><text><![CDATA[<p>碱性焊条使用前一般应烘干的温度为（　　）。</p>]]></text></questiontext>
    <single>true</single>
    <answer fraction="100"><text>350～400 ℃</text></answer>
    <answer fraction="0"><text>50～60 ℃</text></answer>
    <answer fraction="0"><text>100～150 ℃</text></answer>
    <answer fraction="0"><text>600～700 ℃</text></answer>
    <tags><tag><text>鉴定点:A-B-001</text></tag><tag><text>难度:0.55</text></tag></tags>
  </question>
</quiz>
`;

export const welderGift = `// [tag:鉴定点:A-A-002]
::防火::气焊时乙炔瓶与氧气瓶之间的距离应不小于5 m。 {T}

// [tag:鉴定点:A-B-002] [tag:难度:0.7]
::电流::焊接电流过大时容易产生的缺陷是 {=咬边 ~未焊透 ~夹渣 ~冷裂纹}
`;

export const welderQtiItem = `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="weld-q1" title="电弧电压" label="A-B-002" adaptive="false" time-dependent="false">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">
    <qti-correct-response><qti-value>B</qti-value></qti-correct-response>
  </qti-response-declaration>
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-item-body>
    <p>焊条电弧焊时，电弧电压主要取决于（　　）。</p>
    <qti-choice-interaction response-identifier="RESPONSE" shuffle="false" max-choices="1">
      <qti-simple-choice identifier="A">焊接电流</qti-simple-choice>
      <qti-simple-choice identifier="B">电弧长度</qti-simple-choice>
      <qti-simple-choice identifier="C">焊条直径</qti-simple-choice>
      <qti-simple-choice identifier="D">焊接速度</qti-simple-choice>
    </qti-choice-interaction>
  </qti-item-body>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
</qti-assessment-item>
`;

/** A QTI 3.0 content package (manifest + the item above) zipped. */
export async function welderQtiZip(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    'imsmanifest.xml',
    `<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="pkg">
  <resources>
    <resource identifier="weld-q1" type="imsqti_item_xmlv3p0" href="items/weld-q1.xml"><file href="items/weld-q1.xml"/></resource>
  </resources>
</manifest>
`,
  );
  zip.file('items/weld-q1.xml', welderQtiItem);
  return zip.generateAsync({ type: 'uint8array' });
}

/** An xlsx in the template layout (sheet 试题, the template's header row) with two items. */
export async function welderXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('试题');
  const header = itemHeader();
  ws.addRow(header);
  const row = (cells: Record<string, string | number>) => ws.addRow(header.map((h) => cells[h] ?? null));
  row({ 题型: '单选', 鉴定点: 'A-A-001', 题干: '焊机一次侧电源线的长度一般不超过（　　）。', 选项A: '2～3 m', 选项B: '10 m', 选项C: '20 m', 选项D: '50 m', 答案: 'A', 难度: 0.6 });
  row({ 题型: '判断', 鉴定点: 'A-B-002', 题干: '焊接速度过快会使焊缝变窄。', 答案: '对' });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** POST a multipart upload of `content` as `filename` to an import route. */
export async function upload(t: TestApp, cookie: string, path: string, filename: string, content: string | Uint8Array, target: { occupationId: number; level: number }) {
  const form = new FormData();
  form.set('occupationId', String(target.occupationId));
  form.set('level', String(target.level));
  form.set('file', new File([typeof content === 'string' ? content : new Uint8Array(content)], filename));
  return t.call('POST', path, { cookie, raw: form });
}

/** The occupation id of a code. */
export async function occupationId(t: TestApp, code: string): Promise<number> {
  const row = await t.db.db.selectFrom('occupations').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}

/** Start a build and poll its job until it finishes; returns the final job. */
export async function build(t: TestApp, cookie: string, body: Record<string, unknown>) {
  const start = await t.call('POST', '/api/bank/builds', { cookie, body });
  if (start.status !== 202) return { start, job: null as null | Record<string, any> };
  let job = start.body.job;
  for (let i = 0; i < 500 && job.phase !== 'done' && job.phase !== 'failed'; i++) {
    await new Promise((r) => setTimeout(r, 10));
    job = (await t.call('GET', `/api/bank/builds/${job.id}`, { cookie })).body.job;
  }
  return { start, job: job as Record<string, any> };
}

/** Rows of a table, counted. */
export async function count(t: TestApp, table: 'items' | 'audit_log' | 'paper_sets' | 'papers' | 'paper_ledger'): Promise<number> {
  const r = await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
