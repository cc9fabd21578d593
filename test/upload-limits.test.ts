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

// The same bytes uploaded at once as two datasets: the refused upload (the headers fit the other
// dataset) must not delete the landed file the accepted one's batch reads. Each upload lands its
// own copy, so this holds whichever finishes first; a few rounds give the race its chances.
it('never deletes the landed file of a concurrent upload of the same bytes', async () => {
  const { readFileSync, writeFileSync, existsSync } = await import('node:fs');
  const { parseIdentity } = await import('../services/identity.ts');
  const { uploadFile } = await import('../services/upload.ts');
  const { HAND_WRITTEN_EXTRACT } = await import('./helpers/fixtures.ts');
  const text = readFileSync(HAND_WRITTEN_EXTRACT, 'utf8');
  const who = parseIdentity('admin@race');
  for (let round = 0; round < 6; round++) {
    const file = path.join(f.config.dataDir, `race-${round}.csv`);
    writeFileSync(file, `${text.trimEnd()}\n`.replace('张建国', `张建国${round}`));
    const [accepted, refused] = await Promise.allSettled([
      uploadFile(f.ctx, who, file, { agency: 'city_market_regulation', dataset: 'admin_penalty' }),
      uploadFile(f.ctx, who, file, { agency: 'city_market_regulation', dataset: 'admin_licence' }),
    ]);
    expect(refused.status, `round ${round}`).toBe('rejected');
    expect(accepted.status, `round ${round}`).toBe('fulfilled');
    if (accepted.status !== 'fulfilled') continue;
    expect(existsSync(accepted.value.batch.landingPath), `round ${round}: the accepted batch's file`).toBe(true);
    // The same bytes again for the same dataset are the same batch, and leave no second copy.
    const again = await uploadFile(f.ctx, who, file, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
    expect(again).toMatchObject({ duplicate: true, batchId: accepted.value.batchId });
    expect(existsSync(accepted.value.batch.landingPath)).toBe(true);
  }
  const landed = readdirSync(path.join(f.config.dataDir, 'landing'));
  expect(landed).toHaveLength(6);
});
