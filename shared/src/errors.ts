import { FIELD_LABELS } from './labels.js';

/**
 * The error family both ends share. Every error has an HTTP status, a stable
 * machine code and a Chinese message fit to show a resident.
 */
export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `body.room` or `query.cursor`. */
  field: string;
  /** Chinese explanation of what is wrong with the field. */
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: ErrorDetail[];
  constructor(status: number, code: string, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export class ValidationError extends AppError {
  constructor(details: ErrorDetail[], code = 'VALIDATION_FAILED') {
    const first = details[0];
    super(400, code, first ? peopleMessage(first) : '请求内容有误', details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code = 'UNAUTHENTICATED', message = '请先登录') {
    super(401, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(code = 'FORBIDDEN', message = '您没有权限进行此操作') {
    super(403, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(code = 'NOT_FOUND', message = '找不到您要的内容') {
    super(404, code, message);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export class BusinessRuleError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetail[]) {
    super(422, code, message, details);
  }
}

/**
 * DynamoDB stayed busy (conflicts or throttles) after every retry: the caller
 * may send the same request again, with the same Idempotency-Key, shortly.
 */
export class BusyError extends AppError {
  /** Seconds to wait before trying again (`Retry-After`). */
  readonly retryAfterSeconds = 1;
  constructor() {
    super(503, 'BUSY', '系统繁忙，请稍后再试');
  }
}

/** Upstream failures (WeChat, S3) that the caller may retry. */
export class UpstreamError extends AppError {
  constructor(code: string, message: string) {
    super(502, code, message);
  }
}

/** `body.room` + "为 1–8 位…" → "门牌号：为 1–8 位…"; a message that already names its field stays as it is. */
function peopleMessage(detail: ErrorDetail): string {
  const name = detail.field
    .split('.')
    .reverse()
    .find((part) => FIELD_LABELS[part]);
  const label = name ? FIELD_LABELS[name] : undefined;
  return !label || detail.message.includes(label) ? detail.message : `${label}：${detail.message}`;
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[]; requestId?: string };
}
