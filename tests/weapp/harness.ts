/**
 * Runs the real `miniprogram/dist/weapp` build inside miniprogram-simulate:
 * the official WXML compiler renders Taro's templates, `Page()` is mapped onto
 * the simulator's `Component()`, and a small in-memory `wx` stands in for the
 * WeChat client (storage, system info, navigation are recorded, not performed).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { PRIVACY_GUIDE_VERSION } from '../../miniprogram/src/services/privacy-version';

export const WEAPP_DIR = join(
  import.meta.dirname,
  '..',
  '..',
  'miniprogram',
  process.env.LINLI_DIST ?? 'dist',
  'weapp',
);

const require = createRequire(import.meta.url);

/** Fails loudly (never skips) when the build is not there. */
export function requireBuild(): void {
  if (!existsSync(join(WEAPP_DIR, 'app.json')))
    throw new Error(`${WEAPP_DIR} has no app.json: run \`npm run build:weapp\` before the weapp tests`);
}

export function readAppJson(): AppJson {
  requireBuild();
  return JSON.parse(readFileSync(join(WEAPP_DIR, 'app.json'), 'utf8')) as AppJson;
}

export interface AppJson {
  pages: string[];
  subPackages?: { root: string; name?: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text: string; iconPath: string; selectedIconPath: string }[] };
  __usePrivacyCheck__?: boolean;
  requiredPrivateInfos?: string[];
}

/** Bytes of every file under `dir`, optionally leaving some top-level folders out. */
export function sizeOf(dir: string, exclude: string[] = []): number {
  let total = 0;
  const walk = (path: string) => {
    const info = statSync(path);
    if (info.isDirectory()) {
      const { readdirSync } = require('node:fs') as typeof import('node:fs');
      for (const name of readdirSync(path)) {
        const child = join(path, name);
        if (!exclude.includes(relative(dir, child))) walk(child);
      }
    } else total += info.size;
  };
  walk(dir);
  return total;
}

type Options = Record<string, unknown>;
type Fn = (...args: unknown[]) => unknown;

export interface WxRecorder {
  storage: Map<string, unknown>;
  calls: { api: string; options: unknown }[];
  /**
   * What an API answers besides `errMsg` (e.g. `request` → `{ statusCode, data }`);
   * undefined keeps the plain success.
   */
  respond?: (api: string, options: Options) => Options | undefined;
  /** True keeps the call waiting (never answered), to see a page while it is busy. */
  hold?: (api: string, options: Options) => boolean;
  /** What `createSelectorQuery().select(selector).context()` finds (an EditorContext…); null when unset. */
  contexts?: (selector: string) => unknown;
}

/** WeChat's SelectorQuery: `select(…).context(cb)` answers from `recorder.contexts` when `exec` runs. */
function selectorQuery(recorder: WxRecorder) {
  const queued: (() => unknown)[] = [];
  const nodes = (selector: string) => {
    const answer = (value: () => unknown) => (callback?: Fn) => {
      queued.push(() => {
        const result = value();
        callback?.(result);
        return result;
      });
      return query;
    };
    return {
      context: answer(() => {
        recorder.calls.push({ api: 'SelectorQuery.context', options: { selector } });
        return { context: recorder.contexts?.(selector) ?? null };
      }),
      boundingClientRect: answer(() => null),
      fields: (_fields: unknown, callback?: Fn) => answer(() => null)(callback),
      node: answer(() => null),
      scrollOffset: answer(() => null),
    };
  };
  const query = {
    in: () => query,
    select: nodes,
    selectAll: nodes,
    selectViewport: () => nodes('viewport'),
    exec: (callback?: Fn) => {
      const results = queued.splice(0).map((run) => run());
      callback?.(results);
    },
  };
  return query;
}

/** Asynchronous `wx` APIs the pages use; each is recorded and succeeds (answers come from `respond`). */
const RECORDED_APIS = [
  'navigateTo',
  'redirectTo',
  'navigateBack',
  'switchTab',
  'reLaunch',
  'showToast',
  'hideToast',
  'showModal',
  'showLoading',
  'hideLoading',
  'showActionSheet',
  'setClipboardData',
  'requestSubscribeMessage',
  'scanCode',
  'chooseMedia',
  'chooseImage',
  'getImageInfo',
  'compressImage',
  'previewImage',
  'uploadFile',
  'downloadFile',
  'login',
  'setTabBarBadge',
  'removeTabBarBadge',
  'setNavigationBarTitle',
  'pageScrollTo',
  'vibrateShort',
];

