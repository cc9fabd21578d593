// What the page benchmark seeds: golden records as the pipeline leaves them (fields in their cleaned
// form, the natural key and content hash from domain/clean), spread over the demo catalogue's
// agencies, regions and datasets. Every value is a pure function of (seed, index): the same seed
// gives the same records, and a chunk of 100,000 can be made without holding the others. Subjects
// come from the benchmark's registry generator (bench/generate/registry.ts: unique names and
// codes with check characters from domain/codes).
import { readCatalogFile } from '../../catalog/catalog-file.ts';
import { DEMO_CATALOG } from '../../catalog/demo/load-demo.ts';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { makeRic } from '../../domain/codes/index.ts';
import { naturalKey, recordHash } from '../../domain/clean/clean-row.ts';
import { addMonthsMinusDay, dayOf, isoDay, wanText } from '../generate/formats.ts';
import { chance, int, pick, rngFor } from '../generate/random.ts';
import type { Rand } from '../generate/random.ts';
import { makeRegistry, personName } from '../generate/registry.ts';
import type { Registry, Subject } from '../generate/registry.ts';
import { AUTHORITIES, LICENCES, PENALTY_COMBOS, VIOLATIONS } from '../generate/vocab-penalty.ts';

/** Streams of our own (the data generator uses 1–4), so page data never shares a PRNG with it. */
const S = { batch: 101, penalty: 102, licence: 103, task: 104 } as const;

export type SeedDataset = 'legal_person_registry' | 'admin_penalty' | 'admin_licence';

/** How N golden records divide: a registry a fifth of the total, penalties, licences. */
export function planOf(records: number): Record<SeedDataset, number> {
  const registry = Math.max(200, Math.round(records * 0.2));
  const licences = Math.round(records * 0.15);
  return { legal_person_registry: registry, admin_penalty: Math.max(0, records - registry - licences), admin_licence: licences };
}

export interface Source {
  agency: string;
  name: string;
  uscc: string;
  region: string;
  channel: string;
  dataset: SeedDataset;
  /** Relative share of the dataset's batches: city agencies send more than districts, districts more than streets. */
  weight: number;
  docPrefix: string;
}

const SEEDED = ['admin_penalty', 'admin_licence', 'legal_person_registry'];

/** The demo catalogue's entries as sources of batches (relaying channels carry copies, not originals). */
export function demoSources(): Source[] {
  const c = readCatalogFile(DEMO_CATALOG).catalog;
  const known = new Map(AUTHORITIES.map((a) => [a.code, a.docPrefix]));
  return c.entries
    .filter((e) => SEEDED.includes(e.dataset) && e.channel !== 'national_vertical' && e.channel !== 'district_platform')
    .map((e) => {
      const a = c.agencies.find((x) => x.code === e.agency)!;
      const level = e.region.length === 9 ? 1 : e.region === '120000' ? 4 : 2;
      const short = a.name.zh.replace(/^市/, '').replace(/(委员会|管理局|局|办事处|中心|法院)$/, '').slice(0, 4);
      return {
        agency: a.code, name: a.name.zh, uscc: a.uscc, region: e.region, channel: e.channel, dataset: e.dataset as SeedDataset, weight: level,
        docPrefix: e.dataset === 'admin_licence' ? `津${short}许` : known.get(a.code) ?? `津${short}罚`,
      };
    });
}

export interface SeedBatch {
  /** 0-based, in creation order across all datasets. */
  index: number;
  source: Source;
  rows: number;
  /** Days before the run (0–364): a year of daily loads. */
  ageDays: number;
}

/** The batches of one dataset, filling `records` rows: registry pulls of 20,000, agency files of 20–600 rows. */
export function batchesOf(seed: number, dataset: SeedDataset, records: number, sources: Source[], first = 0): SeedBatch[] {
  const mine = sources.filter((s) => s.dataset === dataset);
  const total = mine.reduce((n, s) => n + s.weight, 0);
  const out: SeedBatch[] = [];
  for (let left = records, k = 0; left > 0; k++) {
    const r = rngFor(seed, S.batch, first + k);
    let w = r() * total;
    const source = mine.find((s) => (w -= s.weight) < 0) ?? mine.at(-1)!;
    const rows = Math.min(left, dataset === 'legal_person_registry' ? 20_000 : 20 + int(r, 581));
    out.push({ index: first + k, source, rows, ageDays: int(r, 365) });
    left -= rows;
  }
  return out;
}

const FIRST_DAY = dayOf(2023, 1, 1);
/** Decision numbers start here: the demo's own decisions (numbered from 1) keep theirs. */
const SEQ0 = 1000;

/** A subject of the source's district (any for the city), a few repeat offenders drawn more often. */
function subjectFor(r: Rand, registry: Registry, region: string): Subject {
  const draw = () => (r() < 0.3 ? int(r, Math.max(1, Math.floor(registry.size / 20))) : int(r, registry.size));
  if (region === '120000') return registry.subject(draw());
  const district = region.slice(0, 6);
  for (let tries = 0; tries < 200; tries++) {
    const i = draw();
    if (registry.districtOf(i) === district) return registry.subject(i);
  }
  return registry.subject(draw());
}

