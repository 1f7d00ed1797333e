import { describe, expect, it } from 'vitest';
import { appUrl, newPhone, onPage, screenshot, signInAs, useBrowser } from './browser';

const browser = useBrowser();

describe('a session the server no longer accepts', () => {
  it('sends the person back to sign-in with a plain explanation', async () => {
    // Prepare: a signed-in resident whose stored token then goes bad (revoked, or signed with an old key)
    const { context, page } = await newPhone(browser());
    await signInAs(page, '李建国');
    await page.evaluate(() => {
      const storage = (globalThis as unknown as { localStorage: Storage }).localStorage;
      const stored = JSON.parse(storage.getItem('linli.session') ?? '{}') as { data: { token: string } };
      stored.data.token = `${stored.data.token.slice(0, -4)}AAAA`;
      storage.setItem('linli.session', JSON.stringify(stored));
    });

    // Act: the app is opened again and asks for the profile
    await page.goto(appUrl('/pages/mine/index'));
    await page.reload();

    // Assess
    const signIn = await onPage(page, '/pages/signin/index');
    await expect.poll(() => signIn.getByText('登录已过期，请重新登录。').count()).toBe(1);
    const stored = await page.evaluate(() =>
      (globalThis as unknown as { localStorage: Storage }).localStorage.getItem('linli.session'),
    );
    expect(stored).toBeNull();
    await screenshot(page, 'session-expired');
    await context.close();
  });
});

interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