/** The part of the `wx` API Taro's runtime and our pages touch, in memory. */
function makeWx(recorder: WxRecorder) {
  const done = (api: string, options: Options = {}, result: Options = {}) => {
    recorder.calls.push({ api, options });
    if (recorder.hold?.(api, options)) return undefined;
    const res = { errMsg: `${api}:ok`, ...result, ...recorder.respond?.(api, options) };
    (options.success as Fn | undefined)?.(res);
    (options.complete as Fn | undefined)?.(res);
    return res;
  };
  const systemInfo = {
    brand: 'devtools',
    model: 'simulate',
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 812,
    windowWidth: 375,
    windowHeight: 812,
    statusBarHeight: 44,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17',
    platform: 'devtools',
    SDKVersion: '3.5.0',
    fontSizeSetting: 16,
  };
  // Taro wraps (and promisifies) exactly the APIs it finds with Object.keys(wx) at launch: list the async
  // ones pages call, so `Taro.x()` reaches the recorder instead of being undefined.
  const recorded = Object.fromEntries(
    RECORDED_APIS.map((name) => [name, (options?: Options) => done(name, options ?? {})] as const),
  );
  return new Proxy(
    {
      ...recorded,
      getSystemInfoSync: () => systemInfo,
      getWindowInfo: () => systemInfo,
      getDeviceInfo: () => systemInfo,
      getAppBaseInfo: () => systemInfo,
      getSystemInfo: (o: Options) => done('getSystemInfo', o, systemInfo),
      getStorageSync: (key: string) => recorder.storage.get(key) ?? '',
      setStorageSync: (key: string, value: unknown) => void recorder.storage.set(key, value),
      removeStorageSync: (key: string) => void recorder.storage.delete(key),
      getPrivacySetting: (o: Options) => done('getPrivacySetting', o, { needAuthorization: true }),
      // File information (a temp file's size) is recorded and answered like the async APIs, under `getFileInfo`.
      getFileSystemManager: () => ({ getFileInfo: (o: Options) => done('getFileInfo', o) }),
      onNeedPrivacyAuthorization: (listener: unknown) =>
        void recorder.calls.push({ api: 'onNeedPrivacyAuthorization', options: listener }),
      nextTick: (fn: () => void) => setTimeout(fn, 0),
      canIUse: () => true,
      createSelectorQuery: () => {
        recorder.calls.push({ api: 'createSelectorQuery', options: {} });
        return selectorQuery(recorder);
      },
    } as Record<string, unknown>,
    {
      // Taro only wraps the APIs it finds `in wx`: every one is there.
      has(target, name: string) {
        return name !== 'webpackJsonp' || name in target;
      },
      // Anything else (navigation, toasts, login, request) is recorded and "succeeds".
      get(target, name: string) {
        if (name in target) return target[name];
        if (name === 'webpackJsonp') return undefined;
        return (options?: Options) => done(name, options ?? {});
      },
    },
  );
}

interface Globals {
  wx: unknown;
  App: (config: Options) => void;
  getApp: () => Options | undefined;
  Page: (config: Options) => void;
  Component: (config: Options) => void;
  getCurrentPages: () => unknown[];
}

let loaded: { recorder: WxRecorder; app: Options } | undefined;
/** The page stack `getCurrentPages()` reports (Taro reads it for page-meta). */
const pageStack: unknown[] = [];

