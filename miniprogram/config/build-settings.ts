/**
 * The build-time settings of the mini-program, read from the environment and
 * checked. Pure (no Taro, no file system) so a unit test can call it.
 *
 * `LINLI_STAGE` picks the kind of build: `local` (the default) bakes in the
 * local stack's defaults and works offline; any other stage (`dev`, `prod`,
 * like the cloud stacks) is a production build, and a production weapp build
 * refuses to start unless every WeChat setting is given and valid.
 */
import type { SubscriptionTemplate } from '@linli/shared';

export const STAGES = ['local', 'dev', 'prod'] as const;
export type BuildStage = (typeof STAGES)[number];

/** The environment variable of each subscription template's id (from the mp console, 订阅消息). */
export const TEMPLATE_SETTINGS = {
  feedback_accepted: 'LINLI_TEMPLATE_FEEDBACK_ACCEPTED',
  feedback_resolved: 'LINLI_TEMPLATE_FEEDBACK_RESOLVED',
  feedback_reply: 'LINLI_TEMPLATE_FEEDBACK_REPLY',
  feedback_task: 'LINLI_TEMPLATE_FEEDBACK_TASK',
  pickup_reminder: 'LINLI_TEMPLATE_PICKUP_REMINDER',
} as const satisfies Record<SubscriptionTemplate, string>;

/** What a local build uses; the local stack (`npm start`) knows exactly these. */
export const LOCAL_API_BASE = 'http://127.0.0.1:3000';
export const LOCAL_APPID = 'touristappid';
export const LOCAL_TEMPLATE_IDS: Record<SubscriptionTemplate, string> = {
  feedback_accepted: 'local-feedback-accepted',
  feedback_resolved: 'local-feedback-resolved',
  feedback_reply: 'local-feedback-reply',
  feedback_task: 'local-feedback-task',
  pickup_reminder: 'local-pickup-reminder',
};

export interface BuildSettings {
  stage: BuildStage;
  platform: string;
  /** '' in H5 (the build is served by the API itself), the API origin in weapp. */
  apiBase: string;
  appid: string;
  templateIds: Record<SubscriptionTemplate, string>;
  /** The 演示身份 persona picker. */
  devSignIn: boolean;
}

/** A build the settings do not allow; `problems` names each wrong or missing setting. */
export class BuildSettingsError extends Error {
  readonly problems: string[];
  constructor(stage: string, platform: string, problems: string[]) {
    super(
      `Refusing to build the ${stage} ${platform} mini-program; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'BuildSettingsError';
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const APPID = /^wx[0-9a-f]{16}$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Reads and checks the settings of one build (`platform` is TARO_ENV); throws BuildSettingsError. */
export function readBuildSettings(env: Env, platform: string): BuildSettings {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const problems: string[] = [];
  const stageValue = value('LINLI_STAGE') ?? 'local';
  if (!(STAGES as readonly string[]).includes(stageValue))
    problems.push(`LINLI_STAGE: must be one of ${STAGES.join(', ')} (got "${stageValue}")`);
  const stage = ((STAGES as readonly string[]).includes(stageValue) ? stageValue : 'local') as BuildStage;
  const production = stage !== 'local' && platform === 'weapp';

  // The API origin: checked like WeChat checks request domains in a production weapp build.
  const apiBaseValue = value('LINLI_API_BASE');
  const apiBase = platform === 'h5' ? '' : (apiBaseValue ?? LOCAL_API_BASE).replace(/\/+$/, '');
  if (production) {
    const problem = apiBaseValue ? wechatDomainProblem(apiBaseValue) : 'missing';
    if (problem)
      problems.push(
        `LINLI_API_BASE: ${problem}; WeChat only calls https:// domains listed in the mp console, with no port and no IP address${apiBaseValue ? ` (got "${apiBaseValue}")` : ''}`,
      );
  } else if (platform !== 'h5' && apiBaseValue && !/^https?:\/\/[^/\s]+/.test(apiBaseValue)) {
    problems.push(`LINLI_API_BASE: must be an http:// or https:// URL (got "${apiBaseValue}")`);
  }

  const appidValue = value('LINLI_APPID');
  if (production && !appidValue)
    problems.push('LINLI_APPID: missing; the mini-program AppID is wx followed by 16 hex digits');
  else if (appidValue && !APPID.test(appidValue))
    problems.push(`LINLI_APPID: must be wx followed by 16 hex digits (got "${appidValue}")`);
  const appid = appidValue ?? LOCAL_APPID;

  const templateIds = { ...LOCAL_TEMPLATE_IDS };
  for (const [template, name] of Object.entries(TEMPLATE_SETTINGS) as [SubscriptionTemplate, string][]) {
    const id = value(name);
    if (id) templateIds[template] = id;
    if (!production) continue;
    if (!id) problems.push(`${name}: missing; the template id of "${template}" from the mp console (订阅消息)`);
    else if (/\s/.test(id) || id.startsWith('local-'))
      problems.push(`${name}: "${id}" is not a template id from the mp console`);
  }

  const devSignInValue = value('LINLI_DEV_SIGNIN');
  if (devSignInValue && devSignInValue !== 'true' && devSignInValue !== 'false')
    problems.push(`LINLI_DEV_SIGNIN: must be true or false (got "${devSignInValue}")`);
  const devSignIn = devSignInValue ? devSignInValue === 'true' : stage === 'local' && platform === 'h5';
  if (production && devSignIn) problems.push('LINLI_DEV_SIGNIN: a production weapp build never offers demo personas');

  if (problems.length) throw new BuildSettingsError(stage, platform, problems);
  return { stage, platform, apiBase, appid, templateIds, devSignIn };
}

/** Why `url` cannot be a production mini-program's API origin, or undefined when it can. */
function wechatDomainProblem(url: string): string | undefined {
  if (!url.startsWith('https://')) return 'must start with https://';
  const authority = url.slice('https://'.length).split(/[/?#]/)[0] ?? '';
  if (authority.includes('@')) return 'must not carry a user name or password';
  if (/:\d*$/.test(authority) && !authority.endsWith(']')) return 'must not name a port';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  const host = parsed.hostname;
  if (host.startsWith('[') || IPV4.test(host)) return 'must be a domain name, not an IP address';
  if (host === 'localhost' || !host.includes('.')) return 'must be a public domain name';
  if (parsed.search || parsed.hash) return 'must not carry a query or a fragment';
  return undefined;
}

/** The one line a build prints about itself. */
export function describeBuild(settings: BuildSettings): string {
  const api = settings.apiBase || 'its own origin';
  const appid = settings.platform === 'weapp' ? `, appid ${settings.appid}` : '';
  if (settings.stage === 'local')
    return `[linli] local ${settings.platform} build (LINLI_STAGE=local): API ${api}${appid}, local template ids; set LINLI_STAGE=prod for a production build`;
  return `[linli] ${settings.stage} ${settings.platform} build: API ${api}${appid}`;
}
