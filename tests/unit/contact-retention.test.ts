/**
 * Which reports the contact sweep strips, and when: only closed ones whose
 * reporter has no account, CONTACT_RETENTION_DAYS after closing, once.
 */
import { CONTACT_ERASED_NAME, CONTACT_RETENTION_DAYS } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../functions/src/data/feedback.js';
import { localEnv } from './local-env.js';

localEnv();
const { contactErasure } = await import('../../functions/src/domain/feedback/contact-sweep.js');

const CLOSED_AT = '2026-06-01T02:00:00.000Z';
const DAY = 86_400_000;
const due = new Date(Date.parse(CLOSED_AT) + CONTACT_RETENTION_DAYS * DAY);

const hotline = {
  reportId: 'r1',
  status: 'closed',
  closedAt: CLOSED_AT,
  reporterId: null,
  reporterName: '热线：刘大爷',
  reporterPhone: '13900001111',
  reporterEmail: null,
  contactsErasedAt: null,
} as unknown as ReportRecord;

describe('the contact sweep’s rule', () => {
  it('strips name, phone and email of an account-less reporter on the day, with an internal note', () => {
    const step = contactErasure(hotline, due);
    expect(step?.after).toMatchObject({
      reporterName: CONTACT_ERASED_NAME,
      reporterPhone: null,
      reporterEmail: null,
      contactsErasedAt: due.toISOString(),
      status: 'closed',
    });
    expect(step?.event).toMatchObject({ kind: 'contacts_erased', visibility: 'internal', actorRole: 'system' });
  });

  it('leaves it a minute before, and once stripped', () => {
    expect(contactErasure(hotline, new Date(due.getTime() - 60_000))).toBeUndefined();
    const after = contactErasure(hotline, due)?.after as ReportRecord;
    expect(contactErasure(after, new Date(due.getTime() + DAY))).toBeUndefined();
  });

  it('never touches a resident with an account, nor a report still open or waiting for confirmation', () => {
    expect(contactErasure({ ...hotline, reporterId: 'u-wang' }, due)).toBeUndefined();
    expect(contactErasure({ ...hotline, status: 'resolved', closedAt: null }, due)).toBeUndefined();
    expect(contactErasure({ ...hotline, status: 'accepted', closedAt: null }, due)).toBeUndefined();
  });
});
