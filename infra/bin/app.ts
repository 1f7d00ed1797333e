#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { readConfig } from '../lib/config.js';
import { LinliStack } from '../lib/linli-stack.js';

// npm run synth -- -c stage=prod -c region=cn-north-1 -c wechatAppId=wx… -c allowedOrigins=https://h5.example.cn
// The region (-c region=… or CDK_DEFAULT_REGION) is required; the account (-c account=… or CDK_DEFAULT_ACCOUNT) is not.
const app = new App();
const config = readConfig(app.node);
new LinliStack(app, `LinliStack-${config.stage}`, {
  config,
  env: { account: config.account, region: config.region },
});
