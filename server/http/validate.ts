import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { z, type ZodError, type ZodType } from 'zod';
import { ValidationFailed, type FieldProblem } from '../errors';

// Chinese messages for every zod issue, once for the whole process.
z.config(z.locales.zhCN());

/** Field-level problems from a ZodError, with dotted paths (`items.3.stem`). */
export function zodProblems(err: ZodError): FieldProblem[] {
  return err.issues.map((i) => ({ field: i.path.length ? i.path.join('.') : '(整体)', problem: i.message }));
}

/**
 * `@hono/zod-validator` wired to our error shape: a failure throws `ValidationFailed`
 * (400, code VALIDATION_FAILED, every field named), so routes never see bad input.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw new ValidationFailed(zodProblems(result.error as unknown as ZodError));
  });
}

/** Route parameter `:id` as a positive integer. */
export const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
