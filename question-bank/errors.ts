/**
 * Base of every domain error in the system. Pure (no server imports) so that `question-bank/`,
 * `scoring/` and the server's own rules share one shape, mapped to HTTP in one place
 * (`server/http/error-mapper.ts`).
 *
 * - `code`: stable UPPER_SNAKE identifier for programs (never changes once released).
 * - `message`: Chinese sentence for users, naming the field and the problem.
 * - `details`: plain data (field names, needed/available counts, row numbers …).
 * - `kind`: how the edge should treat it; the HTTP mapper turns it into a status.
 */
export type DomainErrorKind =
  | 'invalid' // bad input → 400/422
  | 'notFound' // → 404
  | 'conflict' // state does not allow it → 409
  | 'forbidden' // role/ownership → 403
  | 'unauthenticated' // → 401
  | 'tooMany' // throttled → 429
  | 'tooLarge'; // upload limits → 413

export class DomainError extends Error {
  readonly code: string;
  readonly kind: DomainErrorKind;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, kind: DomainErrorKind = 'invalid', details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.kind = kind;
    this.details = details;
  }
}

/** One problem in one row/column of an imported file (行/列/问题). */
export interface RowError {
  row: number;
  column: string;
  problem: string;
}

/** An import refused as a whole because some rows are wrong; nothing was written. */
export class ImportRejected extends DomainError {
  constructor(readonly errors: RowError[]) {
    super('IMPORT_REJECTED', `导入被拒绝：共 ${errors.length} 处错误，未写入任何数据`, 'invalid', { errors });
  }
}
