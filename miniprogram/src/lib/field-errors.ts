import type { ApiError } from '@/services/api';

/**
 * Sorts an error's details onto the form's fields: `body.location.unit`
 * belongs to the field `location`, `body.photos.2` to `photos`. What no field
 * claims is said at the top (`general`).
 */
export function fieldErrors<F extends string>(
  error: ApiError | undefined,
  fields: readonly F[],
): Partial<Record<F | 'general', string>> {
  if (!error) return {};
  const found: Partial<Record<F | 'general', string>> = {};
  const unclaimed: string[] = [];
  for (const detail of error.fields) {
    const path = detail.field.replace(/^(body|query)\./, '');
    const field = fields.find((f) => path === f || path.startsWith(`${f}.`));
    if (field) found[field] = found[field] ? `${found[field]}；${detail.message}` : detail.message;
    else unclaimed.push(detail.message);
  }
  if (unclaimed.length || error.fields.length === 0) found.general = unclaimed.join('；') || error.message;
  // A content-check refusal names its field; what to do about it is in the server's summary.
  if (error.code === 'CONTENT_REFUSED')
    for (const field of fields) if (found[field]) found[field] = `${error.summary}（${found[field]}）`;
  return found;
}

/** The index of a photo the server named (`body.photos.2` → 2). */
export function photoIndexOf(error: ApiError | undefined, field = 'photos'): number | undefined {
  const detail = error?.fields.find((f) => new RegExp(`(^|\\.)${field}\\.\\d+$`).test(f.field));
  const index = detail ? Number(detail.field.split('.').pop()) : Number.NaN;
  return Number.isInteger(index) ? index : undefined;
}
