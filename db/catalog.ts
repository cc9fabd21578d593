// Catalogue versions: every import that changes the content makes a new version (who, when); the
// same content imported again is the same version. Subscriptions named in the catalogue are
// upserted with it.
import { createHash } from 'node:crypto';
import type { CatalogFile } from '../catalog/catalog-file.ts';
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
}

const canonical = (c: CatalogFile): string => JSON.stringify(c);

export async function importCatalog(db: Db, content: CatalogFile, importedBy: string, sourceName: string): Promise<{ version: number; created: boolean }> {
  const sha256 = createHash('sha256').update(canonical(content)).digest('hex');
  return db.transaction(async (trx) => {
    // Imports take turns, and unchanged content is looked up rather than inserted, so version
    // numbers stay consecutive (an insert that conflicts would still use up a sequence number).
    await trx.raw(`select pg_advisory_xact_lock(hashtext('cdf:catalog'))`);
    const existing = (await trx('catalog_versions').where({ sha256 }).first('id')) as { id: number } | undefined;
    const created = !existing;
    const version = existing?.id ?? ((await trx('catalog_versions')
      .insert({ sha256, content: canonical(content), imported_by: importedBy, source_name: sourceName })
      .returning('id'))[0] as { id: number }).id;
    if (created) await appendAudit(trx, { actor: importedBy, kind: 'catalog_version', subject: `catalog:${version}`, payload: { sha256, sourceName } });
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
    return { version, created };
  });
}

interface VersionRow { id: number; sha256: string; content: CatalogFile; imported_by: string; imported_at: Date; source_name: string | null }
const toVersion = (r: VersionRow): CatalogVersion => ({
  id: r.id,
  sha256: r.sha256,
  content: r.content,
  importedBy: r.imported_by,
  importedAt: r.imported_at,
  sourceName: r.source_name,
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
  const rows = (await db('catalog_versions').orderBy('id').select('id', 'sha256', 'imported_by', 'imported_at', 'source_name')) as Array<
    Omit<VersionRow, 'content'>
  >;
  return rows.map((r) => ({ id: r.id, sha256: r.sha256, importedBy: r.imported_by, importedAt: r.imported_at, sourceName: r.source_name }));
}
