// Hostile text files too large to commit, written at test time into a folder the harness
// (test/hostile.test.ts) gives; each pairs with its committed <name>.expected.json ("generated":
// true). Rows are written in large pieces: generating 2,000,000 rows takes well under a second.
// Run by hand: npx tsx test/hostile/generate.ts <folder>
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { PENALTY_HEADERS, PENALTY_ROWS } from './generate-xlsx.ts';

async function write(file: string, pieces: Iterable<string>): Promise<string> {
  const out = createWriteStream(file);
  for (const piece of pieces) if (!out.write(piece)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return file;
}

const header = PENALTY_HEADERS.join(',') + '\n';
const row = (n: number): string => {
  const cells = [...PENALTY_ROWS[0]!];
  cells[5] = `津市场监管罚〔2025〕${100_000 + n}号`;
  return cells.join(',') + '\n';
};

/** The security review's case: 2,000,000 rows of one character each (4 MB). */
function* oneCharRows(rows: number): Iterable<string> {
  yield header;
  const block = 'a\n'.repeat(10_000);
  for (let i = 0; i < rows / 10_000; i++) yield block;
}

/** A quote opened on line 40 that never closes, in a file of about 5 MB: the cell grows past the
 * cell limit and the file is refused there, not read to its end as one cell. */
function* unclosedQuoteBig(): Iterable<string> {
  yield header;
  for (let n = 1; n < 39; n++) yield row(n);
  yield row(39).replace('销售超过保质期的食品', '"销售超过保质期的食品');
  let block = '';
  for (let n = 40; n < 240; n++) block += row(n);
  for (let i = 0; i < 5 * 1024 * 1024 / block.length; i++) yield block;
}

export async function generateHostile(dir: string): Promise<string[]> {
  return [
    await write(path.join(dir, 'one-char-rows.csv'), oneCharRows(2_000_000)),
    await write(path.join(dir, 'unclosed-quote-5mb.csv'), unclosedQuoteBig()),
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = process.argv[2] ?? '.';
  for (const f of await generateHostile(dir)) console.log(f);
}
