// Every code written in the product's source is one of the error table's: a new free string fails
// here (and, where it is passed to an error helper, at compile time). Tests are not product source.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isErrorCode } from './codes.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SKIP_DIRS = new Set(['node_modules', 'var', 'test', '.git', 'out']);
const isSource = (f: string) => /\.(ts|js|mjs|sql)$/.test(f) && !/\.test\.ts$/.test(f);

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) yield* sources(path.join(dir, e.name));
    else if (e.isFile() && isSource(e.name)) yield path.join(dir, e.name);
  }
}

/** Environment variables share the prefix: the configuration's (schemas/config.schema.json), the
 *  webhook connector's default secret variable and the exchange area's URL the worker gives pulls.
 *  They are names of settings, not error codes. */
const configSchema = JSON.parse(readFileSync(path.join(root, 'schemas', 'config.schema.json'), 'utf8')) as { properties: object };
const ENV_NAMES = new Set([...Object.keys(configSchema.properties), 'CDF_WEBHOOK_SECRET', 'CDF_FRONT_DATABASE_URL']);

describe('error codes in the source', () => {
  it('are all in the error table', () => {
    const unknown: string[] = [];
    let found = 0;
    for (const file of sources(root)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](CDF_[A-Z0-9_]+)['"`]/g)) {
        const code = m[1]!;
        if (ENV_NAMES.has(code)) continue;
        found++;
        if (!isErrorCode(code)) unknown.push(`${path.relative(root, file)}: ${code}`);
      }
    }
    expect(found).toBeGreaterThan(50);
    expect(unknown).toEqual([]);
  });
});
