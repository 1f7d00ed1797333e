import { CONTEXTS, type Context, routeList } from '@linli/functions/routes';
import { Duration } from 'aws-cdk-lib';
import { type CorsHttpMethod, HttpApi, HttpMethod, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import type { CloudStage } from './config.js';
import { handlerFunction } from './lambda.js';
import type { Secrets } from './secrets.js';
import type { Storage } from './storage.js';

export interface ApiProps {
  readonly stage: CloudStage;
  readonly allowedOrigins: readonly string[];
  readonly environment: Record<string, string>;
  readonly storage: Storage;
  readonly secrets: Secrets;
}

const THROTTLE: Record<CloudStage, { rateLimit: number; burstLimit: number }> = {
  dev: { rateLimit: 20, burstLimit: 50 },
  prod: { rateLimit: 500, burstLimit: 1000 },
};

/** The HTTP API: one Lambda per bounded context, one route per entry of functions/src/routes.ts. */
export class Api extends Construct {
  readonly functions: Record<Context, NodejsFunction>;
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { stage, allowedOrigins, environment, storage, secrets } = props;
    const routes = routeList(stage);

    this.functions = Object.fromEntries(
      CONTEXTS.map((context) => {
        const fn = handlerFunction(this, `${context[0]?.toUpperCase()}${context.slice(1)}Function`, {
          handler: context,
          timeout: Duration.seconds(10),
          environment,
        });
        storage.table.grantReadWriteData(fn);
        storage.photos.grantRead(fn);
        storage.photos.grantPut(fn);
        secrets.grantRead(fn);
        return [context, fn];
      }),
    ) as Record<Context, NodejsFunction>;

    const httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `linli-${stage}`,
      createDefaultStage: false,
      corsPreflight: allowedOrigins.length
        ? {
            allowOrigins: [...allowedOrigins],
            allowMethods: [...new Set(routes.map((route) => route.method as CorsHttpMethod))],
            allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
            maxAge: Duration.days(1),
          }
        : undefined,
    });
    const defaultStage = new HttpStage(this, 'DefaultStage', { httpApi, autoDeploy: true, throttle: THROTTLE[stage] });
    this.url = defaultStage.url;

    // One integration per context; a single invoke permission per function keeps its policy small as routes grow.
    const integrations = Object.fromEntries(
      CONTEXTS.map((context) => [
        context,
        new HttpLambdaIntegration(`${context}-integration`, this.functions[context], { scopePermissionToRoute: false }),
      ]),
    ) as Record<Context, HttpLambdaIntegration>;
    for (const route of routes) {
      const method = HttpMethod[route.method as keyof typeof HttpMethod];
      if (!method) throw new Error(`${route.key}: unknown HTTP method`);
      httpApi.addRoutes({ path: route.path, methods: [method], integration: integrations[route.spec.context] });
    }
  }
}
