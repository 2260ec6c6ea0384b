/**
 * The rules an imported item must meet, whatever its format: known type, non-empty stem, 2–8 distinct options
 * for choices (judge items get the fixed 正确/错误), key consistent with type and options, 鉴定点 format,
 * difficulty in (0, 1], discrimination in [−1, 1], status, partial-credit weights.
 */
import type { ItemOption, ItemStatus, ItemType } from '../types';
import {
  DEFAULT_DIFFICULTY,
  DEFAULT_DISCRIMINATION,
  POINT_CODE_PATTERN,
  normalizeText,
  roundFraction,
  type DraftField,
  type DraftSource,
  type ImportContext,
  type ItemDraft,
} from './item-draft';
import { ITEM_TYPE_HELP, JUDGE_OPTIONS, OPTION_LABELS, parseItemStatus, parseItemType, parseJudgeAnswer } from './vocabulary';

/** Reports one problem of the source being checked. */
export type Report = (field: DraftField, problem: string) => void;

/**
 * One source checked against every rule, each problem reported through `report` (all of them, not the first);
 * the completed draft when there was none. Used by `buildDrafts`, so every format applies the same rules.
 */
export function validateSource(src: DraftSource, ctx: ImportContext, report: Report, pointCodeHint = ''): ItemDraft | undefined {
  let ok = true;
  const fail = (field: DraftField, problem: string) => {
    ok = false;
    report(field, problem);
  };

  if (src.occupationCode !== undefined && src.occupationCode.trim() !== '' && src.occupationCode.trim() !== ctx.occupationCode) {
    fail('occupationCode', `职业编码“${src.occupationCode}”与本次导入的职业 ${ctx.occupationCode} 不一致`);
  }
  if (src.level !== undefined && src.level !== ctx.level) {
    fail('level', `等级 ${src.level} 与本次导入的等级 ${ctx.level} 不一致`);
  }

  const typeText = (src.type ?? '').trim();
  const type = typeText === '' ? undefined : parseItemType(typeText);
  if (typeText === '') fail('type', `题型不能为空，可填 ${ITEM_TYPE_HELP}`);
  else if (type === undefined) fail('type', `无法识别的题型“${typeText}”，可填 ${ITEM_TYPE_HELP}`);

  const stem = normalizeText(src.stem ?? '');
  if (stem === '') fail('stem', '题干不能为空');

  const pointCode = (src.pointCode ?? '').normalize('NFKC').trim().toUpperCase();
  if (pointCode === '') fail('pointCode', `鉴定点不能为空，格式如 A-B-001${pointCodeHint === '' ? '' : `；${pointCodeHint}`}`);
  else if (!POINT_CODE_PATTERN.test(pointCode)) {
    fail('pointCode', `鉴定点“${src.pointCode}”格式不对：应为以“-”相连的大写字母段加三位数字，如 A-B-001`);
  }

  const difficulty = numberField(src.difficulty, ctx.defaultDifficulty ?? DEFAULT_DIFFICULTY);
  if (difficulty === undefined || !(difficulty > 0 && difficulty <= 1)) {
    fail('difficulty', `难度必须是大于 0、不超过 1 的数（如 0.65），当前为“${String(src.difficulty)}”`);
  }
  const discrimination = numberField(src.discrimination, ctx.defaultDiscrimination ?? DEFAULT_DISCRIMINATION);
  if (discrimination === undefined || !(discrimination >= -1 && discrimination <= 1)) {
    fail('discrimination', `区分度必须是 -1 到 1 之间的数（如 0.3），当前为“${String(src.discrimination)}”`);
  }

  const statusText = (src.status ?? '').trim();
  const status: ItemStatus | undefined = statusText === '' ? 'active' : parseItemStatus(statusText);
  if (status === undefined) fail('status', `无法识别的状态“${statusText}”，可填 启用、草稿、停用（或 active、draft、retired）`);

  const enemyGroup = (src.enemyGroup ?? '').trim();
  if (enemyGroup.length > 64) fail('enemyGroup', '互斥组名称不能超过 64 个字符');
  const externalId = (src.externalId ?? '').trim();

  const body = type === undefined ? undefined : validateBody(type, src, fail);

  if (!ok || type === undefined || body === undefined || status === undefined || difficulty === undefined || discrimination === undefined) {
    return undefined;
  }
  const draft: ItemDraft = {
    occupationCode: ctx.occupationCode,
    level: ctx.level,
    type,
    stem,
    options: body.options,
    key: body.key,
    pointCode,
    difficulty,
    discrimination,
    enemyGroup: enemyGroup === '' ? null : enemyGroup,
    status,
  };
  if (body.reference !== undefined) draft.reference = body.reference;
  if (externalId !== '') draft.externalId = externalId;
  return draft;
}