/** Loads app.js once per test file, like WeChat does at launch, and runs `onLaunch`. */
export function launchApp(): { recorder: WxRecorder; app: Options } {
  requireBuild();
  if (loaded) return loaded;
  const recorder: WxRecorder = { storage: new Map(), calls: [] };
  const g = globalThis as unknown as Globals;
  // miniprogram-simulate defines the global Component; load it before we wrap Page on top.
  require('miniprogram-simulate');
  let app: Options | undefined;
  g.wx = makeWx(recorder);
  g.App = (config) => {
    app = config;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [...pageStack];
  g.Page = (config) => g.Component(pageAsComponent(config));
  require(join(WEAPP_DIR, 'app.js'));
  if (!app) throw new Error('app.js did not call App()');
  (app.onLaunch as Fn).call(app, { path: 'pages/home/index', query: {}, scene: 1001 });
  loaded = { recorder, app };
  return loaded;
}

/** A Page config becomes a component whose attach/ready run the page lifecycle. */
function pageAsComponent(config: Options): Options {
  const methods: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value;
  return {
    data: config.data ?? {},
    methods,
    lifetimes: {
      attached(this: Record<string, Fn> & { route?: string; __route__?: string; __query__?: Options }) {
        pageStack.push(this);
        this.onLoad?.call(this, this.__query__ ?? {});
        this.onShow?.call(this);
      },
      ready(this: Record<string, Fn>) {
        this.onReady?.call(this);
      },
      detached(this: Record<string, Fn>) {
        this.onUnload?.call(this);
        pageStack.splice(pageStack.indexOf(this), 1);
      },
    },
  };
}

export interface RenderedPage {
  /** The rendered page's root element, as the WeChat view layer would show it. */
  dom: { textContent: string | null; innerHTML: string };
  /** The page's setData state: Taro's node tree, with each component's attributes. */
  data: () => Record<string, unknown>;
  /** The page instance (its methods include Taro's event handler `eh`). */
  instance: Record<string, unknown>;
  detach: () => void;
}

const loadedPages = new Map<string, string>();

/** Renders one page of the build (e.g. `pages/signin/index`) and waits for its first drawing. */
export async function renderPage(route: string, query: Options = {}): Promise<RenderedPage> {
  launchApp();
  const simulate = require('miniprogram-simulate') as typeof import('miniprogram-simulate');
  // A page's chunk registers once per process (webpack skips installed modules), so load once.
  let id = loadedPages.get(route);
  if (!id) {
    id = simulate.load(join(WEAPP_DIR, route), { compiler: 'official', rootPath: WEAPP_DIR });
    loadedPages.set(route, id);
  }
  const page = simulate.render(id) as unknown as {
    data: Record<string, unknown>;
    instance: Record<string, unknown>;
    dom: RenderedPage['dom'];
    attach: (parent: unknown) => void;
    detach: () => void;
  };
  page.instance.route = route;
  page.instance.__route__ = route;
  page.instance.__query__ = query;
  const doc = (globalThis as unknown as { document: { createElement(tag: string): unknown } }).document;
  page.attach(doc.createElement('parent-wrapper'));
  const rendered = { dom: page.dom, data: () => page.data, instance: page.instance, detach: () => page.detach() };
  // Taro renders through React and a batched setData: the page is there once its tree has reached the view.
  await waitFor(() => {
    if (!(rendered.data().root as TaroNode | undefined)?.cn?.length) throw new Error(`${route} drew nothing`);
  });
  return rendered;
}

export interface TaroNode {
  nn?: string;
  sid?: string;
  uid?: string;
  v?: string;
  cl?: string;
  cn?: TaroNode[];
  [attribute: string]: unknown;
}

/** Every node of the page's Taro tree (root plus the page-meta / navigation-bar nodes). */
export function nodesOf(page: RenderedPage): TaroNode[] {
  const found: TaroNode[] = [];
  const walk = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(walk);
    const node = value as TaroNode;
    if ('sid' in node || 'nn' in node) found.push(node);
    for (const child of Object.values(node)) if (child && typeof child === 'object') walk(child);
  };
  walk(page.data());
  return found;
}

/**
 * Fires a WeChat component event at a node, the way the view layer reports it to the page.
 * It does not wait: what the event changes is awaited with `waitFor`.
 */
export function fire(page: RenderedPage, node: TaroNode, type: string, detail: unknown = {}): void {
  const target = { id: node.sid, dataset: {} };
  const handler = page.instance.eh as Fn | undefined;
  if (!handler) throw new Error('the page has no Taro event handler (eh)');
  handler.call(page.instance, { type, detail, target, currentTarget: target, timeStamp: Date.now() });
}

/** The nodes from the page root down to `target` (both included), or [] when it is not on the page. */
function pathTo(page: RenderedPage, target: TaroNode): TaroNode[] {
  const search = (value: unknown, path: TaroNode[]): TaroNode[] | undefined => {
    if (!value || typeof value !== 'object') return undefined;
    if (Array.isArray(value)) {
      for (const item of value) {
        const found = search(item, path);
        if (found) return found;
      }
      return undefined;
    }
    const node = value as TaroNode;
    const here = 'sid' in node ? [...path, node] : path;
    if (node === target) return here;
    for (const child of Object.values(node)) {
      const found = search(child, here);
      if (found) return found;
    }
    return undefined;
  };
  return search(page.data(), []) ?? [];
}

