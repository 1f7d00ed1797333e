/**
 * How long a reporter without an account is kept. Someone who reported over
 * Open311, by phone or on paper left a name and a way to reach them so staff
 * could follow up; once the report has been closed this long, the name and
 * contact go, and the report stays for the figures. (A resident with an
 * account erases their own, through 我的 → 注销账号.)
 */
export const CONTACT_RETENTION_DAYS = 180;

/** The name a report shows once its reporter's details went. */
export const CONTACT_ERASED_NAME = '（反映人信息已按保存期限删除）';

/** When the contact details of a report closed at `closedAt` go. */
export function contactsUntil(closedAt: string): string {
  return new Date(Date.parse(closedAt) + CONTACT_RETENTION_DAYS * 86_400_000).toISOString();
}
