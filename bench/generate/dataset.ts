// Orchestration and file output: the registry, then disclosures one at a time, each written to
// its channels' files as it is made. Nothing accumulates but counters, so memory stays flat from
// a 60-row demo to a 10M-row benchmark.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { csvLine, FILE_SPECS, PLATFORM_SPEC, specForAuthority, VERTICAL_SPEC } from './channels.ts';
import type { FileSpec } from './channels.ts';
import { decisionNo, makeDisclosure } from './disclosure.ts';
import type { Disclosure } from './disclosure.ts';
import { isoDay, wanText } from './formats.ts';
import { chance, int, rngFor, Stream } from './random.ts';
import { withRates } from './rates.ts';
import type { Rates } from './rates.ts';
import { makeRegistry, REGISTRY_HEADER, registryCells, registrySize } from './registry.ts';
import { renderCopy } from './rows.ts';
import { LineSink } from './sink.ts';
import type { ConflictField, Summary, TruthDisclosure } from './truth.ts';
import { SummaryCounter } from './summary.ts';
import type { GenerateMode } from './truth.ts';
import { AGENCY_RATES, agencyFile, agencyFooter, dataCells, headerCells } from './agencies/files.ts';
import type { AgencyFile } from './agencies/files.ts';
import { agencyRow } from './agencies/row.ts';

/** What a generated set's truth means changes with this: a set made by another version is made
 * again (bench/run/benchmark.ts). 2: a 大写 fine is valid, an inexact one (壹万伍仟余元) invalid. */
export const GENERATOR_VERSION = 2;

export interface GenerateOptions {
  /** Total penalty rows over all channels (the last disclosure may add up to three more). */
  rows: number;
  seed: number;
  outDir: string;
  rates?: Partial<Rates>;
  /** Registry size; by default registrySize(rows). */
  subjects?: number;
  /** 'agencies': files as city and district agencies really send them (agencies/); default: the
   *  clean-template extracts every existing test pins byte for byte. */
  mode?: GenerateMode;
}

export const truthFileOf = (file: string): string => file.replace(/\.csv$/, '.truth.ndjson');

/** The copies a disclosure is sent as: its channels, each now and then sent twice. */
function copiesOf(seed: number, d: Disclosure, rates: Rates): { specs: FileSpec[]; conflict: { copy: number; field: ConflictField } | null } {
  const r = rngFor(seed, Stream.pick, d.id);
  const specs: FileSpec[] = [];
  for (const [on, spec] of [[d.agency, specForAuthority(d.authority.code)], [d.vertical, VERTICAL_SPEC], [d.platform, PLATFORM_SPEC]] as const) {
    if (!on) continue;
    specs.push(spec);
    if (chance(r, rates.resend)) specs.push(spec);
  }
  // The conflicting copy is never the first, which is the authority's own whenever it sent one.
  const conflict = specs.length > 1 && chance(r, rates.conflict)
    ? { copy: 1 + int(r, specs.length - 1), field: (d.fineYuan !== null && r() < 0.6 ? 'fine_amount' : 'decision_date') as ConflictField }
    : null;
  return { specs, conflict };
}

