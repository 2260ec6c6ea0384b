import type ExcelJS from 'exceljs';
import { ID_TYPE_CODES, ID_TYPE_NAMES, LEVELS_LOW_TO_HIGH, levelName } from '../../scoring';
import { EDUCATION_LEVELS } from '../exam-admin/rules/education';
import { addSheet, newWorkbook, workbookBytes } from './xlsx';
import type { CandidateTemplateOptions, PrintMeta } from './types';

/** Columns of the candidate import template, in order; the importer reads them by these names. */
export const CANDIDATE_TEMPLATE_COLUMNS: readonly string[] = [
  '姓名',
  '性别',
  '证件类型',
  '证件号码',
  '出生日期',
  '文化程度',
  '工作单位/学校',
  '工作年限',
  '职业编码',
  '工种',
  '等级',
  '申报依据',
];

/** 文化程度 choices offered when the caller gives none: exactly the names the candidate importer accepts. */
export const DEFAULT_EDUCATION_LEVELS: readonly string[] = EDUCATION_LEVELS.map((e) => e.label);

/**
 * exceljs has range validations at runtime (`worksheet.dataValidations.add`) but its typings only
 * declare per-cell ones; one range rule instead of 8,000 cell rules keeps the template small.
 */
interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** Rows offered for entry: validations and text format cover this many data rows. */
const ENTRY_ROWS = 2000;

/**
 * 考生信息导入模板 (xlsx): sheet 考生信息 with exactly the 12 import columns (姓名 … 申报依据) and no
 * data; drop-downs for 性别, 证件类型, 文化程度 and 等级 (lists on a hidden sheet 选项); 证件号码,
 * 出生日期 and 职业编码 formatted as text so Excel keeps an 18-digit ID and leading zeros intact; and a
 * 填写说明 sheet saying, per column, whether it is required, its format and an example.
 *
 * Never fails for well-typed input.
 */
export async function candidateImportTemplateXlsx(meta: PrintMeta, options: CandidateTemplateOptions = {}): Promise<Buffer> {
  const idTypes = options.idTypes ?? ID_TYPE_CODES.map((code) => ID_TYPE_NAMES[code]);
  const education = options.educationLevels ?? [...DEFAULT_EDUCATION_LEVELS];
  const levels = LEVELS_LOW_TO_HIGH.map(levelName);
  const genders = ['男', '女'];

  const wb = newWorkbook(meta);
  const { ws } = addSheet(wb, { name: '考生信息', header: [...CANDIDATE_TEMPLATE_COLUMNS], rows: [] });
  addSheet(wb, {
    name: '填写说明',
    title: '考生信息导入模板填写说明',
    header: ['列名', '是否必填', '填写要求', '示例'],
    rows: [
      ['姓名', '必填', '与证件上的姓名一致', '张三'],
      ['性别', '必填', '从下拉列表选择：男、女', '男'],
      ['证件类型', '必填', `从下拉列表选择（${ID_TYPE_CODES.map((code) => `${code} ${ID_TYPE_NAMES[code]}`).join('；')}）`, '居民身份证'],
      ['证件号码', '必填', '居民身份证、港澳台居民居住证为18位，末位校验码可为X；其他证件按证件填写', '11010519491231002X'],
      ['出生日期', '必填', '格式 YYYY-MM-DD；居民身份证须与证件号码中的出生日期一致', '1949-12-31'],
      ['文化程度', '必填', `从下拉列表选择（${education.join('、')}）`, '高中'],
      ['工作单位/学校', '选填', '在校学生填写学校名称', '某某职业技术学院'],
      ['工作年限', '选填', '从事本职业（工种）工作的年数，整数', 3],
      ['职业编码', '必填', '《职业分类大典》编码，格式 X-XX-XX-XX', '6-31-01-03'],
      ['工种', '选填', '无工种时留空', '高压电工'],
      ['等级', '必填', `从下拉列表选择（${levels.join('、')}）`, '四级/中级工'],
      ['申报依据', '必填', '所符合的申报条件，如学历、工作年限或已取得的证书', '累计从事本职业工作满4年'],
      [null, null, null, null],
      ['注意', null, '请勿修改、删除或调整表头；每行一名考生，从第2行起填写；不要合并单元格。', null],
    ],
  });

  // Lists live on a hidden sheet: an inline list is limited to 255 characters.
  const lists = wb.addWorksheet('选项', { state: 'hidden' });
  const columns: [string, string[]][] = [
    ['性别', genders],
    ['证件类型', idTypes],
    ['文化程度', education],
    ['等级', levels],
  ];
  columns.forEach(([name, values], c) => {
    lists.getCell(1, c + 1).value = name;
    values.forEach((v, r) => (lists.getCell(r + 2, c + 1).value = v));
  });
  const letter = (c: number): string => String.fromCharCode(65 + c);
  const columnOf = (name: string): number => CANDIDATE_TEMPLATE_COLUMNS.indexOf(name) + 1;
  columns.forEach(([name, values], c) => {
    const range = `选项!$${letter(c)}$2:$${letter(c)}$${values.length + 1}`;
    const col = letter(columnOf(name) - 1);
    (ws as unknown as RangeValidations).dataValidations.add(`${col}2:${col}${ENTRY_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      showErrorMessage: true,
      errorTitle: name,
      error: `请从下拉列表中选择${name}`,
    });
  });
  for (const name of ['证件号码', '出生日期', '职业编码']) ws.getColumn(columnOf(name)).numFmt = '@';
  ws.getColumn(columnOf('证件号码')).width = 22;
  ws.getColumn(columnOf('申报依据')).width = 30;
  return workbookBytes(wb);
}
