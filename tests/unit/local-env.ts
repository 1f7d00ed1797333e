/** Configuration for importing handlers in unit tests; no network is touched. */
export function localEnv(stage = 'local') {
  Object.assign(process.env, {
    STAGE: stage,
    TABLE_NAME: 'unit-test',
    AWS_REGION: 'cn-north-1',
    AWS_ACCESS_KEY_ID: 'unit',
    AWS_SECRET_ACCESS_KEY: 'unit',
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
    PHOTO_BUCKET: 'unit-photos',
    S3_ENDPOINT: 'http://127.0.0.1:9',
    WECHAT_APP_ID: 'wxunit',
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    WECHAT_APP_SECRET: 'unit-secret',
    WECHAT_TEMPLATE_FEEDBACK_ACCEPTED: 'unit-accepted',
    WECHAT_TEMPLATE_FEEDBACK_RESOLVED: 'unit-resolved',
    WECHAT_TEMPLATE_FEEDBACK_REPLY: 'unit-reply',
    WECHAT_TEMPLATE_FEEDBACK_TASK: 'unit-task',
    WECHAT_TEMPLATE_PICKUP_REMINDER: 'unit-pickup',
    WECHAT_PUSH_SECRET: JSON.stringify({ token: 'unittoken', encodingAesKey: 'a'.repeat(43) }),
    SESSION_KEY: 'unit-session-key-unit-session-key',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
}
