import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { FILE_SPECS } from './channels.ts';
import { generateDataset } from './dataset.ts';
import { DEMO } from './rates.ts';
import { readCsvFile } from './read-back.ts';

const tmp: string[] = [];
const tempDir = async (): Promise<string> => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'cdf-gen-'));
  tmp.push(d);
  return d;
};
afterAll(async () => { await Promise.all(tmp.map((d) => rm(d, { recursive: true, force: true }))); });

async function digests(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).sort()) out[f] = createHash('sha256').update(await readFile(path.join(dir, f))).digest('hex');
  return out;
}

/** CSV records after the header, streamed (quoted line breaks count as one record). */
async function countRecords(file: string, encoding: string): Promise<number> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: true }) as unknown as NodeJS.ReadWriteStream & AsyncIterable<string[]>;
  createReadStream(file).pipe(iconv.decodeStream(encoding, { stripBOM: true })).pipe(parser);
  let n = -1;
  for await (const _ of parser) n++;
  return n;
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file)) for (const b of chunk as Buffer) if (b === 10) n++;
  return n;
}

describe('generateDataset', () => {
  it('gives byte-identical output for the same seed, and different output for another', async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    await generateDataset({ rows: 3000, seed: 5, outDir: a });
    await generateDataset({ rows: 3000, seed: 5, outDir: b });
    await generateDataset({ rows: 3000, seed: 6, outDir: c });
    const da = await digests(a);
    expect(Object.keys(da)).toHaveLength(2 + 2 * FILE_SPECS.length + 1);
    expect(await digests(b)).toEqual(da);
    expect((await digests(c))['registry.csv']).not.toBe(da['registry.csv']);
  });

  it('writes the Binhai platform in GB18030 that decodes back to the same text', async () => {
    const dir = await tempDir();
    await generateDataset({ rows: 3000, seed: 8, outDir: dir });
    const raw = await readFile(path.join(dir, 'admin_penalty_binhai_platform.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(raw)).toThrow();
    const text = iconv.decode(raw, 'gb18030');
    expect(text).not.toContain('\uFFFD');
    expect(iconv.encode(text, 'gb18030').equals(raw)).toBe(true);
    expect(text.startsWith('行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码)')).toBe(true);
    // The registry's names come back intact from the platform's rows that name subjects plainly.
    const names = new Set((await readCsvFile(path.join(dir, 'registry.csv'), 'utf-8')).map((r) => r[1]));
    const rows = (await readCsvFile(path.join(dir, 'admin_penalty_binhai_platform.csv'), 'gb18030')).slice(1);
    const truth = (await readFile(path.join(dir, 'admin_penalty_binhai_platform.truth.ndjson'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { noise: string[]; subjectBy: string });
    const plain = rows.filter((_, k) => truth[k]!.subjectBy !== 'ric' && !truth[k]!.noise.some((n) => n.startsWith('name:')));
    expect(plain.length).toBeGreaterThan(50);
    expect(plain.every((r) => names.has(r[0]))).toBe(true);
  });

  it('makes a small demo with duplicates, a conflict and rejects of several kinds', async () => {
    const dir = await tempDir();
    const s = await generateDataset({ ...DEMO, outDir: dir });
    expect(s.rows).toBeGreaterThanOrEqual(60);
    expect(s.rows).toBeLessThan(66);
    expect(s.duplicatePairsExpected).toBeGreaterThanOrEqual(10);
    expect(s.conflictsPlanted).toBeGreaterThanOrEqual(1);
    expect(s.invalidRows).toBeGreaterThanOrEqual(3);
    expect(Object.keys(s.invalidByKind).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(s.rowsPerChannel).sort()).toEqual(['agency_upload', 'district_platform', 'national_vertical']);
  });

  it('streams 200,000 rows with every count right', async () => {
    const dir = await tempDir();
    const s = await generateDataset({ rows: 200_000, seed: 99, outDir: dir });
    expect(s.rows).toBeGreaterThanOrEqual(200_000);
    expect(s.rows).toBeLessThanOrEqual(200_004);
    expect(s.files.reduce((n, f) => n + f.rows, 0)).toBe(s.rows);
    for (const f of s.files) {
      expect(await countLines(path.join(dir, f.truth)), f.truth).toBe(f.rows);
      expect(await countRecords(path.join(dir, f.file), f.encoding), f.file).toBe(f.rows);
    }
    expect(await countLines(path.join(dir, 'registry.csv'))).toBe(s.subjects + 1);
    expect(await countLines(path.join(dir, 'disclosures.truth.ndjson'))).toBe(s.disclosures);
    expect(s.invalidRows / s.rows).toBeGreaterThan(0.015);
    expect(s.invalidRows / s.rows).toBeLessThan(0.025);
  }, 600_000);
});
