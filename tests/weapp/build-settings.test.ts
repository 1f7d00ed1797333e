/**
 * The build-time settings (miniprogram/config/build-settings.ts): a local build
 * works offline with the local stack's defaults; a production weapp build
 * refuses to start unless the API, the AppID and every template id are right,
 * and names each setting that is not.
 */
import { SUBSCRIPTION_TEMPLATES } from '@linli/shared';
import { describe, expect, it } from 'vitest';
import {
  BuildSettingsError,
  describeBuild,
  LOCAL_TEMPLATE_IDS,
  readBuildSettings,
  TEMPLATE_SETTINGS,
} from '../../miniprogram/config/build-settings';

const PRODUCTION = {
  LINLI_STAGE: 'prod',
  LINLI_API_BASE: 'https://api.linli.example.cn',
  LINLI_APPID: 'wx0123456789abcdef',
  LINLI_TEMPLATE_FEEDBACK_ACCEPTED: 'Yq2e3t4-AcceptedTemplateId0000000000000000',
  LINLI_TEMPLATE_FEEDBACK_RESOLVED: 'Yq2e3t4-ResolvedTemplateId0000000000000000',
  LINLI_TEMPLATE_FEEDBACK_REPLY: 'Yq2e3t4-ReplyTemplateId000000000000000000',
  LINLI_TEMPLATE_FEEDBACK_TASK: 'Yq2e3t4-TaskTemplateId0000000000000000000',
  LINLI_TEMPLATE_PICKUP_REMINDER: 'Yq2e3t4-PickupTemplateId00000000000000000',
};

/** The problems a build with `env` is refused for (none when it builds). */
function problemsOf(env: Record<string, string | undefined>, platform = 'weapp'): string[] {
  try {
    readBuildSettings(env, platform);
    return [];
  } catch (error) {
    if (!(error instanceof BuildSettingsError)) throw error;
    return error.problems;
  }
}

describe('a local build (the default)', () => {
  it('uses the local API and the template ids the local stack knows, and says so in one line', () => {
    // Act
    const settings = readBuildSettings({}, 'weapp');

    // Assess
    expect(settings.stage).toBe('local');
    expect(settings.apiBase).toBe('http://127.0.0.1:3000');
    expect(settings.appid).toBe('touristappid');
    expect(settings.templateIds).toEqual({
      feedback_accepted: 'local-feedback-accepted',
      feedback_resolved: 'local-feedback-resolved',
      feedback_reply: 'local-feedback-reply',
      feedback_task: 'local-feedback-task',
      pickup_reminder: 'local-pickup-reminder',
    });
    expect(settings.devSignIn).toBe(false);
    const line = describeBuild(settings);
    expect(line).toContain('local weapp build');
    expect(line).toContain('http://127.0.0.1:3000');
    expect(line).not.toContain('\n');
  });

  it('has one setting and one local id for every subscription template of the shared schemas', () => {
    // Assess
    expect(Object.keys(TEMPLATE_SETTINGS).sort()).toEqual([...SUBSCRIPTION_TEMPLATES].sort());
    expect(Object.keys(LOCAL_TEMPLATE_IDS).sort()).toEqual([...SUBSCRIPTION_TEMPLATES].sort());
  });

  it('takes a LAN address for a phone on the same network, and H5 always calls its own origin', () => {
    // Act
    const lan = readBuildSettings({ LINLI_API_BASE: 'http://192.168.1.20:3000/' }, 'weapp');
    const h5 = readBuildSettings({ LINLI_API_BASE: 'http://192.168.1.20:3000' }, 'h5');

    // Assess
    expect(lan.apiBase).toBe('http://192.168.1.20:3000');
    expect(h5.apiBase).toBe('');
    expect(h5.devSignIn).toBe(true);
  });
});

