// The datasets the catalogue assigns to an agency (its entries in the catalogue in force), each
// with its fields explained, how often it must be sent, its last upload, and when the next is due
// and whether it is overdue, by the timeliness rules (services/quality/timeliness.ts: calendar periods
// in China time; a successful pull counts as an arrival). An agency sees its own; an admin names the
// agency (?agency=).
import { CHANNEL_NAMES } from '../../catalog/catalog-file.ts';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { lastUploads } from '../../db/agency.ts';
import { activeCatalog } from '../../db/catalog.ts';
import type { Db } from '../../db/connect.ts';
import type { CatalogFile } from '../../domain/catalog.ts';
import { forbiddenError, notFoundError, usageError } from '../../domain/errors.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { Role, requireRole } from '../identity.ts';
import type { Identity } from '../identity.ts';
import { entryOf, FREQUENCY_NAMES, timelinessNow } from '../quality/timeliness.ts';
import type { EntryTimeliness } from '../../db/queries/timeliness.ts';
import { datasetFields } from './fields.ts';
import type { FieldInfo } from './fields.ts';

export { FREQUENCY_NAMES };

const DAY_MS = 86_400_000;

export interface AssignedDataset {
  dataset: string;
  name: Bilingual;
  standard: Bilingual & { version: string };
  channels: Array<{ channel: string; name: Bilingual; authoritative: boolean }>;
  frequency: { code: string; zh: string; en: string; days: number };
  lastUpload: { batchId: string; at: Date; status: string } | null;
  /** When the next supply is due and whether it is overdue (days: whole days past due, rounded up); never sent is overdue with no due time. */
  overdue: { overdue: boolean; dueAt: Date | null; days: number };
  fields: FieldInfo[];
  templates: { csv: string; xlsx: string };
}

/** The agency an identity acts for here: its own, or for an admin the one it names. */
export function agencyOf(catalog: CatalogFile, who: Identity, asked?: string): CatalogFile['agencies'][number] {
  requireRole(who, [Role.agency, Role.admin], { zh: '查看本单位的数据集', en: 'read an agency\'s datasets' });
  const code = who.role === Role.agency ? who.agency : asked;
  if (!code) throw usageError('CDF_AGENCY_REQUIRED', { zh: '请用 agency 参数指明单位', en: 'name the agency with the agency parameter' });
  const agency = catalog.agencies.find((a) => a.code === code);
  if (!agency) {
    throw forbiddenError('CDF_AGENCY_UNKNOWN', { zh: `目录中没有数源单位 ${code}`, en: `the catalogue has no agency ${code}` }, { value: code });
  }
  return agency;
}

/** A dataset sent through several entries (channels) is as late as its most urgent entry. */
function overdueOf(rows: readonly EntryTimeliness[]): AssignedDataset['overdue'] {
  const worst = rows[0];
  if (!worst || worst.status === 'never_seen') return { overdue: true, dueAt: null, days: 0 };
  return { overdue: worst.status === 'overdue', dueAt: worst.due, days: Math.ceil((worst.lateSeconds * 1000) / DAY_MS) };
}

export async function assignedDatasets(
  db: Db, who: Identity, now: Date, asked?: string, realtimeMinutes = 60,
): Promise<{ agency: string; agencyName: Bilingual; datasets: AssignedDataset[] }> {
  const catalog = (await activeCatalog(db)).content;
  const agency = agencyOf(catalog, who, asked);
  const entries = catalog.entries.filter((e) => e.agency === agency.code);
  const codes = [...new Set(entries.map((e) => e.dataset))].sort();
  const last = new Map((await lastUploads(db, agency.code, codes)).map((u) => [u.dataset, u]));
  // Most urgent first: the first row of a dataset is the one that decides.
  const timely = await timelinessNow(db, entries.map(entryOf), now, realtimeMinutes);
  const forAdmin = who.role === Role.admin ? `&agency=${agency.code}` : '';
  const datasets = codes.map((code): AssignedDataset => {
    const def = datasetDefinition(code);
    const mine = entries.filter((e) => e.dataset === code);
    // The most frequent of its entries is the one it must keep up with.
    const frequency = mine.map((e) => ({ code: e.frequency, ...(FREQUENCY_NAMES[e.frequency] ?? { zh: e.frequency, en: e.frequency, days: 1 }) }))
      .sort((a, b) => a.days - b.days)[0]!;
    const upload = last.get(code);
    const base = `/api/agency/datasets/${code}/template`;
    return {
      dataset: code, name: def.name, standard: def.standard,
      channels: mine.map((e) => ({ channel: e.channel, name: CHANNEL_NAMES[e.channel], authoritative: e.authoritative })),
      frequency,
      lastUpload: upload ? { batchId: upload.id, at: upload.createdAt, status: upload.status } : null,
      overdue: overdueOf(timely.filter((t) => t.dataset === code)),
      fields: datasetFields(code, { name: agency.name, uscc: agency.uscc }),
      templates: { csv: `${base}?format=csv${forAdmin}`, xlsx: `${base}?format=xlsx${forAdmin}` },
    };
  });
  return { agency: agency.code, agencyName: agency.name, datasets };
}

/** The dataset if the catalogue assigns it to the agency; any other is "not found" to it. */
export async function assignedDataset(db: Db, who: Identity, dataset: string, asked?: string) {
  const catalog = (await activeCatalog(db)).content;
  const agency = agencyOf(catalog, who, asked);
  if (!catalog.entries.some((e) => e.agency === agency.code && e.dataset === dataset)) {
    throw notFoundError('CDF_AGENCY_DATASET_UNKNOWN', {
      zh: `目录未把数据集 ${dataset} 分配给 ${agency.name.zh}`, en: `the catalogue does not assign dataset ${dataset} to ${agency.name.en}`,
    }, { value: dataset });
  }
  return { agency, def: datasetDefinition(dataset) };
}
