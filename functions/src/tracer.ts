/**
 * X-Ray traces through Powertools Tracer. Lambda opens each invocation's
 * segment (the stack sets `Tracing.ACTIVE`); under it the route handler, each
 * sweep and each stream batch is a subsegment, annotated with what it was
 * (`route`, `sweep`), and every AWS SDK call and outgoing HTTPS request
 * (WeChat) is one of its own. Responses are never captured: they carry
 * residents' data. Outside Lambda (locally, in tests) Powertools turns itself
 * off, and all of this passes straight through.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';

export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'linli' });

/** An AWS SDK v3 client whose calls are subsegments (unchanged while tracing is off). */
export function traced<C>(client: C): C {
  return tracer.captureAWSv3Client(client);
}

type Annotations = Readonly<Record<string, string>>;

/** Runs `work` as a subsegment `name` of whatever is being traced now, with `annotations` on it. */
export async function inSubsegment<T>(name: string, work: () => Promise<T>, annotations: Annotations = {}): Promise<T> {
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  if (!parent) return work();
  const subsegment = parent.addNewSubsegment(name);
  tracer.setSegment(subsegment);
  for (const [key, value] of Object.entries(annotations)) tracer.putAnnotation(key, value);
  try {
    return await work();
  } catch (error) {
    subsegment.addError(error as Error);
    throw error;
  } finally {
    subsegment.close();
    tracer.setSegment(parent);
  }
}

/**
 * A handler outside the middy stack (the schedule's, the stream's) traced as
 * the route handlers are: one `## <name>` subsegment per invocation, with the
 * cold start and the service annotated.
 */
export function tracedInvocation<A extends unknown[], R>(
  name: string,
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return (...args) =>
    inSubsegment(`## ${name}`, () => {
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
      return handler(...args);
    });
}
