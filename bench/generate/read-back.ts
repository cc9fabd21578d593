// Test oracle: reads the generator's date and amount forms back to their values, and a generated
// folder back into memory. Independent of the factory's cleaning rules on purpose, so the tests
// check the generator, not the rules (which do not yet read 元 amounts or Excel serial dates).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { FILE_SPECS } from './channels.ts';
import { dayOf, ymd } from './formats.ts';
import type { Summary, TruthDisclosure, TruthRow } from './truth.ts';

export interface DateParts {
  y: number;
  m: number;
  d: number;
  /** Whether the parts name a real calendar day. */
  real: boolean;
}

const EXCEL_EPOCH = dayOf(1899, 12, 30);

export function readDate(text: string): DateParts | null {
  let m = /^(\d{4})(?:-(\d{2})-(\d{2})|\/(\d{1,2})\/(\d{1,2})|年(\d{1,2})月(\d{1,2})日|\.(\d{2})\.(\d{2}))$/.exec(text);
  let parts: [number, number, number] | null = null;
  if (m) {
    const nums = m.slice(2).filter((x) => x !== undefined).map(Number);
    parts = [Number(m[1]), nums[0]!, nums[1]!];
  } else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) {
    parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if (/^\d{5}$/.test(text)) {
    parts = ymd(EXCEL_EPOCH + Number(text));
  }
  if (!parts) return null;
  const [y, mo, d] = parts;
  const real = mo >= 1 && mo <= 12 && d >= 1 && ymd(dayOf(y, mo, d)).join() === [y, mo, d].join();
  return { y, m: mo, d, real };
}

/** Amount text to yuan (an integer); null when it is not one of the numeric forms. */
export function readAmountYuan(text: string): number | null {
  let m = /^(\d+)元$/.exec(text);
  if (m) return Number(m[1]);
  m = /^(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d+))?(万元|万)?$/.exec(text);
  if (!m) return null;
  const frac = (m[2] ?? '').padEnd(4, '0');
  if (frac.length > 4 && /[1-9]/.test(frac.slice(4))) return null;
  return Number(m[1]!.replace(/,/g, '')) * 10_000 + Number(frac.slice(0, 4));
}

/** A generated file's records (header first), decoded and parsed without the factory's code. */
export async function readCsvFile(file: string, encoding: 'utf-8' | 'gb18030'): Promise<string[][]> {
  const text = iconv.decode(await readFile(file), encoding, { stripBOM: true });
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
}

export interface RunRow { file: string; channel: string; cells: string[]; t: TruthRow }
export interface GeneratedRun {
  summary: Summary;
  rows: RunRow[];
  disclosures: TruthDisclosure[];
  registry: { uscc: string; name: string; regno: string }[];
}

const ndjson = async <T>(file: string): Promise<T[]> =>
  (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);

/** A whole (small) generated folder in memory, every data row beside its truth line. Throws if a
 *  file's header is not its channel's or its truth has another number of rows. */
export async function loadRun(dir: string): Promise<GeneratedRun> {
  const summary = JSON.parse(await readFile(path.join(dir, 'truth-summary.json'), 'utf8')) as Summary;
  const registry = (await readCsvFile(path.join(dir, 'registry.csv'), 'utf-8')).slice(1)
    .map(([uscc, name, regno]) => ({ uscc: uscc!, name: name!, regno: regno! }));
  const rows: RunRow[] = [];
  for (const spec of FILE_SPECS) {
    const all = await readCsvFile(path.join(dir, spec.file), spec.encoding);
    const truth = await ndjson<TruthRow>(path.join(dir, spec.file.replace(/\.csv$/, '.truth.ndjson')));
    // The agencies mode puts title lines above the header and a footer below the data.
    const { layout, habits } = summary.files.find((f) => f.file === spec.file) ?? {};
    const header = habits?.serial ? ['序号', ...spec.headers] : spec.headers;
    const at = all.findIndex((r) => r.join() === header.join());
    if (at < 0) throw new Error(`${spec.file}: unexpected header`);
    const records = all.slice(at + 1, layout?.below ? all.length - (layout.below - 1) : all.length)
      .map((r) => (habits?.serial ? r.slice(1) : r));
    if (truth.length !== records.length) throw new Error(`${spec.file}: ${records.length} rows, ${truth.length} truth lines`);
    truth.forEach((t, k) => {
      if (t.row !== k + 1) throw new Error(`${spec.file}: truth line ${k + 1} says row ${t.row}`);
      rows.push({ file: spec.file, channel: spec.channel, cells: records[k]!, t });
    });
  }
  return { summary, rows, disclosures: await ndjson<TruthDisclosure>(path.join(dir, 'disclosures.truth.ndjson')), registry };
}
