/**
 * PIPL erasure past DynamoDB's 1 MB page: everything in the person's
 * partition goes, their photos leave the photo store, and the reports they
 * filed stay in the community's figures without them.
 */
import { randomBytes } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { createPhotoStore } from '../../functions/src/clients/photo-store.js';
import { createTable } from '../../functions/src/data/client.js';
import { queryAll } from '../../functions/src/data/query.js';
import { call, newKey, signIn } from '../support/api.js';
import { uploadPhoto } from '../support/photos.js';
import { newResident } from '../support/residents.js';

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local-secret';

describe('deleting one’s account', () => {
  it('removes every item past 1 MB, the photos, and the person from their reports', async () => {
    // Prepare: a resident with two reports with photos and 1.3 MB of messages in their partition
    const table = createTable({
      tableName: inject('tableName'),
      region: 'cn-north-1',
      endpoint: inject('dynamoEndpoint'),
    });
    const store = createPhotoStore({
      bucket: 'linli-photos',
      s3: new S3Client({ region: 'cn-north-1', endpoint: inject('photoStoreUrl'), forcePathStyle: true }),
    });
    const person = await newResident();
    const photo = await uploadPhoto(person.token, 'chunhui', 'feedback');
    const filed = await call('POST', '/v1/communities/chunhui/feedback', {
      token: person.token,
      idempotencyKey: newKey(),
      body: {
        category: 'noise',
        description: '楼上每天深夜装修，电钻声很大',
        photos: [photo],
        location: { estateId: 'chunhui-yuan', buildingId: 'chy-b1', unit: 1, detail: '' },
      },
    });
    expect(filed.status).toBe(201);
    const reportId = filed.body.reportId as string;
    const filler = 'x'.repeat(1000);
    for (let i = 0; i < 1300; i += 25) {
      await table.doc.send(
        new BatchWriteCommand({
          RequestItems: {
            [table.tableName]: Array.from({ length: 25 }, (_, j) => ({
              PutRequest: {
                Item: {
                  pk: `USER#${person.userId}`,
                  sk: `MSG#zz${String(i + j).padStart(5, '0')}${randomBytes(3).toString('hex')}`,
                  body: filler,
                },
              },
            })),
          },
        }),
      );
    }
    const partition = () =>
      queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `USER#${person.userId}` },
      });
    expect((await partition()).length).toBeGreaterThan(1300);
    expect(await store.exists(photo)).toBe(true);

    // Act
    const deleted = await call('DELETE', '/v1/me', { token: person.token });

    // Assess
    expect(deleted.status).toBe(204);
    expect(await partition()).toEqual([]);
    expect(await store.exists(photo)).toBe(false);
    const seen = await call('GET', `/v1/communities/chunhui/feedback/${reportId}`, {
      token: await signIn('admin-chunhui'),
    });
    expect(seen.status).toBe(200);
    expect(seen.body.report).toMatchObject({ reporterName: '已注销居民', photos: [], category: 'noise' });
    expect(JSON.stringify(seen.body)).not.toContain('电钻');
    expect(seen.body.events[0]).toMatchObject({ kind: 'submitted', actor: { name: '已注销居民' } });
    expect((await call('GET', '/v1/me', { token: person.token })).status).toBe(401);
  });
});
