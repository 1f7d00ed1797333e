import { describe, expect, it } from 'vitest';
import { cell, newPhone, screenshot, signInAs, tapTab, useBrowser, visiblePage } from './browser';

const browser = useBrowser();

describe('staff entries follow roles', () => {
  it('a resident sees no 工作台 or 管理 entry, an admin sees both and can open the workbench', async () => {
    // Prepare
    const resident = await newPhone(browser());
    const admin = await newPhone(browser());

    // Act
    await signInAs(resident.page, '李建国');
    await tapTab(resident.page, '我的');
    await signInAs(admin.page, '赵建华');
    await tapTab(admin.page, '我的');

    // Assess
    const residentMine = visiblePage(resident.page);
    await expect.poll(() => residentMine.getByText('我的身份').count()).toBe(1);
    await expect.poll(() => residentMine.getByText('居民', { exact: true }).count()).toBe(1);
    expect(await residentMine.getByText('工作台').count()).toBe(0);
    expect(await residentMine.getByText('住户审核（管理）').count()).toBe(0);

    const adminMine = visiblePage(admin.page);
    await expect.poll(() => adminMine.getByText('工作台', { exact: true }).count()).toBe(1);
    await expect.poll(() => adminMine.getByText('住户审核（管理）').count()).toBe(1);
    await cell(adminMine, '工作台').tap();
    await expect.poll(() => visiblePage(admin.page).getByText('派单和督办').count()).toBe(1);

    await screenshot(resident.page, 'resident-mine');
    await screenshot(admin.page, 'admin-workbench');
    await resident.context.close();
    await admin.context.close();
  });
});
