/**
 * The table's one page (TABLE.md), generated from the entity declarations:
 * every declared kind, its keys, its indexes and the access patterns that
 * use them. `npx tsx functions/src/data/table-page.ts` rewrites the page;
 * tests/unit/table-page.test.ts fails when the committed page differs.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENTITIES } from './entities.js';
import type { AccessPattern, AnyEntity, IndexKeys } from './entity.js';
import { keyAttributes, tableDefinition } from './table-definition.js';

export const TABLE_PAGE_PATH = fileURLToPath(new URL('./TABLE.md', import.meta.url));

/** The attribute names of a schema (through a preprocessing step, if any). */
function attributesOf(schema: unknown): string[] {
  const s = schema as { shape?: Record<string, unknown>; in?: unknown; out?: unknown };
  if (s.shape) return Object.keys(s.shape);
  return s.out ? attributesOf(s.out) : [];
}

const code = (text: string) => `\`${text}\``;

export function tablePage(entities: readonly AnyEntity[] = ENTITIES): string {
  const lines: string[] = [
    '# The table',
    '',
    '<!-- Generated from the entity declarations by `npx tsx functions/src/data/table-page.ts`; do not edit. -->',
    '',
    `One DynamoDB table: partition key ${code(tableDefinition.partitionKey)}, sort key ${code(tableDefinition.sortKey)}, ` +
      `TTL attribute ${code(tableDefinition.ttlAttribute)} (reads filter on expiry themselves). ` +
      'Every item carries a `kind`, except those of an untagged kind (its key tells it apart). ' +
      '`{name}` in a key is an attribute of the item (or of its parent).',
    '',
    '## Indexes',
    '',
    '| index | keys | for | access patterns |',
    '|---|---|---|---|',
  ];
  for (const index of tableDefinition.globalIndexes) {
    const users = entities.flatMap((e) =>
      Object.entries((e.declaration.patterns ?? {}) as Record<string, AccessPattern>)
        .filter(([, p]) => p.index === index.name)
        .map(([name]) => `${e.kind}.${name}`),
    );
    lines.push(
      `| ${index.name} | ${code(index.partitionKey)} / ${code(index.sortKey)} | ${index.doc} | ${users.join(', ') || '—'} |`,
    );
  }
  lines.push('', '## Item kinds', '');
  for (const e of entities) {
    const d = e.declaration;
    const untagged = d.tagged === false ? ' Untagged: its items carry no `kind` tag.' : '';
    lines.push(`### ${d.kind}`, '', d.doc + untagged, '', '| key | partition | sort |', '|---|---|---|');
    lines.push(`| table | ${code(d.key.pk)} | ${code(d.key.sk)} |`);
    for (const [name, declared] of Object.entries((d.indexes ?? {}) as Record<string, IndexKeys<unknown>>))
      for (const index of [declared].flat())
        lines.push(`| ${name}${index.when ? ' (sparse)' : ''} | ${code(index.pk)} | ${code(index.sk)} |`);
    const attributes = attributesOf(d.schema);
    lines.push(
      '',
      attributes.length ? `Attributes: ${attributes.map(code).join(', ')}.` : 'No attributes: its key is all it holds.',
      '',
    );
    const patterns = Object.entries((d.patterns ?? {}) as Record<string, AccessPattern>);
    if (patterns.length) {
      lines.push('| access pattern | reads | sort key | for |', '|---|---|---|---|');
      for (const [name, p] of patterns) {
        const { partitionKey } = keyAttributes(p.index);
        const order = p.descending ? 'newest first' : 'oldest first';
        lines.push(
          `| ${name} | ${p.index} ${code(`${partitionKey} = ${p.pk}`)} | ${p.skPrefix ? `${code(`begins_with ${p.skPrefix}`)}, ` : ''}${order} | ${p.doc} |`,
        );
      }
      lines.push('');
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(TABLE_PAGE_PATH, tablePage());
  console.log(`Wrote ${TABLE_PAGE_PATH}`);
}
