// The committed demo extracts are the generator's demo preset, byte for byte: they cannot drift
// from the generator that the benchmark measures with.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generateDataset } from '../../bench/generate/dataset.ts';
import { DEMO } from '../../bench/generate/rates.ts';
import { DEMO_EXTRACTS } from './load-demo.ts';

const out = mkdtempSync(path.join(os.tmpdir(), 'cdf-demo-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('equals a fresh run of the generator demo preset', async () => {
  await generateDataset({ ...DEMO, outDir: out });
  const committed = readdirSync(DEMO_EXTRACTS).sort();
  expect(readdirSync(out).sort()).toEqual(committed);
  for (const f of committed) expect(readFileSync(path.join(DEMO_EXTRACTS, f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
});
