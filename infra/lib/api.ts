import { CONTEXTS, type Context, type RouteEntry, routeList } from '@linli/functions/routes';
import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  type CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { CloudStage, LinliConfig } from './config.js';
import { handlerFunction, LOG_RETENTION } from './lambda.js';
import { grantNeeds } from './permissions.js';
import type { Secrets } from './secrets.js';
import type { Storage } from './storage.js';

export interface ApiProps {
  readonly stage: CloudStage;
  readonly allowedOrigins: readonly string[];
  readonly environment: Record<string, string>;
  readonly storage: Storage;
  readonly secrets: Secrets;
  readonly domain?: LinliConfig['apiDomain'];
  /** Reserved concurrency of the points Lambda; undefined reserves none. */
  readonly pointsReservedConcurrency?: number;
}

interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** The whole stage: every route not named below shares it. */
export const STAGE_THROTTLE: Record<CloudStage, Throttle> = {
  dev: { rateLimit: 20, burstLimit: 50 },
  prod: { rateLimit: 500, burstLimit: 1000 },
};

/**
 * Routes with limits of their own, so one busy path cannot take the district's
 * whole budget: points (exchange day crowds a few routes, and every write is a
 * transaction on a few hot items) and Open311 (third-party clients, public).
 */
export const ROUTE_THROTTLES: Record<CloudStage, Record<'pointsRead' | 'pointsWrite' | 'open311', Throttle>> = {
  dev: {
    pointsRead: { rateLimit: 10, burstLimit: 20 },
    pointsWrite: { rateLimit: 5, burstLimit: 10 },
    open311: { rateLimit: 2, burstLimit: 5 },
  },
  prod: {
    pointsRead: { rateLimit: 200, burstLimit: 400 },
    pointsWrite: { rateLimit: 100, burstLimit: 200 },
    open311: { rateLimit: 20, burstLimit: 40 },
  },
};

/** The throttle of a route of its own, if it has one. */
export function routeThrottle(stage: CloudStage, route: RouteEntry): Throttle | undefined {
  const limits = ROUTE_THROTTLES[stage];
  if (route.spec.context === 'open311') return limits.open311;
  if (route.spec.context === 'points') return route.method === 'GET' ? limits.pointsRead : limits.pointsWrite;
  return undefined;
}

/**
 * One JSON line per request, without personal data: no source IP, no user
 * agent, no path (its ids) and no query string; the route key is the template.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
  responseLength: '$context.responseLength',
} as const;

/** The HTTP API: one Lambda per bounded context, one route per entry of functions/src/routes.ts. */
export class Api extends Construct {
  readonly functions: Record<Context, NodejsFunction>;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** The URL clients call: the custom domain's when there is one. */
  readonly url: string;
  /** Where the custom domain's DNS record (CNAME) points. */
  readonly domainTarget?: string;

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
          reservedConcurrentExecutions: context === 'points' ? props.pointsReservedConcurrency : undefined,
        });
        grantNeeds(fn, context, stage, { table: storage.table, photos: storage.photos, secrets });
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
    this.httpApi = httpApi;

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: LOG_RETENTION });
    const domainName = props.domain
      ? new DomainName(this, 'DomainName', {
          domainName: props.domain.domainName,
          certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
        })
      : undefined;
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi,
      autoDeploy: true,
      throttle: STAGE_THROTTLE[stage],
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
      domainMapping: domainName ? { domainName } : undefined,
    });
    this.url = domainName ? `https://${props.domain?.domainName}/` : this.stage.url;
    this.domainTarget = domainName?.regionalDomainName;

    // One integration per context; a single invoke permission per function keeps its policy small as routes grow.
    const integrations = Object.fromEntries(
      CONTEXTS.map((context) => [
        context,
        new HttpLambdaIntegration(`${context}-integration`, this.functions[context], { scopePermissionToRoute: false }),
      ]),
    ) as Record<Context, HttpLambdaIntegration>;
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    const routeSettings: Record<string, CfnStage.RouteSettingsProperty> = {};
    for (const route of routes) {
      const method = HttpMethod[route.method as keyof typeof HttpMethod];
      if (!method) throw new Error(`${route.key}: unknown HTTP method`);
      const [added] = httpApi.addRoutes({
        path: route.path,
        methods: [method],
        integration: integrations[route.spec.context],
      });
      const throttle = routeThrottle(stage, route);
      if (throttle && added) {
        routeSettings[route.key] = {
          throttlingRateLimit: throttle.rateLimit,
          throttlingBurstLimit: throttle.burstLimit,
        };
        // A stage's route settings may name only routes that exist already.
        this.stage.node.addDependency(added);
      }
    }
    // HttpStage sets only the default route settings; per-route limits go on the CloudFormation stage.
    cfnStage.routeSettings = routeSettings;
  }
}
