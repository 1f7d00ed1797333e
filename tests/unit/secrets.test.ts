import { beforeEach, describe, expect, it, vi } from 'vitest';

/** What Secrets Manager holds, and how often it was asked. */
const store = vi.hoisted(() => ({ value: 'secret-1', reads: 0 }));

vi.mock('@aws-sdk/client-secrets-manager', () => ({
  GetSecretValueCommand: class {
    constructor(readonly input: unknown) {}
  },
  SecretsManagerClient: class {
    async send() {
      store.reads++;
      return { SecretString: store.value };
    }
  },
}));

const { readSecret } = await import('../../functions/src/clients/secrets.js');

describe('Reading a secret', () => {
  beforeEach(() => {
    store.reads = 0;
  });

  it('asks Secrets Manager once and then answers from the cache', async () => {
    // Prepare
    const source = { arn: 'arn:aws-cn:secretsmanager:cn-north-1:1:secret:cached' };
    store.value = 'secret-1';

    // Act
    const first = await readSecret(source);
    store.value = 'secret-2';
    const second = await readSecret(source);

    // Assess
    expect([first, second]).toEqual(['secret-1', 'secret-1']);
    expect(store.reads).toBe(1);
  });

  it('reads past the cache when asked for a fresh value, and caches that', async () => {
    // Prepare
    const source = { arn: 'arn:aws-cn:secretsmanager:cn-north-1:1:secret:reset' };
    store.value = 'old';
    await readSecret(source);
    store.value = 'new';

    // Act
    const fresh = await readSecret(source, { fresh: true });
    const later = await readSecret(source);

    // Assess
    expect(fresh).toBe('new');
    expect(later).toBe('new');
    expect(store.reads).toBe(2);
  });

  it('shares one fresh read among callers asking at once', async () => {
    const source = { arn: 'arn:aws-cn:secretsmanager:cn-north-1:1:secret:shared' };
    store.value = 'v';
    const values = await Promise.all(Array.from({ length: 5 }, () => readSecret(source, { fresh: true })));
    expect(values).toEqual(['v', 'v', 'v', 'v', 'v']);
    expect(store.reads).toBe(1);
  });

  it('returns a value given directly (the local stage) without asking anyone', async () => {
    expect(await readSecret({ value: 'local' }, { fresh: true })).toBe('local');
    expect(store.reads).toBe(0);
  });
});
