import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { DomainError, type DomainErrorKind } from '../../question-bank/errors';
import { zodProblems } from './validate';

/** The one body shape of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

const STATUS: Record<DomainErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  notFound: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  tooMany: 429,
  tooLarge: 413,
};

/** Map any thrown value to a status and body. Internal errors are logged and never described to the client. */
export function toErrorResponse(err: unknown, log: (e: unknown) => void = console.error): { status: ContentfulStatusCode; body: ErrorBody } {
  if (err instanceof DomainError) {
    return { status: STATUS[err.kind], body: { error: { code: err.code, message: err.message, details: err.details } } };
  }
  if (err instanceof ZodError) {
    const fields = zodProblems(err);
    return {
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', message: `输入有误：${fields.map((f) => f.problem).join('；')}`, details: { fields } } },
    };
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    if (status === 413) return { status, body: { error: { code: 'BODY_TOO_LARGE', message: '提交的内容过大', details: {} } } };
    if (status < 500) {
      return { status, body: { error: { code: 'MALFORMED_REQUEST', message: '请求格式错误（请检查提交的内容是否为有效的 JSON 或表单）', details: {} } } };
    }
  }
  // Hono's parseBody/formData throws a plain TypeError on a broken multipart body: that is bad input.
  if (err instanceof TypeError && /parse body as FormData|multipart|boundary/i.test(err.message)) {
    return { status: 400, body: { error: { code: 'MALFORMED_REQUEST', message: '上传内容格式错误（不是有效的表单或文件上传）', details: {} } } };
  }
  log(err);
  return { status: 500, body: { error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员', details: {} } } };
}

/** Hono `onError` handler: the one place errors become HTTP responses. */
export function errorMapper(log?: (e: unknown) => void) {
  return function mapError(err: Error, c: Context) {
    const { status, body } = toErrorResponse(err, log);
    return c.json(body, status);
  };
}
