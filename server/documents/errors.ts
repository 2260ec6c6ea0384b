import { DomainError } from '../../question-bank/errors';

/**
 * The print data cannot make a correct document: a photo that is not JPEG/PNG, counts that do not add
 * up, nothing to print. `field` is a path into the input (`tickets[3].photo`) so the office can fix
 * the one record instead of guessing; nothing is produced.
 */
export class DocumentInputInvalid extends DomainError {
  constructor(field: string, problem: string) {
    super('DOCUMENT_INPUT_INVALID', `打印数据有误：${field} ${problem}`, 'invalid', { field, problem });
  }
}
