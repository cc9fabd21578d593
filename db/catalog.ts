// Catalogue versions: every import that changes the content makes a new version (who, when); the
// content in force imported again is the same version. Content identical to an earlier version is
// made current again as a new version that names the one it restores (`restores`): the newest
// version is always the one in force. Subscriptions named in the catalogue are upserted with it.
// Before anything is written, every subscription's sink is checked against the operator's policy
// (catalog/sink-policy.ts): the catalogue cannot point a sink outside what the configuration allows.
import { createHash } from 'node:crypto';
import type { CatalogFile } from '../catalog/catalog-file.ts';
import { assertCatalogSinksAllowed } from '../catalog/sink-policy.ts';
import type { SinkPlaces } from '../catalog/sink-policy.ts';
import { notFoundError } from '../domain/errors.ts';
import type { Knex } from 'knex';
import { appendAudit } from './audit.ts';
import type { Db } from './connect.ts';

export interface CatalogVersion {
  id: number;
  sha256: string;
  content: CatalogFile;
  importedBy: string;
  importedAt: Date;
  sourceName: string | null;
  /** The earlier version whose content this one made current again. */
  restores: number | null;
}

const canonical = (c: CatalogFile): string => JSON.stringify(c);

export async function importCatalog(
  db: Db, content: CatalogFile, importedBy: string, sourceName: string, places: SinkPlaces,
): Promise<{ version: number; created: boolean; restores?: number }> {
  assertCatalogSinksAllowed(content, places, sourceName);
  const sha256 = createHash('sha256').update(canonical(content)).digest('hex');
  return db.transaction(async (trx) => {
    // Imports take turns, and unchanged content is looked up rather than inserted, so version
    // numbers stay consecutive (an insert that conflicts would still use up a sequence number).
    await trx.raw(`select pg_advisory_xact_lock(hashtext('cdf:catalog'))`);
    const current = (await trx('catalog_versions').orderBy('id', 'desc').first('id', 'sha256')) as { id: number; sha256: string } | undefined;
    const created = current?.sha256 !== sha256;
    // The first version that had this content, when an earlier one did: the one made current again.
    const earlier = created ? ((await trx('catalog_versions').where({ sha256 }).orderBy('id').first('id')) as { id: number } | undefined) : undefined;
    const restores = earlier?.id;
    const version = !created ? current!.id : ((await trx('catalog_versions')
      .insert({ sha256, content: canonical(content), imported_by: importedBy, source_name: sourceName, restores: restores ?? null })
      .returning('id'))[0] as { id: number }).id;
    if (created) {
      await appendAudit(trx, {
        actor: importedBy, kind: 'catalog_version', subject: `catalog:${version}`, payload: { sha256, sourceName, ...(restores ? { restores } : {}) },
      });
    }
    for (const s of content.subscriptions ?? []) {
      await trx('subscriptions')
        .insert({
          id: s.id,
          name_zh: s.name.zh,
          name_en: s.name.en,
          dataset: s.dataset,
          sink: s.sink,
          config: JSON.stringify(s.config ?? {}),
          subscriber: s.subscriber ?? null,
          regions: JSON.stringify(s.regions ?? []),
          filter: JSON.stringify(s.filter ?? {}),
          public: s.public ?? false,
          active: true,
        })
        .onConflict('id')
        .merge(['name_zh', 'name_en', 'dataset', 'sink', 'config', 'subscriber', 'regions', 'filter', 'public', 'active']);
    }
    // A subscription the catalogue in force no longer lists receives nothing more; its deliveries stay.
    await trx('subscriptions').whereNotIn('id', (content.subscriptions ?? []).map((s) => s.id)).update({ active: false });
    return { version, created, ...(restores ? { restores } : {}) };
  });
}

interface VersionRow {
  id: number; sha256: string; content: CatalogFile; imported_by: string; imported_at: Date; source_name: string | null; restores: number | null;
}
const toVersion = (r: VersionRow): CatalogVersion => ({
  id: r.id,
  sha256: r.sha256,
  content: r.content,
  importedBy: r.imported_by,
  importedAt: r.imported_at,
  sourceName: r.source_name,
  restores: r.restores,
});

/** The newest version is the one in force. */
export async function activeCatalog(db: Db): Promise<CatalogVersion> {
  const row = (await db('catalog_versions').orderBy('id', 'desc').first()) as VersionRow | undefined;
  if (!row)
    throw notFoundError('CDF_CATALOG_EMPTY', {
      zh: '尚未导入目录，请先运行 cdf catalog import FILE',
      en: 'no catalogue has been imported yet: run cdf catalog import FILE',
    });
  return toVersion(row);
}

export async function catalogVersion(db: Db | Knex.Transaction, id: number): Promise<CatalogVersion> {
  const row = (await db('catalog_versions').where({ id }).first()) as VersionRow | undefined;
  if (!row) throw notFoundError('CDF_CATALOG_VERSION_UNKNOWN', { zh: `目录版本 ${id} 不存在`, en: `catalogue version ${id} does not exist` });
  return toVersion(row);
}

export async function listCatalogVersions(db: Db): Promise<Array<Omit<CatalogVersion, 'content'>>> {
  const rows = (await db('catalog_versions').orderBy('id').select('id', 'sha256', 'imported_by', 'imported_at', 'source_name', 'restores')) as Array<
    Omit<VersionRow, 'content'>
  >;
  return rows.map((r) => ({
    id: r.id, sha256: r.sha256, importedBy: r.imported_by, importedAt: r.imported_at, sourceName: r.source_name, restores: r.restores,
  }));
}
