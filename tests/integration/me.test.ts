import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { assertLocalEndpoint } from '../../infra/local/dynamodb-local.js';
import { call, newKey, signIn, signInNewWechatUser } from '../support/api.js';
import { earn } from '../support/points.js';
import { newResident } from '../support/residents.js';

function table() {
  const endpoint = inject('dynamoEndpoint');
  assertLocalEndpoint(endpoint);
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local-secret' },
    }),
  );
}

describe('the profile of the signed-in person', () => {
  it('shows a resident their community, roles and approved home', async () => {
    const res = await call('GET', '/v1/me', { token: await signIn('resident-wang') });
    expect(res.status).toBe(200);
    expect(res.body.user.nickname).toBe('王秀英');
    expect(res.body.memberships).toHaveLength(1);
    expect(res.body.memberships[0]).toMatchObject({
      communityId: 'chunhui',
      communityName: '春晖社区',
      roles: ['resident'],
    });
    expect(res.body.memberships[0].household.address).toBe('春晖苑 3幢 2单元 502室');
  });

  it('shows a grid worker the grids they answer for', async () => {
    const res = await call('GET', '/v1/me', { token: await signIn('grid-zhang') });
    expect(res.body.memberships[0]).toMatchObject({ roles: ['grid_worker'], gridIds: ['chunhui-g1', 'chunhui-g2'] });
  });
});

describe('PIPL export and erasure', () => {
  it('exports and erases a resident’s points account with its ledger', async () => {
    const resident = await newResident();
    await earn(resident.token, 3_000);
    const exported = await call('GET', '/v1/me/export', { token: resident.token });
    expect(exported.body.points).toEqual([
      expect.objectContaining({
        communityId: 'chunhui',
        balance: 30,
        ledger: [expect.objectContaining({ type: 'earn_recycling', points: 30 })],
      }),
    ]);
    expect((await call('DELETE', '/v1/me', { token: resident.token })).status).toBe(204);
    const left = await table().send(
      new QueryCommand({
        TableName: inject('tableName'),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `COMM#chunhui#PTS#${resident.userId}` },
      }),
    );
    expect(left.Items).toEqual([]);
  });

  it('exports everything held about the caller', async () => {
    const res = await call('GET', '/v1/me/export', { token: await signIn('resident-li') });
    expect(res.status).toBe(200);
    expect(res.body.notice).toContain('个人信息保护法');
    expect(res.body.user.userId).toBe('demo-resident-li');
    expect(res.body.households[0].address).toContain('翠竹园');
  });

  it('deletes the person, their home requests and idempotency records, and the old token stops working', async () => {
    // Prepare: a new person with a pending home request
    const { token, userId } = await signInNewWechatUser();
    const asked = await call('POST', '/v1/communities/chunhui/households', {
      token,
      idempotencyKey: newKey(),
      body: { estateId: 'chunhui-yuan', buildingId: 'chy-b1', unit: 1, room: '101', relation: 'tenant' },
    });
    expect(asked.status).toBe(201);
    // Act
    const deleted = await call('DELETE', '/v1/me', { token });
    // Assess
    expect(deleted.status).toBe(204);
    const after = await call('GET', '/v1/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('USER_GONE');
    const doc = table();
    const partition = await doc.send(
      new QueryCommand({
        TableName: inject('tableName'),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `USER#${userId}` },
      }),
    );
    expect(partition.Items).toEqual([]);
    const home = await doc.send(
      new QueryCommand({
        TableName: inject('tableName'),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `HOUSEHOLD#${asked.body.householdId}` },
      }),
    );
    expect(home.Items).toEqual([]);
    const queue = await call('GET', '/v1/communities/chunhui/households?status=pending&limit=100', {
      token: await signIn('admin-chunhui'),
    });
    expect(queue.body.items.map((h: { userId: string }) => h.userId)).not.toContain(userId);
  });
});
