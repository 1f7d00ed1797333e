/**
 * Codes as the server stored them, for tests that need time to pass: a
 * member code's minute, a pickup code's window or a credit request's two
 * minutes are moved into the past in DynamoDB Local (never any other endpoint).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { luhnCheckDigit } from '@linli/shared/rules';
import { inject } from 'vitest';
import { assertLocalEndpoint } from '../../infra/local/dynamodb-local.js';

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

export const memberCodeKey = (code: string) => ({ pk: `MEMBERCODE#${code}`, sk: 'CODE' });
export const pickupCodeKey = (code: string) => ({ pk: `PICKUPCODE#${code}`, sk: 'CODE' });
export const creditRequestKey = (communityId: string, requestId: string) => ({
  pk: `COMM#${communityId}#CREDITREQ#${requestId}`,
  sk: 'REQUEST',
});

/** Makes the stored item's time run out `secondsAgo` seconds ago. */
export async function expireStored(key: { pk: string; sk: string }, secondsAgo = 5): Promise<void> {
  await table().send(
    new UpdateCommand({
      TableName: inject('tableName'),
      Key: key,
      UpdateExpression: 'SET validUntil = :past',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':past': new Date(Date.now() - secondsAgo * 1000).toISOString() },
    }),
  );
}

export async function storedItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  return (await table().send(new GetCommand({ TableName: inject('tableName'), Key: key, ConsistentRead: true }))).Item;
}

/** `code` with one digit changed (the check digit then no longer fits). */
export function mistype(code: string, at = 5): string {
  const digit = Number(code[at]);
  return `${code.slice(0, at)}${(digit + 1) % 10}${code.slice(at + 1)}`;
}

/** A well-formed code of the kind's prefix that the server never issued (14 random digits, a valid check digit). */
export function neverIssued(prefix: string): string {
  let body = prefix;
  while (body.length < 15) body += String(Math.floor(Math.random() * 10));
  return body + luhnCheckDigit(body);
}
