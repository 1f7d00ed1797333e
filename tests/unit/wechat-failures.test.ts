import { UpstreamError } from '@linli/shared';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import {
  nextShanghaiMidnight,
  upstreamLogFields,
  type WechatFailure,
  wechatFailureOf,
} from '../../functions/src/clients/wechat.js';
import { localEnv } from './local-env.js';

localEnv();
const { contextHandler, defineRoute, logger } = await import('../../functions/src/http/route-handler.js');
const { systemRoutes } = await import('../../functions/src/routes/system.js');

function upstream(cause: unknown): UpstreamError {
  const error = new UpstreamError('WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试');
  error.cause = cause;
  return error;
}

describe('A WeChat failure', () => {
  it('is read back from the error the client throws', () => {
    // Prepare
    const failure: WechatFailure = { api: 'subscribe_send', errcode: 43101, errmsg: 'user refuse to accept the msg' };

    // Act
    const read = wechatFailureOf(upstream(failure));

    // Assess
    expect(read).toEqual(failure);
  });

  it('is absent from other errors', () => {
    expect(wechatFailureOf(new Error('boom'))).toBeUndefined();
    expect(wechatFailureOf(upstream(new Error('socket hang up')))).toBeUndefined();
    expect(wechatFailureOf(upstream(undefined))).toBeUndefined();
    expect(wechatFailureOf('string')).toBeUndefined();
  });

  it('logs as fields, and another cause as its name and message', () => {
    expect(upstreamLogFields(upstream({ api: 'stable_token', errcode: 40125, errmsg: 'invalid appsecret' }))).toEqual({
      code: 'WECHAT_UNAVAILABLE',
      api: 'stable_token',
      errcode: 40125,
      errmsg: 'invalid appsecret',
    });
    const s3 = new Error('The specified key does not exist.');
    s3.name = 'NoSuchKey';
    expect(upstreamLogFields(upstream(s3))).toEqual({
      code: 'WECHAT_UNAVAILABLE',
      causeName: 'NoSuchKey',
      causeMessage: 'The specified key does not exist.',
    });
    expect(upstreamLogFields(upstream(undefined))).toEqual({ code: 'WECHAT_UNAVAILABLE' });
  });
});

describe('The daily quota', () => {
  it('starts again at the next midnight in Shanghai', () => {
    // 2026-05-01 23:30 in Shanghai is 15:30 UTC; midnight there is 16:00 UTC
    expect(new Date(nextShanghaiMidnight(Date.parse('2026-05-01T15:30:00Z'))).toISOString()).toBe(
      '2026-05-01T16:00:00.000Z',
    );
    // 2026-05-02 00:30 in Shanghai (16:30 UTC the day before) waits a whole day
    expect(new Date(nextShanghaiMidnight(Date.parse('2026-05-01T16:30:00Z'))).toISOString()).toBe(
      '2026-05-02T16:00:00.000Z',
    );
    // Exactly midnight counts as the new day
    expect(new Date(nextShanghaiMidnight(Date.parse('2026-05-01T16:00:00Z'))).toISOString()).toBe(
      '2026-05-02T16:00:00.000Z',
    );
  });
});

describe('The HTTP stack logging an upstream failure', () => {
  function event(routeKey: string): APIGatewayProxyEventV2 {
    const [method, path] = routeKey.split(' ') as [string, string];
    return {
      version: '2.0',
      routeKey,
      rawPath: path,
      rawQueryString: '',
      headers: {},
      isBase64Encoded: false,
      requestContext: { requestId: 'req-1', http: { method, path } } as APIGatewayProxyEventV2['requestContext'],
    };
  }
  const context = { awsRequestId: 'req-1', functionName: 'unit', getRemainingTimeInMillis: () => 1000 } as never;

  it('logs the WeChat failure’s fields, not "[object Object]"', async () => {
    // Prepare
    const warned = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const route = defineRoute('GET /v1/health', async () => {
      throw upstream({ api: 'msg_sec_check', errcode: 45011, errmsg: 'api minute-quota reach limit' });
    });

    // Act
    const res = await contextHandler(systemRoutes, [route], 'local')(event('GET /v1/health'), context);

    // Assess
    expect(res.statusCode).toBe(502);
    expect(warned).toHaveBeenCalledWith('Upstream failure', {
      code: 'WECHAT_UNAVAILABLE',
      api: 'msg_sec_check',
      errcode: 45011,
      errmsg: 'api minute-quota reach limit',
    });
    expect(JSON.stringify(warned.mock.calls)).not.toContain('[object Object]');
    warned.mockRestore();
  });
});