describe('a production weapp build', () => {
  it('builds with an https domain, a wx AppID and every template id', () => {
    // Act
    const settings = readBuildSettings(PRODUCTION, 'weapp');

    // Assess
    expect(settings).toMatchObject({
      stage: 'prod',
      apiBase: 'https://api.linli.example.cn',
      appid: 'wx0123456789abcdef',
      devSignIn: false,
    });
    expect(settings.templateIds.feedback_task).toBe(PRODUCTION.LINLI_TEMPLATE_FEEDBACK_TASK);
    expect(problemsOf({ ...PRODUCTION, LINLI_STAGE: 'dev' })).toEqual([]);
  });

  it('refuses to build with nothing set, naming every missing setting', () => {
    // Act
    const problems = problemsOf({ LINLI_STAGE: 'prod' });

    // Assess
    const named = problems.map((p) => p.split(':')[0]);
    expect(named).toEqual(['LINLI_API_BASE', 'LINLI_APPID', ...Object.values(TEMPLATE_SETTINGS)]);
    expect(() => readBuildSettings({ LINLI_STAGE: 'prod' }, 'weapp')).toThrow(/LINLI_TEMPLATE_PICKUP_REMINDER/);
  });

  it.each([
    ['http://api.linli.example.cn', 'https://'],
    ['https://api.linli.example.cn:8443', 'port'],
    ['https://api.linli.example.cn:443/', 'port'],
    ['https://203.0.113.7', 'IP address'],
    ['https://[2001:db8::1]', 'IP address'],
    ['https://localhost', 'domain'],
    ['https://user:secret@api.linli.example.cn', 'password'],
    ['https://api.linli.example.cn/?stage=prod', 'query'],
  ])('refuses the API base %s (%s)', (base, reason) => {
    // Act
    const problems = problemsOf({ ...PRODUCTION, LINLI_API_BASE: base });

    // Assess
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^LINLI_API_BASE: /);
    expect(problems[0]).toContain(reason);
  });

  it('refuses an AppID that is not wx and 16 hex digits, and the local stand-ins', () => {
    // Act and assess
    expect(problemsOf({ ...PRODUCTION, LINLI_APPID: 'touristappid' })[0]).toMatch(/^LINLI_APPID: /);
    expect(problemsOf({ ...PRODUCTION, LINLI_APPID: 'wx0123456789abcdeg' })[0]).toMatch(/^LINLI_APPID: /);
    expect(problemsOf({ ...PRODUCTION, LINLI_TEMPLATE_FEEDBACK_TASK: 'local-feedback-task' })).toEqual([
      expect.stringMatching(/^LINLI_TEMPLATE_FEEDBACK_TASK: /),
    ]);
    expect(problemsOf({ ...PRODUCTION, LINLI_TEMPLATE_FEEDBACK_REPLY: '   ' })).toEqual([
      expect.stringMatching(/^LINLI_TEMPLATE_FEEDBACK_REPLY: missing/),
    ]);
  });

  it('names several wrong settings at once, and never offers demo personas', () => {
    // Act
    const problems = problemsOf({
      ...PRODUCTION,
      LINLI_API_BASE: 'http://127.0.0.1:3000',
      LINLI_APPID: '',
      LINLI_TEMPLATE_PICKUP_REMINDER: undefined,
      LINLI_DEV_SIGNIN: 'true',
    });

    // Assess
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'LINLI_API_BASE',
      'LINLI_APPID',
      'LINLI_TEMPLATE_PICKUP_REMINDER',
      'LINLI_DEV_SIGNIN',
    ]);
  });

  it('refuses an unknown stage rather than guessing', () => {
    // Act and assess
    expect(problemsOf({ ...PRODUCTION, LINLI_STAGE: 'production' })[0]).toMatch(/^LINLI_STAGE: /);
  });

  it('leaves a production H5 build alone: it calls its own origin and has no WeChat client', () => {
    // Act
    const settings = readBuildSettings({ LINLI_STAGE: 'prod' }, 'h5');

    // Assess
    expect(settings.apiBase).toBe('');
    expect(settings.devSignIn).toBe(false);
  });
});