export async function generateDataset(opts: GenerateOptions): Promise<Summary> {
  const { rows, seed, outDir } = opts;
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be a positive integer, got ${rows}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const agencies = opts.mode === 'agencies';
  const rates = withRates(agencies ? { ...AGENCY_RATES, ...opts.rates } : opts.rates);
  const registry = makeRegistry(seed, opts.subjects ?? registrySize(rows));
  await mkdir(outDir, { recursive: true });

  const reg = new LineSink(path.join(outDir, 'registry.csv'));
  void reg.add(csvLine(REGISTRY_HEADER, '\n'));
  for (let i = 0; i < registry.size; i++) {
    const wait = reg.add(csvLine(registryCells(registry.subject(i)), '\n'));
    if (wait) await wait; // awaiting only when needed: a microtask per row costs more than the row
  }
  await reg.close();

  const files = new Map(FILE_SPECS.map((spec) => [spec.file, {
    spec, rows: 0,
    data: new LineSink(path.join(outDir, spec.file), spec.encoding, spec.bom),
    truth: new LineSink(path.join(outDir, truthFileOf(spec.file))),
    agency: null as AgencyFile | null,
  }]));
  for (const f of files.values()) {
    if (agencies) {
      const { file, lines } = agencyFile(seed, f.spec);
      f.agency = file;
      for (const l of lines) void f.data.add(l);
    }
    void f.data.add(csvLine(headerCells(f.spec, f.agency), f.spec.eol));
  }
  const discs = new LineSink(path.join(outDir, 'disclosures.truth.ndjson'));
  const seqs = new Map<string, number>();
  const nextSeq = (authority: string, year: number): number => {
    const key = `${authority}|${year}`;
    const n = (seqs.get(key) ?? 0) + 1;
    seqs.set(key, n);
    return n;
  };
  const count = new SummaryCounter();

  let written = 0;
  for (let id = 1; written < rows; id++) {
    const d = makeDisclosure(seed, id, registry, rates, nextSeq);
    const { specs, conflict } = copiesOf(seed, d, rates);
    let valid = 0;
    for (let k = 0; k < specs.length; k++) {
      const f = files.get(specs[k]!.file)!;
      const rendered = renderCopy(seed, d, k, f.spec, rates, conflict?.copy === k ? conflict.field : null, conflict === null);
      if (f.agency) agencyRow(seed, { d, copy: k, habits: f.agency.habits, allowInvalid: conflict === null }, rendered);
      const { cells, truth } = rendered;
      const row = ++f.rows;
      const w1 = f.data.add(csvLine(dataCells(f.agency, row, cells), f.spec.eol));
      if (w1) await w1;
      // "row" first, without copying the object: {"row":n, + the rest of the truth's JSON.
      const w2 = f.truth.add(`{"row":${row},${JSON.stringify(truth).slice(1)}\n`);
      if (w2) await w2;
      count.row(f.spec.channel, truth);
      if (truth.valid) valid++;
      written++;
    }
    count.disclosure(specs.length, valid, conflict?.field ?? null);
    const line: TruthDisclosure = {
      id: d.id, decisionNo: decisionNo(d), authority: d.authority.code, authorityUscc: d.authority.uscc,
      subjectUscc: d.subject?.uscc ?? null, subjectIdNo: d.person?.ric ?? null, category: d.category,
      penaltyTypes: d.penaltyTypes.join(';'), fine: d.fineYuan === null ? null : wanText(d.fineYuan),
      confiscated: d.confiscatedYuan === null ? null : wanText(d.confiscatedYuan),
      decisionDate: isoDay(d.decisionDay), validUntil: isoDay(d.validUntilDay),
      copies: specs.length, files: specs.map((s) => s.file),
    };
    if (conflict) line.conflictField = conflict.field;
    const w3 = discs.add(JSON.stringify(line) + '\n');
    if (w3) await w3;
  }
  for (const f of files.values()) if (f.agency) for (const l of agencyFooter(f.spec, f.agency, f.rows)) void f.data.add(l);
  await Promise.all([discs.close(), ...[...files.values()].flatMap((f) => [f.data.close(), f.truth.close()])]);

  const summary = count.summary({
    seed, rowsRequested: rows, rows: written, subjects: registry.size, rates: { ...rates },
    files: [...files.values()].map((f) => ({
      file: f.spec.file, truth: truthFileOf(f.spec.file), channel: f.spec.channel, agency: f.spec.agency,
      encoding: f.spec.encoding, rows: f.rows,
      ...(f.agency ? { layout: { above: f.agency.above, below: f.agency.below }, habits: f.agency.habits } : {}),
    })),
  });
  if (agencies) Object.assign(summary, { mode: 'agencies' });
  Object.assign(summary, { generator: GENERATOR_VERSION });
  await writeFile(path.join(outDir, 'truth-summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}
