#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { readConfig } from '../lib/config.js';
import { LinliStack } from '../lib/linli-stack.js';

// npm run synth -w infra -- -c stage=prod -c wechatAppId=wx… -c allowedOrigins=https://h5.example.cn
const app = new App();
const config = readConfig(app.node);
new LinliStack(app, `LinliStack-${config.stage}`, {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
