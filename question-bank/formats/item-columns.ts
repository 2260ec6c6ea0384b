import type { RowError } from '../errors';
import type { ItemOption } from '../types';
import { FIELD_LABELS, roundFraction, type DraftField, type DraftSource, type ExportableItem } from './item-draft';
import { OPTION_LABELS, itemStatusName, itemTypeName } from './vocabulary';

/**
 * The one column map shared by CSV and xlsx (import, export and template).
 * Header order is the export/template order; `aliases` are other names offices use for the same column.
 */
export interface ItemColumn {
  field: DraftField | `option:${string}`;
  header: string;
  aliases: readonly string[];
  required: boolean;
  /** One line for the template's instructions sheet. */
  help: string;
}

const OPTION_COLUMNS: ItemColumn[] = OPTION_LABELS.map((l) => ({
  field: `option:${l}` as const,
  header: `选项${l}`,
  aliases: [`${l}`, `选项 ${l}`, `${l}选项`],
  required: false,
  help: l === 'A' ? '选择题的选项内容，从选项A起连续填写，至少 2 个、最多 8 个（A–H）；判断题和简答题不填' : '',
}));

export const ITEM_COLUMNS: readonly ItemColumn[] = [
  { field: 'type', header: '题型', aliases: ['类型', '题目类型', '试题类型'], required: true, help: '判断、单选、多选 或 简答（计算、论述题也填“简答”或原名）' },
  { field: 'pointCode', header: '鉴定点', aliases: ['鉴定点代码', '鉴定点编码', '鉴定点编号'], required: true, help: '鉴定要素细目表中的鉴定点代码，如 A-B-001' },
  { field: 'stem', header: '题干', aliases: ['题目', '试题内容', '题目内容'], required: true, help: '试题正文；单元格内可换行' },
  ...OPTION_COLUMNS,
  {
    field: 'key',
    header: '答案',
    aliases: ['正确答案', '标准答案'],
    required: true,
    help: '单选填一个字母（如 B）；多选填两个及以上字母（如 ABD）；判断填 对/错（也可 正确/错误、T/F、√/×）；简答题在此填写参考答案',
  },
  { field: 'difficulty', header: '难度', aliases: ['难度系数', '难度值'], required: false, help: '答对率估计，大于 0 且不超过 1；不填按 0.65' },
  { field: 'discrimination', header: '区分度', aliases: ['区分度系数'], required: false, help: '-1 到 1；不填按 0.3' },
  { field: 'enemyGroup', header: '互斥组', aliases: ['互斥', '互斥题组'], required: false, help: '互相泄露答案的题填同一组名，它们不会出现在同一份试卷中；可不填' },
  { field: 'status', header: '状态', aliases: ['试题状态'], required: false, help: '启用、草稿 或 停用；不填为启用' },
  {
    field: 'fractions',
    header: '选项分值',
    aliases: ['部分分'],
    required: false,
    help: '可选：按选项给部分分，如“A=50%;B=50%;C=-100%”（多选题正确选项之和为 100%）；不填则全对才得分',
  },
  { field: 'externalId', header: '编号', aliases: ['题号', '试题编号', 'ID'], required: false, help: '可选：原题库中的编号，便于对照' },
];

