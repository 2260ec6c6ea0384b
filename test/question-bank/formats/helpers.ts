import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { DomainError, ImportRejected, type RowError } from '../../../question-bank/errors';
import { UploadRefused, type ImportContext, type ItemDraft, type UploadRefusalCode } from '../../../question-bank/formats';
import type { Item } from '../../../question-bank/types';

/** 电工 四级: where every test imports to. */
export const ctx: ImportContext = { occupationCode: '6-31-01-03', level: 4 };

const FIXTURES = fileURLToPath(new URL('../../fixtures/items/', import.meta.url));

/** Bytes of a hand-written fixture under test/fixtures/items/. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

/** Text of a fixture. */
export function fixtureText(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

export const fixturePath = (name: string) => FIXTURES + name;

/** Run `fn`, demand an `ImportRejected` (so nothing was returned) and give back its row errors. */
export async function rejectedRows(fn: () => unknown): Promise<RowError[]> {
  let caught: unknown;
  let returned: unknown;
  try {
    returned = await fn();
  } catch (e) {
    caught = e;
  }
  expect(returned, 'a rejected import must not return items').toBeUndefined();
  expect(caught).toBeInstanceOf(ImportRejected);
  const e = caught as ImportRejected;
  expect(e.code).toBe('IMPORT_REJECTED');
  expect(e.kind).toBe('invalid');
  expect(e.message).toBe(`导入被拒绝：共 ${e.errors.length} 处错误，未写入任何数据`);
  return e.errors;
}

/** Run `fn` and demand an `UploadRefused` with `code`; returns it for message checks. */
export async function refused(fn: () => unknown, code: UploadRefusalCode): Promise<UploadRefused> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(UploadRefused);
  expect(caught).toBeInstanceOf(DomainError);
  const e = caught as UploadRefused;
  expect(e.code).toBe(code);
  expect(e.message).toMatch(/[\u4e00-\u9fff]/); // a Chinese sentence for the user
  return e;
}

/** The fields a round trip must preserve. */
export function bankFields(items: ReadonlyArray<ItemDraft | Item>) {
  return items.map((i) => ({
    type: i.type,
    stem: i.stem,
    options: i.options,
    key: i.key,
    reference: i.reference,
    pointCode: i.pointCode,
    difficulty: i.difficulty,
    discrimination: i.discrimination,
    enemyGroup: i.enemyGroup,
    status: i.status,
  }));
}

/**
 * A small stored bank (full `Item`s, as the database gives them) covering every type, partial credit, enemy
 * groups, statuses, multi-line text and characters the formats must escape.
 */
export function sampleBank(): Item[] {
  const base = { occupationCode: '6-31-01-03', level: 4 as const, version: 1, statsN: 0, exposure: 0 };
  return [
    { ...base, id: 'it-001', type: 'judge', stem: '电气设备的金属外壳接地，可以防止人员间接接触触电。', options: [{ label: 'T', text: '正确' }, { label: 'F', text: '错误' }], key: ['T'], pointCode: 'A-A-001', difficulty: 0.85, discrimination: 0.28, enemyGroup: null, status: 'active' },
    { ...base, id: 'it-002', type: 'judge', stem: '公式 I = U/R 中 {R} 的单位是欧姆: Ω；#1 与 ~2 号线 \\ 3 号线均接地。', options: [{ label: 'T', text: '正确' }, { label: 'F', text: '错误' }], key: ['F'], pointCode: 'A-A-002', difficulty: 0.6, discrimination: -0.1, enemyGroup: 'G-欧姆', status: 'draft' },
    {
      ...base,
      id: 'it-003',
      type: 'single',
      stem: '在一般环境条件下，我国规定的安全电压额定值上限为（　）V。',
      options: [{ label: 'A', text: '12' }, { label: 'B', text: '24' }, { label: 'C', text: '36' }, { label: 'D', text: '42', fraction: 0.5 }],
      key: ['C'],
      pointCode: 'A-B-001',
      difficulty: 0.72,
      discrimination: 0.35,
      enemyGroup: null,
      status: 'active',
    },
    {
      ...base,
      id: 'it-004',
      type: 'multi',
      stem: '下列材料中，属于绝缘材料的有（　）。\n（本题有两个正确选项）',
      options: [{ label: 'A', text: '橡胶', fraction: 0.5 }, { label: 'B', text: '铜', fraction: -1 }, { label: 'C', text: '云母', fraction: 0.5 }, { label: 'D', text: '铝', fraction: -1 }],
      key: ['A', 'C'],
      pointCode: 'A-B-002',
      difficulty: 0.58,
      discrimination: 0.41,
      enemyGroup: 'G-绝缘',
      status: 'active',
    },
    {
      ...base,
      id: 'it-005',
      type: 'multi',
      stem: '低温环境（-5℃ 以下）施工时，下列做法正确的有（　）。',
      options: [{ label: 'A', text: '-5℃ 以下停止室外焊接' }, { label: 'B', text: '=使用防冻电缆' }, { label: 'C', text: '+ 加强绝缘检查' }, { label: 'D', text: '@ 随意拆除保护' }, { label: 'E', text: '三分之一 = 1/3' }],
      key: ['A', 'B', 'C'],
      pointCode: 'A-B-003',
      difficulty: 0.5,
      discrimination: 0.3,
      enemyGroup: 'G-绝缘',
      status: 'retired',
    },
    {
      ...base,
      id: 'it-006',
      type: 'subjective',
      stem: '简述发现有人触电后现场急救的主要步骤。',
      options: [],
      key: [],
      reference: '1. 立即切断电源或用绝缘物使触电者脱离电源；\n2. 判断意识、呼吸和心跳；\n3. 呼叫急救，必要时进行心肺复苏。',
      pointCode: 'B-A-001',
      difficulty: 0.55,
      discrimination: 0.3,
      enemyGroup: null,
      status: 'active',
    },
  ];
}
