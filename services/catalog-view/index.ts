// The catalogue for the operator's pages: the tree of a version, what changed between two
// versions, and its subscriptions, grants and measures a page at a time. The catalogue is one
// document per version (catalog_versions.content), small beside the records: it is read whole.
import { activeCatalog, catalogVersion, listCatalogVersions } from '../../db/catalog.ts';
import type { CatalogVersion } from '../../db/catalog.ts';
import type { Db } from '../../db/connect.ts';
import { notFoundError } from '../../domain/errors.ts';
import { catalogTree } from './tree.ts';
import type { CatalogNode } from './tree.ts';
import { catalogChanges, DIFF_SECTIONS } from './diff.ts';
import type { DiffSection, SectionChanges } from './diff.ts';

export interface VersionInfo { version: number; importedBy: string; importedAt: Date; sourceName: string | null }
const info = (v: CatalogVersion): VersionInfo => ({ version: v.id, importedBy: v.importedBy, importedAt: v.importedAt, sourceName: v.sourceName });

/** A version by number, or the one in force; an unknown number names the parameter and the versions there are. */
async function versionOrActive(db: Db, param: string, id?: number): Promise<CatalogVersion> {
  if (id === undefined) return activeCatalog(db);
  const versions = await listCatalogVersions(db);
  if (!versions.some((v) => v.id === id)) {
    const have = versions.map((v) => v.id);
    const range = have.length ? `${have[0]}–${have[have.length - 1]}` : '';
    throw notFoundError('CDF_CATALOG_VERSION_UNKNOWN', {
      zh: have.length ? `参数 ${param} 的目录版本 ${id} 不存在；现有版本 ${range}` : `参数 ${param} 的目录版本 ${id} 不存在：尚未导入目录`,
      en: have.length ? `parameter ${param}: catalogue version ${id} does not exist; the versions are ${range}`
        : `parameter ${param}: catalogue version ${id} does not exist: no catalogue has been imported yet`,
    }, { parameter: param, value: String(id), versions: have });
  }
  return catalogVersion(db, id);
}

export async function catalogTreeView(db: Db, version?: number): Promise<VersionInfo & { nodes: CatalogNode[] }> {
  const v = await versionOrActive(db, 'version', version);
  return { ...info(v), nodes: catalogTree(v.content) };
}

export interface CatalogDiffView {
  from: VersionInfo;
  to: VersionInfo;
  /** The two versions hold the same content (the same version twice, or one restored). */
  same: boolean;
  counts: { added: number; removed: number; changed: number };
  sections: Record<DiffSection, SectionChanges>;
}

export async function catalogDiffView(db: Db, fromId: number, toId: number): Promise<CatalogDiffView> {
  const from = await versionOrActive(db, 'from', fromId);
  const to = await versionOrActive(db, 'to', toId);
  const sections = catalogChanges(from.content, to.content);
  const all = DIFF_SECTIONS.map((s) => sections[s]);
  const counts = {
    added: all.reduce((n, s) => n + s.added.length, 0),
    removed: all.reduce((n, s) => n + s.removed.length, 0),
    changed: all.reduce((n, s) => n + s.changed.length, 0),
  };
  return { from: info(from), to: info(to), same: !counts.added && !counts.removed && !counts.changed, counts, sections };
}

export const CATALOG_LISTS = ['subscriptions', 'grants', 'measures'] as const;
export type CatalogList = (typeof CATALOG_LISTS)[number];

/** A page of the subscriptions, grants or measures of a version (the one in force unless given). */
export async function catalogListPage(
  db: Db, list: CatalogList, page: { limit: number; offset: number; version?: number },
): Promise<VersionInfo & { total: number; items: unknown[] }> {
  const v = await versionOrActive(db, 'version', page.version);
  const items = (v.content[list] ?? []) as unknown[];
  return { ...info(v), total: items.length, items: items.slice(page.offset, page.offset + page.limit) };
}
