import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../functions/src/data/entities.js';
import { TABLE_PAGE_PATH, tablePage } from '../../functions/src/data/table-page.js';

describe('the table page (functions/src/data/TABLE.md)', () => {
  it('is what the entity declarations generate (run `npx tsx functions/src/data/table-page.ts` after changing one)', () => {
    expect(readFileSync(TABLE_PAGE_PATH, 'utf8')).toBe(tablePage());
  });

  it('shows every declared kind with its keys and each access pattern with the index it reads', () => {
    const page = tablePage();
    for (const e of ENTITIES) {
      expect(page).toContain(`### ${e.kind}\n`);
      expect(page).toContain(`| table | \`${e.declaration.key.pk}\` | \`${e.declaration.key.sk}\` |`);
      for (const [name, pattern] of Object.entries(e.declaration.patterns ?? {}))
        expect(page).toContain(`| ${name} | ${(pattern as { index: string }).index} `);
    }
  });

  it('declares each kind once, and no two kinds share a key shape', () => {
    const kinds = ENTITIES.map((e) => e.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    const shapes = ENTITIES.map((e) => `${e.declaration.key.pk} ${e.declaration.key.sk}`);
    expect(new Set(shapes).size).toBe(shapes.length);
  });
});
