// The catalogue entry a pull reads for: the pull activity and the operator's "run now" both ask,
// and both refuse the same way when the active catalogue has no pull there.
import type { CatalogFile } from '../domain/catalog.ts';
import { notFoundError } from '../domain/errors.ts';

type Entry = CatalogFile['entries'][number];
export type PulledEntry = Entry & { pull: NonNullable<Entry['pull']> };

/** The entry with a pull for this agency and dataset (and channel, when given). */
export function pulledEntry(catalog: { id: number; content: CatalogFile }, key: { agency: string; dataset: string; channel?: string }): PulledEntry {
  const entry = catalog.content.entries
    .find((e) => e.agency === key.agency && e.dataset === key.dataset && e.pull && (!key.channel || e.channel === key.channel));
  if (!entry) {
    const [zh, en] = key.channel ? [`${key.dataset}（${key.channel}）`, `${key.dataset} (${key.channel})`] : [key.dataset, key.dataset];
    throw notFoundError('CDF_PULL_NOT_CONFIGURED', {
      zh: `目录（版本 ${catalog.id}）中 ${key.agency} 的 ${zh} 没有配置抽取`,
      en: `the catalogue (version ${catalog.id}) has no pull for ${key.agency}'s ${en}`,
    });
  }
  return entry as PulledEntry;
}
