import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretSource } from '../config.js';

let client: SecretsManagerClient | undefined;
const cache = new Map<string, Promise<string>>();

/** Resolves a secret once per cold start; the value never reaches a log or an env var. */
export function readSecret(source: SecretSource): Promise<string> {
  if (source.value) return Promise.resolve(source.value);
  const arn = source.arn as string;
  let pending = cache.get(arn);
  if (!pending) {
    client ??= new SecretsManagerClient({});
    pending = client.send(new GetSecretValueCommand({ SecretId: arn })).then((out) => {
      if (!out.SecretString) throw new Error(`Secret ${arn} has no value yet`);
      return out.SecretString;
    });
    pending.catch(() => cache.delete(arn));
    cache.set(arn, pending);
  }
  return pending;
}
