/**
 * Domain errors of `scoring/`. Each is a small named class carrying its data; the server maps
 * `kind` to an HTTP status in one place. Messages are Chinese sentences naming the field at fault.
 */
import { DomainError, type RowError } from '../question-bank/errors';

/**
 * Input to a scoring function is malformed (a mark out of range, an unknown option label, a bad
 * date …). `field` names what was wrong so a form can highlight it.
 *
 * Example: `new ScoringInputInvalid('examinerMarks.q7', '评分 12 超出本题满分 10')`.
 */
export class ScoringInputInvalid extends DomainError {
  constructor(
    readonly field: string,
    problem: string,
    extra: Record<string, unknown> = {},
  ) {
    super('SCORING_INPUT_INVALID', `${field}：${problem}`, 'invalid', { field, problem, ...extra });
  }
}

/** Weights of a mixed component source do not add up to 1 (Σw = 1 within 1e-9). */
export class WeightsDoNotSumToOne extends DomainError {
  constructor(
    readonly component: string,
    readonly sum: number,
  ) {
    super('WEIGHTS_DO_NOT_SUM_TO_ONE', `${component}的成绩来源权重之和为 ${sum}，应为 1`, 'invalid', {
      component,
      sum,
    });
  }
}

/** A practical scoring sheet (考核评分记录表) breaks its own rules; every problem is listed. */
export class ScoringSheetInvalid extends DomainError {
  constructor(
    readonly taskId: string,
    readonly problems: string[],
  ) {
    super('SCORING_SHEET_INVALID', `评分记录表 ${taskId} 不合规：${problems.join('；')}`, 'invalid', {
      taskId,
      problems,
    });
  }
}

/** An examiner group (考评组) is not an odd number of at least 3 examiners. */
export class ExaminerGroupInvalid extends DomainError {
  constructor(
    readonly size: number,
    problem: string,
  ) {
    super('EXAMINER_GROUP_INVALID', `考评员人数为 ${size}：${problem}`, 'invalid', { size });
  }
}

/**
 * A mark is asked for while it is not final yet: markers missing, or the spread went to the
 * group leader (组长) who has not decided. `conflict` because the state, not the input, is at fault.
 */
export class MarkNotFinal extends DomainError {
  constructor(
    readonly subject: string,
    readonly status: string,
  ) {
    super('MARK_NOT_FINAL', `${subject}的评分尚未确定（${status}）`, 'conflict', { subject, status });
  }
}

/** A required component has no entry at all (neither a mark nor 缺考/违纪). */
export class ComponentMissing extends DomainError {
  constructor(readonly components: string[]) {
    super('COMPONENT_MISSING', `缺少必考科目的成绩或考场记录：${components.join('、')}`, 'invalid', { components });
  }
}

/** A certificate number part (or a whole number) is malformed; `part` names it in Chinese. */
export class CertificateNumberInvalid extends DomainError {
  constructor(
    readonly part: string,
    problem: string,
    readonly value: string,
  ) {
    super('CERTIFICATE_NUMBER_INVALID', `证书编号的${part}不正确：${problem}（${value}）`, 'invalid', {
      part,
      problem,
      value,
    });
  }
}

/** The serial of an organization × year × level has run out (above 999999). */
export class CertificateSerialExhausted extends DomainError {
  constructor(
    readonly prefix: string,
    readonly requested: number,
  ) {
    super('CERTIFICATE_SERIAL_EXHAUSTED', `证书编号 ${prefix}…… 的流水号已用尽（最大 999999）`, 'conflict', {
      prefix,
      requested,
    });
  }
}

/** Publicity (公示) state does not allow the action (objection after close, close with open objections …). */
export class PublicityConflict extends DomainError {
  constructor(problem: string, details: Record<string, unknown> = {}) {
    super('PUBLICITY_CONFLICT', problem, 'conflict', details);
  }
}

/** A report cannot be built because some rows are wrong; nothing was written. Rows count from 1. */
export class ReportRejected extends DomainError {
  constructor(
    readonly report: string,
    readonly errors: RowError[],
  ) {
    super('REPORT_REJECTED', `${report}生成失败：共 ${errors.length} 处错误，未写出文件`, 'invalid', { report, errors });
  }
}
