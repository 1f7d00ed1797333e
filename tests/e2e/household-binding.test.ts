import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  appUrl,
  button,
  cell,
  newPhone,
  onPage,
  screenshot,
  signInAs,
  tapTab,
  useBrowser,
  visiblePage,
} from './browser';

const browser = useBrowser();
/** The room as a whole number in a text (other files' homes may have rooms with these digits inside, e.g. 45101). */
const roomText = (room: string) => new RegExp(`(?<!\\d)${room}(?!\\d)`);

interface CommunityBody {
  estates: { estateId: string; name: string }[];
  buildings: { buildingId: string; estateId: string; name: string; units: number }[];
}

/** The seeded community the newcomer asks to join, read the way the app reads it. */
async function chunhui(): Promise<CommunityBody> {
  const base = inject('apiUrl');
  const session = await fetch(`${base}/v1/auth/dev`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona: 'admin-chunhui' }),
  }).then((r) => r.json() as Promise<{ token: string }>);
  const res = await fetch(`${base}/v1/communities/chunhui`, { headers: { authorization: `Bearer ${session.token}` } });
  return (await res.json()) as CommunityBody;
}

interface HouseholdAnswers {
  estate: string;
  building: string;
  unit: number;
  room: string;
  relation: '业主本人' | '租户' | '业主家人';
}

/** Walks the binding form one question at a time, as a person would, and submits. */
async function askForHousehold(page: Page, answers: HouseholdAnswers): Promise<void> {
  const form = () => visiblePage(page);
  await (await onPage(page, '/pages/household/index')).getByText('春晖社区', { exact: true }).tap();
  await form().getByText(answers.estate, { exact: true }).tap();
  await form().getByText(answers.building, { exact: true }).tap();
  await button(form(), `${answers.unit} 单元`).tap();
  await form().locator('input').fill(answers.room);
  await button(form(), '下一步').tap();
  await form().getByText(answers.relation, { exact: true }).tap();
  await button(form(), '提交申请').tap();
  await expect.poll(() => form().getByText('申请已提交').count()).toBe(1);
}

describe('a newcomer binds a household and an admin approves it', () => {
  it('the resident asks, the admin approves, the resident sees the address on 我的', async () => {
    // Prepare
    const community = await chunhui();
    const estate = community.estates[0];
    const building = community.buildings.find((b) => b.estateId === estate?.estateId);
    if (!estate || !building) throw new Error('the seeded community chunhui has no estate with a building');
    const room = String(500 + Math.floor(Math.random() * 400));
    const resident = await newPhone(browser());
    const admin = await newPhone(browser());

    // Act: the resident asks to bind 春晖社区 / first estate / its first building / unit 1 / room
    await signInAs(resident.page, '林小雨');
    await button(visiblePage(resident.page), '绑定房屋').tap();
    await askForHousehold(resident.page, {
      estate: estate.name,
      building: building.name,
      unit: 1,
      room,
      relation: '业主本人',
    });
    const form = () => visiblePage(resident.page);

    // Assess: the request is pending
    await expect.poll(() => form().getByText('待审核').count()).toBe(1);
    const address = `${estate.name}`;
    await screenshot(resident.page, 'household-requested');

    // Act: the admin approves it from 住户审核
    await signInAs(admin.page, '赵建华');
    await cell(visiblePage(admin.page), '住户审核（管理）').tap();
    const request = (await onPage(admin.page, '/packages/admin/households/index'))
      // A pending request's card (the page's 审核记录 below names decided ones too)
      .locator('.section', { hasText: '林小雨', hasNot: admin.page.locator('.recent-decisions__item') })
      .filter({ hasText: roomText(room) });
    await expect.poll(() => request.count()).toBe(1);
    await screenshot(admin.page, 'admin-review');
    await request
      .locator('taro-button-core')
      .filter({ hasText: /^通过$/ })
      .tap();
    // Approving is asked first: it makes the applicant a resident
    const confirm = admin.page.locator('.taro__modal', { hasText: '通过绑定申请' });
    await expect.poll(() => confirm.count()).toBe(1);
    expect(await confirm.textContent()).toContain('林小雨');
    await confirm.locator('.taro-model__confirm').tap();
    await expect.poll(() => request.count()).toBe(0);
    // …and the decision is on the page's record: who approved whose request
    const record = visiblePage(admin.page).locator('.recent-decisions__item', { hasText: roomText(room) });
    await expect.poll(() => record.count()).toBe(1);
    expect(await record.textContent()).toContain('审核通过');
    expect(await record.textContent()).toContain('赵建华');

    // Assess: the resident's 我的 shows the approved home and the resident role
    await resident.page.goto(appUrl('/pages/mine/index'));
    const mine = visiblePage(resident.page);
    const card = mine.locator('.household-card', { hasText: roomText(room) });
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => card.getByText('已通过').count()).toBe(1);
    expect(await card.textContent()).toContain(address);
    await expect.poll(() => mine.getByText('居民', { exact: true }).count()).toBe(1);
    await screenshot(resident.page, 'household-approved');

    await resident.context.close();
    await admin.context.close();
  });
});

describe('an admin rejects a binding with a reason', () => {
  it('the applicant sees 未通过 and the reason on 我的', async () => {
    // Prepare: a property worker asks to bind a home in the second estate
    const community = await chunhui();
    const estate = community.estates[1] ?? community.estates[0];
    const building = community.buildings.find((b) => b.estateId === estate?.estateId);
    if (!estate || !building) throw new Error('the seeded community chunhui has no estate with a building');
    const room = String(100 + Math.floor(Math.random() * 300));
    const applicant = await newPhone(browser());
    const admin = await newPhone(browser());
    await signInAs(applicant.page, '陈志强');
    await tapTab(applicant.page, '我的');
    await button(visiblePage(applicant.page), '绑定房屋').tap();
    await askForHousehold(applicant.page, {
      estate: estate.name,
      building: building.name,
      unit: 1,
      room,
      relation: '租户',
    });

    // Act: another admin of the community rejects it with a reason
    await signInAs(admin.page, '孙梅');
    await cell(visiblePage(admin.page), '住户审核（管理）').tap();
    const request = (await onPage(admin.page, '/packages/admin/households/index'))
      // A pending request's card (the page's 审核记录 below names decided ones too)
      .locator('.section', { hasText: '陈志强', hasNot: admin.page.locator('.recent-decisions__item') })
      .filter({ hasText: roomText(room) });
    await button(request, '不通过').tap();
    const sheet = admin.page.locator('.nut-popup:visible', { hasText: '不通过的原因' });
    await sheet.locator('textarea').fill('门牌号与物业登记不符，请核对后重新申请');
    await button(sheet, '确认不通过').tap();
    await expect.poll(() => request.count()).toBe(0);

    // Assess
    await applicant.page.goto(appUrl('/pages/mine/index'));
    const card = visiblePage(applicant.page).locator('.household-card', { hasText: roomText(room) });
    await expect.poll(() => card.getByText('未通过', { exact: true }).count()).toBe(1);
    expect(await card.textContent()).toContain('门牌号与物业登记不符');
    await screenshot(applicant.page, 'household-rejected');

    await applicant.context.close();
    await admin.context.close();
  });
});