function numberField(raw: string | number | undefined, fallback: number): number | undefined {
  if (raw === undefined) return fallback;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  const t = raw.normalize('NFKC').trim();
  if (t === '') return fallback;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

interface Body {
  options: ItemOption[];
  key: string[];
  reference?: string;
}

function validateBody(type: ItemType, src: DraftSource, fail: Report): Body | undefined {
  switch (type) {
    case 'judge':
      return judgeBody(src, fail);
    case 'single':
    case 'multi':
      return choiceBody(type, src, fail);
    case 'subjective':
      return subjectiveBody(src, fail);
    default: {
      const never: never = type;
      return never;
    }
  }
}

function judgeBody(src: DraftSource, fail: Report): Body | undefined {
  const given = (src.options ?? []).map((o) => normalizeText(o.text)).filter((t) => t !== '');
  // Some offices type 正确/错误 into the option columns of a 判断题; anything else means a wrong 题型.
  const harmless = given.length === 0 || (given.length === 2 && given.every((t) => parseJudgeAnswer(t) !== undefined));
  if (!harmless) fail('options', '判断题不填选项（固定为“正确/错误”），请检查题型是否应为单选或多选');
  const raw = src.key;
  const text = typeof raw === 'string' ? raw.trim() : raw?.length === 1 ? raw[0]! : '';
  if (text === '') {
    fail('key', '判断题答案不能为空，可填 对/错、正确/错误、T/F 或 √/×');
    return undefined;
  }
  const answer = parseJudgeAnswer(text);
  if (answer === undefined) {
    fail('key', `判断题答案只能是 对/错、正确/错误、T/F 或 √/×，当前为“${text}”`);
    return undefined;
  }
  return harmless ? { options: JUDGE_OPTIONS.map((o) => ({ ...o })), key: [answer] } : undefined;
}

function subjectiveBody(src: DraftSource, fail: Report): Body | undefined {
  if ((src.options ?? []).some((o) => o.text.trim() !== '')) {
    fail('options', '主观题（简答/计算/论述）不填选项，请检查题型');
    return undefined;
  }
  // Tabular formats have one 答案 column; for a 主观题 it holds the 参考答案.
  const fromKey = typeof src.key === 'string' ? src.key : undefined;
  const reference = normalizeText(src.reference ?? fromKey ?? '');
  if (reference === '') {
    fail(src.reference !== undefined || fromKey === undefined ? 'reference' : 'key', '主观题必须填写参考答案（评分依据）');
    return undefined;
  }
  return { options: [], key: [], reference };
}

function choiceBody(type: 'single' | 'multi', src: DraftSource, fail: Report): Body | undefined {
  const name = type === 'single' ? '单选题' : '多选题';
  const options = (src.options ?? []).map((o) => {
    const opt: ItemOption = { label: o.label.normalize('NFKC').trim().toUpperCase(), text: normalizeText(o.text) };
    if (o.fraction !== undefined) opt.fraction = o.fraction;
    return opt;
  });
  let ok = true;
  const bad = (field: DraftField, problem: string) => {
    ok = false;
    fail(field, problem);
  };
  if (options.length < 2) bad('options', `${name}至少需要 2 个选项，当前 ${options.length} 个`);
  if (options.length > OPTION_LABELS.length) bad('options', `选项最多 ${OPTION_LABELS.length} 个（A–H），当前 ${options.length} 个`);
  const labels = options.map((o) => o.label);
  options.forEach((o, i) => {
    if (o.text === '') bad('options', `选项 ${o.label} 内容为空`);
    if (!/^[A-Z]$/.test(o.label)) bad('options', `选项标号“${o.label}”应为 A–H 中的一个字母`);
    const first = options.findIndex((p) => p.label === o.label);
    if (first !== i) bad('options', `选项标号 ${o.label} 重复`);
    const same = options.findIndex((p) => p.text !== '' && p.text === o.text);
    if (same !== i && same >= 0 && o.text !== '') bad('options', `选项 ${o.label} 与选项 ${options[same]!.label} 内容相同`);
  });

  const keyLabels = parseKeyLabels(src.key);
  const keyText = typeof src.key === 'string' ? src.key.trim() : (src.key ?? []).join('');
  const example = type === 'single' ? '（如 B）' : '（如 ABD）';
  if (keyLabels === undefined || keyLabels.length === 0) {
    if (keyText === '') bad('key', `${name}答案不能为空，请填写选项字母${example}`);
    else bad('key', `${name}答案只能由选项字母组成${example}，当前为“${keyText}”`);
    return undefined;
  }
  const distinct = [...new Set(keyLabels)];
  if (distinct.length !== keyLabels.length) bad('key', `答案“${keyText}”中有重复的选项字母`);
  if (type === 'single' && distinct.length !== 1) bad('key', `单选题答案必须是一个选项字母${example}，当前为“${keyText}”`);
  if (type === 'multi' && distinct.length < 2) bad('key', `多选题答案至少包含两个选项字母${example}，当前为“${keyText}”`);
  const missing = distinct.filter((l) => !labels.includes(l));
  if (missing.length > 0 && labels.length > 0) {
    bad('key', `答案中的 ${missing.join('、')} 不在已填写的选项 ${labels.join('、')} 中`);
  }
  if (!ok) return undefined;
  const key = labels.filter((l) => distinct.includes(l));
  const withFractions = checkFractions(type, options, key, bad);
  if (!ok || withFractions === undefined) return undefined;
  return { options: withFractions, key };
}

/** Key labels from “A,B,D” / “ABD” / “a、b” / ['A','D']; undefined when something is not a letter. */
function parseKeyLabels(raw: string | readonly string[] | undefined): string[] | undefined {
  if (raw === undefined) return [];
  if (typeof raw !== 'string') {
    const labels = raw.map((l) => l.normalize('NFKC').trim().toUpperCase());
    return labels.every((l) => /^[A-Z]$/.test(l)) ? labels : undefined;
  }
  const compact = raw.normalize('NFKC').toUpperCase().replace(/[\s,，、;；/|]+/g, '');
  if (compact === '') return [];
  return /^[A-Z]+$/.test(compact) ? [...compact] : undefined;
}

/**
 * Partial-credit weights (Moodle/GIFT/QTI mapping, xlsx 选项分值). Kept only where they differ from the
 * all-or-nothing default (1 for a key option, 0 otherwise), so plain items carry no `fraction` at all.
 */
function checkFractions(
  type: 'single' | 'multi',
  options: ItemOption[],
  key: string[],
  bad: (field: DraftField, problem: string) => void,
): ItemOption[] | undefined {
  const given = options.filter((o) => o.fraction !== undefined);
  if (given.length === 0) return options;
  let ok = true;
  const fail = (p: string) => {
    ok = false;
    bad('fractions', p);
  };
  for (const o of given) {
    if (!Number.isFinite(o.fraction) || o.fraction! < -1 || o.fraction! > 1) fail(`选项 ${o.label} 的分值必须在 -100% 到 100% 之间`);
  }
  if (!ok) return undefined;
  const fractionOf = (o: ItemOption) => o.fraction ?? (key.includes(o.label) ? 1 : 0);
  if (type === 'single') {
    const keyOpt = options.find((o) => o.label === key[0])!;
    if (Math.abs(fractionOf(keyOpt) - 1) > 1e-6) fail(`单选题正确选项 ${keyOpt.label} 的分值必须是 100%`);
    for (const o of options) if (o.label !== keyOpt.label && fractionOf(o) >= 1) fail(`单选题只有正确选项可得 100%，选项 ${o.label} 不可`);
  } else {
    for (const o of options) {
      const f = fractionOf(o);
      if (key.includes(o.label) && f <= 0) fail(`多选题正确选项 ${o.label} 的分值必须大于 0`);
      if (!key.includes(o.label) && f > 0) fail(`选项 ${o.label} 不是答案，分值不能大于 0`);
    }
    const sum = options.reduce((s, o) => s + Math.max(0, fractionOf(o)), 0);
    if (ok && Math.abs(sum - 1) > 0.01) fail(`多选题各正确选项的分值之和应为 100%，当前为 ${roundFraction(sum * 100)}%`);
  }
  if (!ok) return undefined;
  // Moodle and GIFT cannot say “all or nothing” for a multi: their plain encoding is an equal split over the
  // key with 0 elsewhere. That carries nothing beyond the key (the blueprint decides partial credit), so it is
  // stored as no fractions, and the exporters write it back the same way.
  const equalSplit =
    type === 'multi' && options.every((o) => Math.abs(fractionOf(o) - (key.includes(o.label) ? 1 / key.length : 0)) < 1e-6);
  if (equalSplit) return options.map((o) => ({ label: o.label, text: o.text }));
  return options.map((o) => {
    const f = roundFraction(fractionOf(o));
    const implied = key.includes(o.label) ? 1 : 0;
    return Math.abs(f - implied) < 1e-9 ? { label: o.label, text: o.text } : { label: o.label, text: o.text, fraction: f };
  });
}