function subjectFields(r: Rand, registry: Registry, source: Source, personShare: number): { fields: Record<string, string>; uscc: string | null } {
  if (chance(r, personShare)) {
    const name = personName(r);
    const division = source.region === '120000' ? '120101' : source.region.slice(0, 6);
    return { fields: { subject_name: name, subject_category: '自然人', subject_id_type: '身份证', subject_id_no: makeRic(r, { division }) }, uscc: null };
  }
  const s = subjectFor(r, registry, source.region);
  return {
    fields: { subject_name: s.name, subject_category: s.kind === 'individual' ? '个体工商户' : '法人及非法人组织', subject_uscc: s.uscc, legal_rep: s.legalRep },
    uscc: s.uscc,
  };
}

/** A batch's header line and column map as the upload records them: the standard's Chinese names, our field names. */
export function batchColumns(dataset: SeedDataset): { headers: string[]; columnMap: string[] } {
  const def = datasetDefinition(dataset);
  return { headers: def.fields.map((f) => f.zh), columnMap: def.fields.map((f) => f.name) };
}

export interface SeedRecord {
  dataset: SeedDataset;
  fields: Record<string, string>;
  subjectUscc: string | null;
  naturalKey: string;
  contentHash: string;
}

const finish = (dataset: SeedDataset, fields: Record<string, string>, subjectUscc: string | null): SeedRecord => {
  const def = datasetDefinition(dataset);
  return { dataset, fields, subjectUscc, naturalKey: naturalKey(def, fields, true), contentHash: recordHash(def, fields, subjectUscc) };
};

/** Registry subject i as its golden record (the registry is a dataset like the others). */
export function registryRecord(registry: Registry, i: number): SeedRecord {
  const s = registry.subject(i);
  const fields: Record<string, string> = {
    uscc: s.uscc, name: s.name, orgcode: s.orgcode, legal_rep: s.legalRep, district: s.district,
    subject_type: s.kind === 'individual' ? '个体工商户' : s.kind === 'social' ? '社会组织' : '企业法人', status: '存续',
  };
  if (s.regno) fields.regno = s.regno;
  return finish('legal_person_registry', fields, s.uscc);
}

/** Penalty i of the seed, decided by `source`; its decision number is unique through i. */
export function penaltyRecord(seed: number, registry: Registry, source: Source, i: number): SeedRecord {
  const r = rngFor(seed, S.penalty, i);
  const subject = subjectFields(r, registry, source, 0.08);
  const group = source.agency === 'city_tax' ? 'tax' : /ecology/.test(source.agency) ? 'ecology' : 'market';
  const v = pick(r, VIOLATIONS[group]);
  let w = r() * PENALTY_COMBOS.reduce((n, [, x]) => n + x, 0);
  const types = (PENALTY_COMBOS.find(([, x]) => (w -= x) < 0) ?? PENALTY_COMBOS[0]!)[0];
  const [lo, hi, unit] = v.fine;
  const fine = types.includes('罚款') ? Math.max(unit, Math.round(Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo))) / unit) * unit) : null;
  const money = (yuan: number) => (yuan >= 10_000 ? `${wanText(yuan)}万元` : `${yuan}元`);
  const day = FIRST_DAY + int(r, 1095);
  const until = isoDay(addMonthsMinusDay(day, pick(r, [6, 12, 12, 12, 24, 36])));
  const year = new Date(day * 86_400_000).getUTCFullYear();
  const fields: Record<string, string> = {
    ...subject.fields,
    decision_no: `${source.docPrefix}〔${year}〕${SEQ0 + i}号`,
    violation_type: v.type, facts: pick(r, v.facts), legal_basis: v.basis,
    penalty_types: types.join(';'),
    penalty_content: types.map((t) => (t === '罚款' && fine ? `罚款${money(fine)}` : t)).join('，'),
    decision_date: isoDay(day), valid_until: until, publicity_until: until,
    authority_name: source.name, authority_uscc: source.uscc, source_agency_name: source.name, source_agency_uscc: source.uscc,
  };
  if (fine) fields.fine_amount = wanText(fine);
  return finish('admin_penalty', fields, subject.uscc);
}

/** Licence i of the seed, granted by `source`. */
export function licenceRecord(seed: number, registry: Registry, source: Source, i: number): SeedRecord {
  const r = rngFor(seed, S.licence, i);
  const subject = subjectFields(r, registry, source, 0.03);
  const day = FIRST_DAY + int(r, 1095);
  const year = new Date(day * 86_400_000).getUTCFullYear();
  const certificate = pick(r, LICENCES);
  const fields: Record<string, string> = {
    ...subject.fields,
    licence_doc_name: `${certificate}准予许可决定书`, decision_no: `${source.docPrefix}〔${year}〕${SEQ0 + i}号`,
    licence_types: pick(r, ['普通', '普通', '普通', '特许', '认可', '核准', '登记']), certificate_name: certificate,
    licence_no: `JY${source.region.slice(0, 6)}${String(i + 1).padStart(8, '0')}`, licence_content: `准予${certificate.replace(/证$/, '')}`,
    decision_date: isoDay(day), valid_from: isoDay(day), valid_until: isoDay(addMonthsMinusDay(day, 60)),
    authority_name: source.name, authority_uscc: source.uscc, status: '有效', source_agency_name: source.name, source_agency_uscc: source.uscc,
  };
  return finish('admin_licence', fields, subject.uscc);
}

export { makeRegistry };