/**
 * A tap as WeChat reports it: the view layer bubbles `tap` from the element
 * up through every ancestor, and Taro runs the handlers once the topmost
 * bound one reports. `fire` alone reaches only the element itself.
 * Like `fire`, it does not wait: what the tap changes is awaited with `waitFor`.
 */
export function tap(page: RenderedPage, node: TaroNode): void {
  const handler = page.instance.eh as Fn | undefined;
  if (!handler) throw new Error('the page has no Taro event handler (eh)');
  const target = { id: node.sid, dataset: {} };
  for (const current of pathTo(page, node).reverse())
    handler.call(page.instance, {
      type: 'tap',
      detail: {},
      target,
      currentTarget: { id: current.sid, dataset: {} },
      timeStamp: Date.now(),
    });
}

/**
 * Polls `check` until it passes (returns without throwing), and resolves to what it returned;
 * after `timeout` ms it fails with the check's own last error. Tests wait for what they expect,
 * never for a fixed time.
 */
export async function waitFor<T>(check: () => T, { timeout = 5000, interval = 20 } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** A node's text, its children's included. */
export const textOf = (node: TaroNode): string =>
  (typeof node.v === 'string' ? node.v : '') + (node.cn ?? []).map(textOf).join('');

export const classesOf = (node: TaroNode): string[] => String(node.cl ?? '').split(/\s+/);

/** The element with class `className` (and text `label`, when given), the innermost one: it holds the tap handler. */
export function tappable(page: RenderedPage, label: string, className: string): TaroNode {
  const node = nodesOf(page)
    .filter((n) => classesOf(n).includes(className) && textOf(n).includes(label))
    .at(-1);
  if (!node) throw new Error(`no .${className} with “${label}” on the page`);
  return node;
}

/** The first element with class `className`. */
export function byClass(page: RenderedPage, className: string): TaroNode {
  const node = nodesOf(page).find((n) => classesOf(n).includes(className));
  if (!node) throw new Error(`no .${className} on the page`);
  return node;
}

/** A route's answer other than 200 (a 503 with Retry-After, say). */
export class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly header: Record<string, string> = {},
  ) {}
}

export interface SignedInOptions {
  user?: { userId: string; nickname: string; createdAt: string };
  /** What the API answers: data is a 200, an `Answer` any other status, undefined a 404. */
  routes?: (method: string, path: string, body: unknown, url: URL) => unknown;
  /** What other WeChat APIs answer (chooseMedia, requestSubscribeMessage…), as `WxRecorder.respond`. */
  respond?: (api: string, options: Options) => Options | undefined;
}

const SOMEONE = { userId: 'u', nickname: '测试', createdAt: '2026-11-01T00:00:00Z' };

/** A person who agreed to the privacy guide and holds a session, with the API answered from `routes`. */
export function signedIn({ user = SOMEONE, routes = () => undefined, respond }: SignedInOptions = {}): WxRecorder {
  const { recorder } = launchApp();
  recorder.storage.set('linli.privacyConsent', { version: PRIVACY_GUIDE_VERSION, agreedAt: '2026-11-01T00:00:00Z' });
  recorder.storage.set('linli.session', { token: 'test-token', expiresAt: '2099-01-01T00:00:00.000Z', user });
  recorder.respond = (api, options) => {
    if (api !== 'request') return respond?.(api, options);
    const url = new URL(String(options.url), 'http://localhost');
    const data = routes(String(options.method ?? 'GET'), url.pathname, options.data, url);
    if (data instanceof Answer) return { statusCode: data.status, data: data.body, header: data.header };
    return data === undefined
      ? { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '没有这个地址' } } }
      : { statusCode: 200, data, header: {} };
  };
  return recorder;
}

/** Types `value` into the field `find` finds, and waits until the page shows it there. */
export async function typeInto(page: RenderedPage, find: () => TaroNode, value: string): Promise<void> {
  fire(page, await waitFor(find), 'input', { value, cursor: value.length });
  await waitFor(() => {
    if (!Object.values(find()).includes(value)) throw new Error(`the field does not show “${value}”`);
  });
}
