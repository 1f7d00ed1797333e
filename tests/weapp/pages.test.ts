// @vitest-environment jsdom
/**
 * The real weapp build, rendered by miniprogram-simulate with WeChat's own
 * WXML compiler: what a person sees on first launch, before any sign-in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fire, launchApp, nodesOf, type RenderedPage, renderPage, waitFor } from './harness';

let page: RenderedPage | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const CONSENT_KEY = 'linli.privacyConsent';

describe('first launch in WeChat', () => {
  it('asks for consent to the privacy guide before anything else on the sign-in page', async () => {
    // Act
    page = await renderPage('pages/signin/index');
    const text = page.dom.textContent ?? '';

    // Assess: the dialog says what is collected and links the full guide
    expect(text).toContain('隐私保护指引');
    expect(text).toContain('微信身份标识');
    expect(text).toContain('房屋地址');
    expect(text).toContain('您上传的照片');
    expect(text).toContain('阅读完整的《邻里隐私保护指引》');
    expect(text).toContain('同意并继续');
    expect(text).toContain('登录前请先阅读隐私保护指引');
    expect(text).toContain('微信一键登录');
    // WeChat checks privacy through its own API, registered at launch
    expect(launchApp().recorder.calls.map((c) => c.api)).toContain('onNeedPrivacyAuthorization');
  });

  it("uses WeChat's agreePrivacyAuthorization button, and agreeing records consent", async () => {
    // Prepare
    page = await renderPage('pages/signin/index');
    const agree = nodesOf(page).find((n) => n.uid === 'linli-privacy-agree');
    if (!agree) throw new Error('no agree button (id linli-privacy-agree) on the sign-in page');
    const { recorder } = launchApp();
    recorder.storage.delete(CONSENT_KEY);

    // Act
    expect(Object.values(agree)).toContain('agreePrivacyAuthorization');
    fire(page, agree, 'agreeprivacyauthorization');

    // Assess: consent is stored, the dialog closes (after its 0.3 s exit), sign-in is offered
    await waitFor(() => expect(recorder.storage.get(CONSENT_KEY)).toMatchObject({ version: expect.any(String) }));
    const signin = page;
    await waitFor(() => expect(signin.dom.textContent).not.toContain('同意并继续'));
    expect(page.dom.textContent).not.toContain('登录前请先阅读隐私保护指引');
    expect(page.dom.textContent).toContain('微信一键登录');
  });

  it('has no demo persona picker in the weapp build', async () => {
    page = await renderPage('pages/signin/index');
    expect(page.dom.textContent).not.toContain('演示身份');
  });

  it('lets text follow the WeChat font setting (page-meta root-font-size=system) and titles the page', async () => {
    page = await renderPage('pages/home/index');
    const data = page.data() as { pageMeta?: Record<string, unknown>; navigationBar?: Record<string, unknown> };
    expect(Object.values(data.pageMeta ?? {})).toContain('system');
    expect(Object.values(data.navigationBar ?? {})).toContain('首页');
  });
});

describe('signed-out pages', () => {
  it('the home page invites a signed-out person to sign in', async () => {
    page = await renderPage('pages/home/index');
    const text = page.dom.textContent ?? '';
    expect(text).toContain('您好，欢迎来到邻里');
    expect(text).toContain('请先登录');
    expect(text).toContain('去登录');
  });

  it('the privacy policy page is readable without the consent dialog over it', async () => {
    page = await renderPage('pages/privacy/index');
    const text = page.dom.textContent ?? '';
    expect(text).toContain('邻里隐私保护指引');
    expect(text).toContain('我们收集哪些信息');
    expect(text).toContain('您的权利');
    expect(text).not.toContain('同意并继续');
  });

  it('the 意见箱 tab explains what can be reported and asks to sign in for the community promises', async () => {
    page = await renderPage('pages/feedback/index');
    const text = page.dom.textContent ?? '';
    expect(text).toContain('可以反映哪些问题');
    expect(text).toContain('消防通道');
    expect(text).toContain('请先登录');
  });
});
