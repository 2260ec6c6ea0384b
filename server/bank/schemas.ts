/**
 * Request shapes of the bank API (zod v4; messages are Chinese through the process-wide locale).
 * Structural checks only: domain rules (weights adding up, counts, keys matching options) are the
 * domain's validators, which name every problem.
 */
import { z } from 'zod';
import type { BlueprintNode } from '../../question-bank';

export const level = z.coerce.number().int().min(1, '等级应为 1～5').max(5, '等级应为 1～5');
export const component = z.enum(['theory', 'practical', 'review']);
export const itemType = z.enum(['judge', 'single', 'multi', 'subjective']);
export const itemStatus = z.enum(['draft', 'active', 'retired']);
const importance = z.enum(['X', 'Y', 'Z']);

/** Levels of a blueprint tree: 鉴定范围 → sub-range → sub-range → 鉴定点 (item codes like `A-B-C-001`). */
export const MAX_BLUEPRINT_DEPTH = 4;

/**
 * A blueprint node at `depth` (1 = 鉴定范围). Built level by level rather than with `z.lazy`, so a body nested
 * deeper than the domain allows is refused with a Chinese message instead of recursing until the stack overflows.
 */
function blueprintNodeAt(depth: number): z.ZodType<BlueprintNode> {
  const children =
    depth < MAX_BLUEPRINT_DEPTH
      ? z.array(blueprintNodeAt(depth + 1)).max(500)
      : // z.unknown() does not descend, so whatever is nested below is never walked.
        z.array(z.unknown()).max(0, `细目表最多 ${MAX_BLUEPRINT_DEPTH} 层（鉴定范围 → 子范围 → … → 鉴定点），第 ${MAX_BLUEPRINT_DEPTH} 层的鉴定点不能再有下级`);
  return z.object({
    code: z.string().trim().min(1, '代码不能为空').max(20),
    name: z.string().trim().min(1, '名称不能为空').max(200),
    weight: z.number().min(0, '比重不能为负').max(100, '比重不能超过 100'),
    importance: importance.optional(),
    children: children.optional(),
  }) as z.ZodType<BlueprintNode>;
}

/** A top-level blueprint node (鉴定范围) with at most `MAX_BLUEPRINT_DEPTH` levels below and including it. */
export const blueprintNode = blueprintNodeAt(1);

const countTable = z.record(z.string(), z.partialRecord(itemType, z.number().int().min(0)));

export const blueprintBody = z.object({
  occupationId: z.number().int().positive().max(2_147_483_647),
  level: z.number().int().min(1).max(5),
  component: component.default('theory'),
  name: z.string().trim().min(1, '请输入细目表名称').max(100),
  ranges: z.array(blueprintNode).min(1, '至少需要一个鉴定范围').max(100),
  explicitCounts: countTable.nullish(),
});

export const paperSection = z.object({
  type: itemType,
  count: z.number().int().min(0, '题量不能为负').max(1000),
  marksPerItem: z.number().positive('每题分值应大于 0').max(100),
});

export const multiRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('allOrNothing') }),
  z.object({ kind: z.literal('partial'), perOption: z.number().positive('每个正确选项得分应大于 0') }),
]);

export const specBody = z.object({
  occupationId: z.number().int().positive().max(2_147_483_647),
  level: z.number().int().min(1).max(5),
  component: component.default('theory'),
  sections: z.array(paperSection).min(1, '至少需要一种题型').max(4),
  durationMin: z.number().int().positive('考试时长应大于 0').max(600),
  passMark: z.number().positive('合格分应大于 0'),
  multiRule: multiRule.default({ kind: 'allOrNothing' }),
});

export const scopeQuery = z.object({
  occupationId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  level: level.optional(),
  component: component.optional(),
});

export const itemQuery = z.object({
  occupationId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  level: level.optional(),
  type: itemType.optional(),
  pointCode: z.string().trim().max(40).optional(),
  status: itemStatus.optional(),
  q: z.string().trim().max(100).optional(),
  allVersions: z.enum(['0', '1']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const option = z.object({ label: z.string().trim().min(1).max(2), text: z.string().max(2000), fraction: z.number().min(-1).max(1).optional() });

/** An item as a form sends it; validated further by the same rules as an import row. */
export const itemBody = z.object({
  type: itemType,
  stem: z.string().max(5000),
  options: z.array(option).max(8).default([]),
  key: z.array(z.string().trim().min(1).max(2)).max(8).default([]),
  reference: z.string().max(5000).nullish(),
  pointCode: z.string().trim().max(40),
  difficulty: z.number().optional(),
  discrimination: z.number().optional(),
  enemyGroup: z.string().trim().max(64).nullish(),
  status: itemStatus.default('active'),
});

export const newItemBody = itemBody.extend({ occupationId: z.number().int().positive().max(2_147_483_647), level: z.number().int().min(1).max(5) });

export const statusBody = z.object({ status: itemStatus });

export const buildBody = z.object({
  occupationId: z.number().int().positive().max(2_147_483_647),
  level: z.number().int().min(1).max(5),
  component: component.default('theory'),
  seed: z.string().trim().min(1).max(100).optional(),
  forms: z.number().int().min(1).max(3).default(3),
  maxOverlap: z.number().int().min(0).max(1000).default(0),
  maxExposure: z.number().int().positive().max(2_147_483_647).optional(),
});

/** Route parameter `:id`: a positive integer that fits the database's 32-bit ids (a larger one is a 400, not a PostgreSQL error). */
export const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const jobParam = z.object({ jobId: z.string().min(1).max(40) });

export const releaseBody = z.object({ sittingId: z.number().int().positive().max(2_147_483_647), note: z.string().trim().max(200).default('') });
export const noteBody = z.object({ note: z.string().trim().max(200).default('') });

export const analysisBody = z.object({ sittingId: z.number().int().positive().max(2_147_483_647) });
export const analysisQuery = z.object({ sittingId: z.coerce.number().int().positive().max(2_147_483_647) });

export const exportQuery = z.object({
  occupationId: z.coerce.number().int().positive().max(2_147_483_647),
  level,
  format: z.enum(['xlsx', 'qti', 'csv', 'json', 'moodle', 'gift']).default('xlsx'),
});

export const ledgerQuery = z.object({
  occupationId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  level: level.optional(),
  paperId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
