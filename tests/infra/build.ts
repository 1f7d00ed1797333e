/** Building the stack the way `npm run synth` does, and reading what it made. */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import { readConfig } from '../../infra/lib/config.js';
import { LinliStack } from '../../infra/lib/linli-stack.js';

/** The feature flags of infra/cdk.json, so the tests build what `npm run synth` builds. */
export const cdkContext: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../infra/cdk.json', import.meta.url), 'utf8'),
).context;

export const WECHAT_APP_ID = 'wx0123456789abcdef';

/**
 * The stack for `context` (region cn-north-1 unless given). Bundling the ten
 * Lambdas takes half a minute: only tests that read the code assets ask for it.
 */
export function buildStack(
  context: Record<string, unknown>,
  opts: { bundle?: boolean; env?: NodeJS.ProcessEnv } = {},
): LinliStack {
  const app = new App({
    context: {
      ...cdkContext,
      region: 'cn-north-1',
      ...(opts.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...context,
    },
  });
  const config = readConfig(app.node, opts.env ?? {});
  return new LinliStack(app, `LinliStack-${config.stage}`, { config });
}

export function templateOf(context: Record<string, unknown>, opts: { env?: NodeJS.ProcessEnv } = {}): Template {
  return Template.fromStack(buildStack(context, opts));
}

/** Logical id of the function whose Powertools service is `linli-<name>`. */
export function functionId(template: Template, name: string): string {
  const found = template.findResources('AWS::Lambda::Function', {
    Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: `linli-${name}` } } },
  });
  expect(Object.keys(found)).toHaveLength(1);
  return Object.keys(found)[0] as string;
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every statement of the inline policies on the role of function `id`. */
export function statementsOf(template: Template, id: string): Statement[] {
  const fn = template.findResources('AWS::Lambda::Function')[id];
  const role = fn?.Properties.Role['Fn::GetAtt'][0];
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } });
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export function actions(statement: Statement): string[] {
  return ([] as string[]).concat(statement.Action);
}

/** Every IAM action granted to the role of function `id`. */
export function actionsOf(template: Template, id: string): string[] {
  return statementsOf(template, id).flatMap(actions);
}

/** The statements that grant `action` to the role of function `id`. */
export function grantsOf(template: Template, id: string, action: string): Statement[] {
  return statementsOf(template, id).filter((statement) => actions(statement).includes(action));
}
