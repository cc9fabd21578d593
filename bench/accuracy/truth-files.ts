// Reads a generated folder's ground truth back as TruthRef rows, file by file in row order,
// streaming (a 10M-row truth does not fit comfortably in memory as objects).
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Summary, TruthRow } from '../generate/truth.ts';
import type { TruthRef } from './score.ts';

export async function readSummary(dir: string): Promise<Summary> {
  return JSON.parse(await readFile(path.join(dir, 'truth-summary.json'), 'utf8')) as Summary;
}

export async function* readTruth(dir: string): AsyncGenerator<TruthRef & TruthRow> {
  for (const f of (await readSummary(dir)).files) {
    const lines = createInterface({ input: createReadStream(path.join(dir, f.truth), 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line) yield { file: f.file, ...(JSON.parse(line) as TruthRow) };
    }
  }
}
