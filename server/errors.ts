import { DomainError } from '../question-bank/errors';

export { DomainError };

/** Field-level validation problem (Chinese text) — the shape of `details.fields`. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/** Request input failed validation; `details.fields` names every field and its problem. */
export class ValidationFailed extends DomainError {
  constructor(readonly fields: FieldProblem[]) {
    // Problems only (no field keys) in the message; programs and the UI read the per-field list in `details`.
    super('VALIDATION_FAILED', `输入有误：${fields.map((f) => f.problem).join('；')}`, 'invalid', { fields });
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = '请先登录') {
    super('UNAUTHENTICATED', message, 'unauthenticated');
  }
}

export class Forbidden extends DomainError {
  constructor(message = '您的角色无权进行此操作') {
    super('FORBIDDEN', message, 'forbidden');
  }
}

/** `what` is a Chinese noun, e.g. `new NotFound('批次', 12)` → “批次不存在（编号 12）”. */
export class NotFound extends DomainError {
  constructor(what: string, id?: string | number) {
    super('NOT_FOUND', id === undefined ? `${what}不存在` : `${what}不存在（编号 ${id}）`, 'notFound', { what, id });
  }
}

/** The object's state does not allow the action (e.g. approving one's own paper). */
export class StateConflict extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, 'conflict', details);
  }
}
