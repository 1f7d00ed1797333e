/**
 * Open311 service discovery: where the GeoReport v2 endpoint is and what it
 * speaks. One document for the whole deployment (every community is a
 * jurisdiction of the same endpoint).
 */

export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';

/** When this endpoint's behaviour last changed (the specification's changeset): bump it with the API. */
export const OPEN311_CHANGESET = '2026-12-03T00:00:00Z';

export function open311Discovery(baseUrl: string, stage: 'local' | 'dev' | 'prod') {
  return {
    changeset: OPEN311_CHANGESET,
    contact: '请联系所在社区的社区管理员（邻里 工作台）',
    key_service:
      'api_key 由社区管理员在邻里中签发（每个社区一个 jurisdiction_id）。' +
      '提交即时受理：POST requests 直接返回 service_request_id，从不返回 token，因此没有 tokens 接口。',
    endpoints: [
      {
        specification: GEOREPORT_V2,
        url: `${baseUrl}/open311/v2`,
        changeset: OPEN311_CHANGESET,
        type: stage === 'prod' ? ('production' as const) : ('test' as const),
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