/** Header text compared after NFKC, without spaces, upper-cased (so “选项Ａ”, “选项 a” and “选项A” match). */
function headerKey(h: string): string {
  return h.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

const BY_HEADER = new Map<string, ItemColumn>();
for (const col of ITEM_COLUMNS) for (const name of [col.header, ...col.aliases]) BY_HEADER.set(headerKey(name), col);

/** A data row of a table (CSV record or sheet row): its row number and cells by header text. */
export interface TableRow {
  row: number;
  cells: Record<string, string>;
}

/**
 * Turn a table (header + rows, as from CSV or `readXlsxRows`) into draft sources, with the row errors found
 * on the way (missing required columns, duplicate columns, gaps in the options, unreadable 选项分值).
 * Unknown columns are ignored so offices can keep a 备注 column. `headerRow` is where the header sits.
 */
export function tableToSources(header: readonly string[], rows: readonly TableRow[], headerRow = 1): { sources: DraftSource[]; errors: RowError[]; columnOf: (f: DraftField) => string } {
  const errors: RowError[] = [];
  const used = new Map<ItemColumn['field'], string>(); // field → header text as written in the file
  for (const h of header) {
    const col = BY_HEADER.get(headerKey(h));
    if (col === undefined) continue;
    const prev = used.get(col.field);
    if (prev !== undefined) errors.push({ row: headerRow, column: h, problem: `与“${prev}”是同一列，请删除其中一个` });
    else used.set(col.field, h);
  }
  for (const col of ITEM_COLUMNS) {
    if (col.required && !used.has(col.field)) {
      errors.push({ row: headerRow, column: col.header, problem: `缺少必需的列“${col.header}”（表头应为：${ITEM_COLUMNS.map((c) => c.header).join('、')}）` });
    }
  }
  const columnOf = (f: DraftField) => used.get(f) ?? ITEM_COLUMNS.find((c) => c.field === f)?.header ?? FIELD_LABELS[f];
  if (errors.length > 0) return { sources: [], errors, columnOf };

  const cell = (r: TableRow, field: ItemColumn['field']): string | undefined => {
    const h = used.get(field);
    return h === undefined ? undefined : (r.cells[h] ?? '');
  };
  const sources: DraftSource[] = rows.map((r) => {
    const options: ItemOption[] = [];
    let gapAt: string | undefined;
    for (const l of OPTION_LABELS) {
      const text = (cell(r, `option:${l}`) ?? '').trim();
      if (text === '') {
        gapAt ??= l;
      } else {
        if (gapAt !== undefined) {
          errors.push({ row: r.row, column: used.get(`option:${l}`)!, problem: `选项不连续：选项${gapAt} 为空，但选项${l} 有内容` });
          gapAt = undefined; // report each gap once
        }
        options.push({ label: l, text });
      }
    }
    const fractionsText = (cell(r, 'fractions') ?? '').trim();
    if (fractionsText !== '') {
      const parsed = parseFractions(fractionsText);
      if (typeof parsed === 'string') errors.push({ row: r.row, column: columnOf('fractions'), problem: parsed });
      else {
        for (const [label, f] of parsed) {
          const opt = options.find((o) => o.label === label);
          if (opt === undefined) errors.push({ row: r.row, column: columnOf('fractions'), problem: `选项分值中的 ${label} 没有对应的选项内容` });
          else opt.fraction = f;
        }
      }
    }
    const src: DraftSource = { row: r.row, options };
    const text = (f: DraftField) => cell(r, f);
    src.type = text('type') ?? '';
    src.stem = text('stem') ?? '';
    src.key = text('key') ?? '';
    src.pointCode = text('pointCode') ?? '';
    const optional: Array<'difficulty' | 'discrimination' | 'enemyGroup' | 'status' | 'externalId'> = ['difficulty', 'discrimination', 'enemyGroup', 'status', 'externalId'];
    for (const f of optional) {
      const v = text(f);
      if (v !== undefined) src[f] = v;
    }
    return src;
  });
  return { sources, errors, columnOf };
}

/** Parse “A=50%;B=50%;C=-100%” (also “A:50”, full-width punctuation). Returns a Chinese problem on failure. */
export function parseFractions(text: string): Array<[string, number]> | string {
  const parts = text.normalize('NFKC').split(/[;,、\s]+/).filter((p) => p !== '');
  const out: Array<[string, number]> = [];
  for (const p of parts) {
    const m = /^([A-Za-z])\s*[=:]\s*([+-]?\d+(?:\.\d+)?)%?$/.exec(p);
    if (m === null) return `选项分值“${p}”格式不对，应写成“A=50%;B=50%;C=-100%”`;
    const label = m[1]!.toUpperCase();
    if (out.some(([l]) => l === label)) return `选项分值中 ${label} 出现了两次`;
    out.push([label, roundFraction(Number(m[2]) / 100)]);
  }
  return out;
}

/** “A=50%;B=50%;C=-100%” for options that carry a fraction; '' when none does. */
export function formatFractions(options: readonly ItemOption[]): string {
  return options
    .filter((o) => o.fraction !== undefined)
    .map((o) => `${o.label}=${Math.round(o.fraction! * 1e7) / 1e5}%`)
    .join(';');
}

/** The header row written by exports and the template. */
export function itemHeader(): string[] {
  return ITEM_COLUMNS.map((c) => c.header);
}

/**
 * One item as a row of cells in `itemHeader()` order (numbers as numbers for xlsx; CSV stringifies).
 * Judge answers are written 对/错, a subjective item's reference goes into 答案.
 */
export function itemRow(item: ExportableItem): Array<string | number> {
  return ITEM_COLUMNS.map((c): string | number => {
    if (c.field.startsWith('option:')) {
      if (item.type === 'judge' || item.type === 'subjective') return '';
      return item.options.find((o) => o.label === c.field.slice(7))?.text ?? '';
    }
    const field = c.field as DraftField;
    switch (field) {
      case 'type':
        return itemTypeName(item.type);
      case 'pointCode':
        return item.pointCode;
      case 'stem':
        return item.stem;
      case 'key':
        if (item.type === 'subjective') return item.reference ?? '';
        if (item.type === 'judge') return item.key[0] === 'T' ? '对' : '错';
        return item.key.join('');
      case 'difficulty':
        return item.difficulty;
      case 'discrimination':
        return item.discrimination;
      case 'enemyGroup':
        return item.enemyGroup ?? '';
      case 'status':
        return itemStatusName(item.status);
      case 'fractions':
        return formatFractions(item.options);
      case 'externalId':
        return item.id ?? item.externalId ?? '';
      case 'options':
      case 'reference':
      case 'occupationCode':
      case 'level':
        return '';
      default: {
        const never: never = field;
        return never;
      }
    }
  });
}
