import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretSource } from '../config.js';
import { traced } from '../tracer.js';

let client: SecretsManagerClient | undefined;
const cache = new Map<string, Promise<string>>();
/** Fresh reads in flight, so many callers that all saw a reset secret share one read. */
const freshReads = new Map<string, Promise<string>>();

/**
 * Resolves a secret once per cold start; the value never reaches a log or an env var.
 * `fresh` reads it again past the cache (and caches the new value): the secret was
 * rotated or reset (WeChat's 40125), and a redeploy must not be needed to pick it up.
 */
export function readSecret(source: SecretSource, opts: { fresh?: boolean } = {}): Promise<string> {
  if (source.value) return Promise.resolve(source.value);
  const arn = source.arn as string;
  if (opts.fresh) {
    let fresh = freshReads.get(arn);
    if (!fresh) {
      fresh = fetchSecret(arn).finally(() => freshReads.delete(arn));
      freshReads.set(arn, fresh);
      remember(arn, fresh);
    }
    return fresh;
  }
  let pending = cache.get(arn);
  if (!pending) {
    pending = fetchSecret(arn);
    remember(arn, pending);
  }
  return pending;
}

function fetchSecret(arn: string): Promise<string> {
  client ??= traced(new SecretsManagerClient({}));
  return client.send(new GetSecretValueCommand({ SecretId: arn })).then((out) => {
    if (!out.SecretString) throw new Error(`Secret ${arn} has no value yet`);
    return out.SecretString;
  });
}

/** Caches a read; a failed read is forgotten so the next call tries again. */
function remember(arn: string, pending: Promise<string>): void {
  cache.set(arn, pending);
  pending.catch(() => {
    if (cache.get(arn) === pending) cache.delete(arn);
  });
}
