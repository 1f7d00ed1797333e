import { type ErrorDetail, ValidationError } from '@linli/shared';
import type * as z from 'zod';

/** Zod issues → fields named the way the client sent them (`body.room`). */
export function toDetails(part: string, error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

export function parsePart<T extends z.ZodType>(part: string, schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(toDetails(part, result.error));
  return result.data;
}

/** The JSON body of a request, or a 400 that says what is wrong with it. */
export function readJsonBody(raw: string | undefined, base64: boolean, contentType: string | undefined): unknown {
  if (raw === undefined || raw === '') throw new ValidationError([{ field: 'body', message: '缺少请求内容' }]);
  if (!contentType || !/^application\/json\b/i.test(contentType))
    throw new ValidationError(
      [{ field: 'headers.content-type', message: '须为 application/json' }],
      'UNSUPPORTED_CONTENT_TYPE',
    );
  const text = base64 ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: 'body', message: '不是合法的 JSON' }], 'MALFORMED_JSON');
  }
}

/** An `application/x-www-form-urlencoded` body as an object of strings (Open311 posts forms). */
export function readFormBody(raw: string | undefined, base64: boolean, contentType: string | undefined): unknown {
  if (raw === undefined || raw === '') throw new ValidationError([{ field: 'body', message: '缺少请求内容' }]);
  if (!contentType || !/^application\/x-www-form-urlencoded\b/i.test(contentType))
    throw new ValidationError(
      [{ field: 'headers.content-type', message: '须为 application/x-www-form-urlencoded' }],
      'UNSUPPORTED_CONTENT_TYPE',
    );
  const text = base64 ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const form: Record<string, string | string[]> = {};
  // `name[]` is a list (Open311's multivaluelist attributes); any other name sent twice keeps its last value.
  for (const [name, value] of new URLSearchParams(text))
    form[name] = name.endsWith('[]') ? [...((form[name] as string[] | undefined) ?? []), value] : value;
  return form;
}

/** The body as text, untouched: a WeChat push is checked against its signature as sent. */
export function readTextBody(raw: string | undefined, base64: boolean): string {
  if (raw === undefined || raw === '') throw new ValidationError([{ field: 'body', message: '缺少请求内容' }]);
  return base64 ? Buffer.from(raw, 'base64').toString('utf8') : raw;
}
