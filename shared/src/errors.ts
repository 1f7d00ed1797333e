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
    super(400, code, first ? `${fieldLabel(first.field)}：${first.message}` : '请求内容有误', details);
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

/** Upstream failures (WeChat, S3) that the caller may retry. */
export class UpstreamError extends AppError {
  constructor(code: string, message: string) {
    super(502, code, message);
  }
}

/** `body.room` → `room` (people read field names, not request parts). */
function fieldLabel(field: string): string {
  return field.replace(/^(body|query|path|headers)\.?/, '') || field;
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[]; requestId?: string };
}
