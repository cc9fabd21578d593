// A file over the configured size is refused while it streams in, and nothing of it stays.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { writePenaltyCsv } from '../bench/generate/uniform-penalty-csv.ts';

let f: TestFactory;
beforeAll(async () => {
  f = await createTestFactory({ inProcessWorker: false });
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
});
afterAll(async () => f?.close());

it('refuses a file over CDF_MAX_UPLOAD_MB before storing anything', async () => {
  const file = path.join(f.config.dataDir, 'big.csv');
  await writePenaltyCsv(file, 8000); // about 3 MB
  const r = await runCdf(['upload', file, '--agency', 'city_market_regulation', '--dataset', 'admin_penalty'], { ...f.env, CDF_MAX_UPLOAD_MB: '1' });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('CDF_UPLOAD_TOO_LARGE');
  expect(r.stderr).toContain('文件 big.csv 超过允许的大小 1 MB');
  expect(readdirSync(path.join(f.config.dataDir, 'landing'))).toEqual([]);
  expect(await f.database.db('batches').count({ n: '*' })).toEqual([{ n: 0 }]);
});
