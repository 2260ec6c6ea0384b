import { describe, expect, it } from 'vitest';
import { exportMoodleXml, formatRowError, parseMoodleXml } from '../../../question-bank/formats';
import { bankFields, ctx, fixture, refused, rejectedRows, sampleBank } from './helpers';

describe('Moodle XML import (hand-written export of a Moodle 4.1 bank)', () => {
  const { items } = parseMoodleXml(fixture('moodle.xml'), ctx);

  it('reads truefalse, single and multiple multichoice and essay; skips categories and descriptions', () => {
    expect(items.map((i) => i.type)).toEqual(['single', 'multi', 'judge', 'subjective']);
  });

  it('turns CDATA and escaped HTML into plain text, entities decoded once', () => {
    expect(items[0]!.stem).toBe('在一般环境条件下，我国规定的安全电压额定值上限为（ ）V。');
    expect(items[0]!.options.map((o) => o.text)).toEqual(['12', '24', '36', '42']);
    expect(items[1]!.stem).toBe('下列材料中，属于绝缘材料的有（　）。');
    expect(items[2]!.stem).toBe('电气设备的金属外壳接地&接零，可以防止人员间接接触触电。');
  });

  it('takes the key from the fractions and keeps real partial credit', () => {
    expect(items[0]!.key).toEqual(['C']);
    // 42 V earns half: kept; the others are the all-or-nothing default and carry no fraction.
    expect(items[0]!.options.map((o) => o.fraction)).toEqual([undefined, undefined, undefined, 0.5]);
    expect(items[1]!.key).toEqual(['A', 'C']);
    expect(items[1]!.options.map((o) => o.fraction)).toEqual([0.5, -1, 0.5, -1]);
    expect(items[2]!.key).toEqual(['T']);
  });

  it('maps 鉴定点 from the category path, overridden by a 鉴定点 tag; other tags give statistics and status', () => {
    expect(items.map((i) => i.pointCode)).toEqual(['A-B-001', 'A-B-002', 'A-A-001', 'B-A-001']);
    expect(items[0]).toMatchObject({ difficulty: 0.72, discrimination: 0.3, externalId: 'DG4-M01' });
    expect(items[1]).toMatchObject({ difficulty: 0.65, discrimination: 0.41, enemyGroup: 'G-绝缘' });
    expect(items[3]).toMatchObject({ status: 'draft' });
  });

  it('keeps a numbered grader list as the reference answer of an essay', () => {
    expect(items[3]!.reference).toBe('1. 立即切断电源或用绝缘物使触电者脱离电源；\n2. 判断意识、呼吸和心跳；\n3. 呼叫急救，必要时进行心肺复苏。');
  });
});

describe('Moodle XML import refuses a bad file as a whole', () => {
  it('names each question’s problem (no full-mark answer, unsupported type, image, no 鉴定点)', async () => {
    const errors = await rejectedRows(() => parseMoodleXml(fixture('bad-moodle.xml'), ctx));
    expect(errors.map((e) => formatRowError(e, 'question'))).toEqual([
      '第 1 题 “答案”：单选题没有得分为 100% 的选项',
      '第 2 题 “题型”：不支持的 Moodle 题型“matching”：只能导入 truefalse（判断）、multichoice（单选/多选）和 essay（主观题）',
      '第 3 题 “题干”：含图片，系统暂只支持文字试题，请改为文字或删除该题',
      '第 4 题 “鉴定点”：鉴定点不能为空，格式如 A-B-001；可用标签“鉴定点:A-B-001”，或以鉴定点结尾的分类（如 $course$/top/A-B-001）给出',
    ]);
  });

  it('refuses DOCTYPE/entity declarations (billion laughs, external entities)', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><quiz><question type="truefalse"><questiontext><text>&b;</text></questiontext></question></quiz>`;
    await refused(() => parseMoodleXml(bomb, ctx), 'UPLOAD_XML_DOCTYPE');
    await refused(() => parseMoodleXml('<!DOCTYPE quiz SYSTEM "file:///etc/passwd"><quiz/>', ctx), 'UPLOAD_XML_DOCTYPE');
  });

  it('says on which line the XML is broken', async () => {
    const e = await refused(() => parseMoodleXml('<quiz>\n<question type="truefalse">\n<name></question>\n</quiz>', ctx), 'UPLOAD_MALFORMED');
    expect(e.message).toMatch(/第 3 行/);
  });

  it('refuses XML that is not a Moodle quiz', async () => {
    const e = await refused(() => parseMoodleXml('<questestinterop/>', ctx), 'UPLOAD_MALFORMED');
    expect(e.message).toContain('<quiz>');
  });
});

describe('Moodle XML export', () => {
  it('round-trips a stored bank (categories per 鉴定点, statistics in tags, partial credit kept)', () => {
    const bank = sampleBank();
    const xml = exportMoodleXml(bank);
    expect(xml).toContain('<question type="category"><category><text>$course$/top/A-B-002</text></category></question>');
    expect(xml).toContain('<single>false</single>');
    const back = parseMoodleXml(xml, ctx).items;
    expect(bankFields(back)).toEqual(bankFields(bank));
    expect(back.map((i) => i.externalId)).toEqual(bank.map((i) => i.id));
  });

  it('writes an all-or-nothing multi as Moodle’s equal split, which reads back as no fractions', () => {
    const multi = sampleBank()[4]!;
    const xml = exportMoodleXml([multi]);
    expect(xml.match(/fraction="33.33333"/g)).toHaveLength(3);
    expect(parseMoodleXml(xml, ctx).items[0]!.options.every((o) => o.fraction === undefined)).toBe(true);
  });
});

describe('Moodle XML limits', () => {
  it('counts questions, not categories, against the row limit', async () => {
    const xml = exportMoodleXml(sampleBank()); // six questions, six categories
    expect(parseMoodleXml(xml, ctx, { maxRows: 6 }).items).toHaveLength(6);
    await refused(() => parseMoodleXml(xml, ctx, { maxRows: 5 }), 'UPLOAD_TOO_MANY_ROWS');
  });
});
