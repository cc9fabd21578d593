import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiClientTypes, apiClientTypesPath, wrapLongComments } from './openapi-client.ts';

describe('the browser client types', () => {
  it('match the routes (run `npm run gen:api` after changing a route)', async () => {
    const committed = readFileSync(apiClientTypesPath, 'utf8');
    expect(committed === (await apiClientTypes()), 'web/src/api/schema.d.ts is stale: run npm run gen:api').toBe(true);
  }, 60_000);
});

describe('long descriptions in the generated types', () => {
  it('are split, Chinese and English apart, none over 160 characters, no word lost', () => {
    const zh = '目录分配给调用方单位的数据集：字段说明、频率、最近上报、是否逾期、模板链接。'.repeat(3);
    const en = 'the datasets the catalogue assigns to the caller\'s agency, with their fields explained'.repeat(3);
    const out = wrapLongComments(`    /** @description ${zh} / ${en} */\n    x: string;`).split('\n');
    expect(out[0]).toBe('    /**');
    expect(out.at(-2)).toBe('     */');
    expect(out.at(-1)).toBe('    x: string;');
    expect(out.every((l) => l.length <= 160)).toBe(true);
    const text = out.slice(1, -2).map((l) => l.replace(/^ {4} \* /, '')).join('');
    expect(text.replace(/\s/g, '')).toBe(`@description ${zh}/ ${en}`.replace(/\s/g, ''));
    expect(out.some((l) => l.startsWith('     * / the datasets'))).toBe(true);
  });

  it('leaves short lines and code as they are', () => {
    const src = '  /** short */\n  y: number;';
    expect(wrapLongComments(src)).toBe(src);
  });
});
