import { describe, expect, it } from 'vitest';
import { COMMANDS_HEADER_MAX, describeCommands } from '../../functions/src/data/round-trips.js';

describe('the x-linli-dynamodb-commands header', () => {
  it('names the calls in order and folds repeats', () => {
    expect(describeCommands([])).toBe('');
    expect(describeCommands(['GetItem', 'BatchGetItem', 'TransactWriteItems'])).toBe(
      'GetItem,BatchGetItem,TransactWriteItems',
    );
    expect(describeCommands(['Query', 'BatchWriteItem', 'BatchWriteItem', 'BatchWriteItem', 'Query'])).toBe(
      'Query,BatchWriteItem*3,Query',
    );
  });

  it('stays short and says how many calls it left out, however many there were', () => {
    // A sweep's alternating calls fold nowhere: 4,000 of them.
    const calls = Array.from({ length: 4000 }, (_, i) => (i % 2 ? 'TransactWriteItems' : 'Query'));
    const header = describeCommands(calls);
    expect(header.length).toBeLessThanOrEqual(COMMANDS_HEADER_MAX);
    const [shown, cut] = header.split(',...+');
    const listed = (shown ?? '').split(',').length;
    expect(Number(cut)).toBe(4000 - listed);
    expect(shown?.startsWith('Query,TransactWriteItems,Query')).toBe(true);
    expect(describeCommands(calls, 40)).toBe('Query,...+3999');
    expect(describeCommands(calls, 60)).toBe('Query,TransactWriteItems,Query,...+3997');
    expect(header).toMatch(/^[\x20-\x7e]+$/);
  });
});
