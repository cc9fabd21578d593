// CLI: node --import tsx bench/generate/main.ts --rows N --seed S --out DIR
//      node --import tsx bench/generate/main.ts --demo --out DIR
// Prints the summary (plus wall time and rows per second, which stay out of the files so that the
// same seed always gives byte-identical output).
import { parseArgs } from 'node:util';
import { generateDataset } from './dataset.ts';
import { DEMO } from './rates.ts';

const USAGE = 'usage: main.ts --rows N [--seed S] [--mode default|agencies] --out DIR | main.ts --demo --out DIR';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      subjects: { type: 'string' },
      mode: { type: 'string', default: 'default' },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.out || (!values.demo && !values.rows)) throw new Error(USAGE);
  if (values.mode !== 'default' && values.mode !== 'agencies') throw new Error(USAGE);
  const started = process.hrtime.bigint();
  const summary = values.demo
    ? await generateDataset({ rows: DEMO.rows, seed: DEMO.seed, subjects: DEMO.subjects, rates: DEMO.rates, outDir: values.out })
    : await generateDataset({
      rows: Number(values.rows), seed: Number(values.seed), outDir: values.out, mode: values.mode,
      ...(values.subjects ? { subjects: Number(values.subjects) } : {}),
    });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const out = { ...summary, outDir: values.out, seconds: Number(seconds.toFixed(3)), rowsPerSecond: Math.round(summary.rows / seconds) };
  console.log(JSON.stringify(out, null, 2));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
