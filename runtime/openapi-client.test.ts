import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiClientTypes, apiClientTypesPath } from './openapi-client.ts';

describe('the browser client types', () => {
  it('match the routes (run `npm run gen:api` after changing a route)', async () => {
    const committed = readFileSync(apiClientTypesPath, 'utf8');
    expect(committed === (await apiClientTypes()), 'web/src/api/schema.d.ts is stale: run npm run gen:api').toBe(true);
  }, 60_000);
});
