import Taro from '@tarojs/taro';
import type { ApiError } from '@/services/api';

/** What a refused submit says in its toast: the fields themselves say what is wrong. */
export const CHECK_MARKED = '请检查标红的项目';

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
    // Each message once, however many checks found the same thing.
    if (field) {
      const said = found[field];
      if (!said?.split('；').includes(detail.message))
        found[field] = said ? `${said}；${detail.message}` : detail.message;
    } else if (!unclaimed.includes(detail.message)) unclaimed.push(detail.message);
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

/** Whether the server's error names a field of the form (then it is shown there, not only at the top). */
export function namesAField(error: ApiError | undefined, fields: readonly string[]): boolean {
  return !!error?.fields.some((d) => {
    const path = d.field.replace(/^(body|query)\./, '');
    return fields.some((f) => path === f || path.startsWith(`${f}.`));
  });
}

/**
 * After a refused submit: a toast says so, and the first error on the page
 * (a `FieldError`) is brought to where the eye is, with its field above it.
 * Call it right after setting the errors; it waits for them to be drawn.
 */
export function revealFirstError(): void {
  void Promise.resolve(Taro.showToast({ title: CHECK_MARKED, icon: 'none', duration: 2500 })).catch(() => undefined);
  setTimeout(scrollToFirstError, process.env.TARO_ENV === 'weapp' ? 150 : 60);
}

function scrollToFirstError(): void {
  if (process.env.TARO_ENV === 'h5') {
    // Taro keeps earlier pages in the document, shaded: look only in the one on screen.
    const pages = document.querySelectorAll('.taro_page:not(.taro_page_shade)');
    const first = (pages.item(pages.length - 1) ?? document).querySelector('.field-error');
    first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return;
  }
  // The field's label and input sit above its error: leave room for them.
  void Promise.resolve(Taro.pageScrollTo({ selector: '.field-error', offsetTop: -160, duration: 200 })).catch(
    () => undefined,
  );
}
