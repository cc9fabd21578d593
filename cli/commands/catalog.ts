import { readCatalogFile } from '../../catalog/catalog-file.ts';
import { diffCatalogs, describeDiff } from '../../catalog/diff.ts';
import { effectiveEntries } from '../../catalog/inheritance.ts';
import { activeCatalog, catalogVersion, importCatalog, listCatalogVersions } from '../../db/catalog.ts';
import { notFoundError } from '../../domain/errors.ts';
import type { Db } from '../../db/connect.ts';
import { requireRole } from '../../services/identity.ts';
import { syncPullSchedules } from '../../services/pulls/schedules.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, say, usage } from '../output.ts';
import type { Io } from '../output.ts';
import type { Parsed } from '../args.ts';

export async function catalogCommand(io: Io, args: Parsed): Promise<number> {
  const [sub, file] = args.positionals;
  if (sub === 'import') {
    if (!file) throw usage('用法：cdf catalog import FILE', 'usage: cdf catalog import FILE');
    const { catalog: checked, name } = readCatalogFile(file);
    const who = cliIdentity(args.as);
    requireRole(who, ['admin'], { zh: '导入目录', en: 'import the catalogue' });
    const { schedules, ...r } = await withContext(async (ctx) => {
      const imported = await importCatalog(ctx.db, checked, who.user, name, ctx.config);
      // The pulls' schedules follow the catalogue at once.
      return { ...imported, schedules: await syncPullSchedules(ctx.temporal, ctx.db, ctx.config) };
    });
    if (io.json) printJson(io, r);
    else
      io.out(
        say(
          io,
          r.restores
            ? { zh: `目录已导入，版本 ${r.version}（恢复版本 ${r.restores} 的内容）`, en: `catalogue imported as version ${r.version}, restoring version ${r.restores}` }
            : r.created
            ? { zh: `目录已导入，版本 ${r.version}`, en: `catalogue imported as version ${r.version}` }
            : { zh: `目录内容未变，仍为版本 ${r.version}`, en: `catalogue unchanged: still version ${r.version}` },
        ),
      );
    const changed = schedules.created.length + schedules.updated.length + schedules.deleted.length;
    if (!io.json && changed) {
      io.out(say(io, {
        zh: `抽取计划：新建 ${schedules.created.length}、更新 ${schedules.updated.length}、删除 ${schedules.deleted.length}`,
        en: `pull schedules: ${schedules.created.length} created, ${schedules.updated.length} updated, ${schedules.deleted.length} deleted`,
      }));
    }
    return 0;
  }
  if (sub === 'versions') {
    const versions = await withContext((ctx) => listCatalogVersions(ctx.db));
    if (io.json) printJson(io, versions);
    else for (const v of versions) io.out(`${v.id}\t${v.importedAt.toISOString()}\t${v.importedBy}\t${v.sourceName ?? ''}`);
    return 0;
  }
  if (sub === 'diff') {
    const [from, to] = [Number(args.positionals[1]), Number(args.positionals[2])];
    if (!Number.isInteger(from) || !Number.isInteger(to)) throw usage('用法：cdf catalog diff V1 V2 [--json]', 'usage: cdf catalog diff V1 V2 [--json]');
    const d = await withContext(async (ctx) => {
      await requireVersions(ctx.db, [from, to]);
      return diffCatalogs((await catalogVersion(ctx.db, from)).content, (await catalogVersion(ctx.db, to)).content);
    });
    if (io.json) printJson(io, d);
    else io.out(describeDiff(d, io.lang));
    return 0;
  }
  if (sub === 'show') {
    const version = args.values.version === undefined ? undefined : Number(args.values.version);
    const v = await withContext(async (ctx) => {
      if (version === undefined) return activeCatalog(ctx.db);
      await requireVersions(ctx.db, [version]);
      return catalogVersion(ctx.db, version);
    });
    const region = args.values.region as string | undefined;
    if (region) {
      const entries = effectiveEntries(v.content, region);
      if (io.json) printJson(io, { version: v.id, region, entries });
      else {
        for (const e of entries) {
          io.out(
            `${e.agency} · ${e.dataset} · ${e.channel} · ${e.frequency} · ${e.share}` +
              `${e.authoritative ? ' · authoritative' : ''}${e.inheritedFrom ? ` ← ${e.inheritedFrom}` : ''}`,
          );
        }
      }
      return 0;
    }
    if (io.json) {
      printJson(io, { version: v.id, importedBy: v.importedBy, importedAt: v.importedAt, catalog: v.content });
      return 0;
    }
    const c = v.content;
    const zh = io.lang !== 'en';
    io.out(`${zh ? '目录版本' : 'Catalogue version'} ${v.id} (${v.importedBy}, ${v.importedAt.toISOString()})`);
    io.out(
      `${zh ? '区划' : 'Regions'}: ${c.regions.length}  ${zh ? '数源单位' : 'Agencies'}: ${c.agencies.length}  ` +
        `${zh ? '数据集' : 'Datasets'}: ${c.datasets.join(', ')}  ${zh ? '目录条目' : 'Entries'}: ${c.entries.length}`,
    );
    for (const e of c.entries) {
      const a = c.agencies.find((x) => x.code === e.agency);
      io.out(
        `  ${(zh ? a?.name.zh : a?.name.en) ?? e.agency} · ${e.dataset} · ${e.channel}` +
          `${e.authoritative ? (zh ? ' · 权威来源' : ' · authoritative') : ''} · ${e.frequency}`,
      );
    }
    return 0;
  }
  throw usage(
    '用法：cdf catalog import FILE | show [--version V] [--region CODE] [--json] | versions | diff V1 V2',
    'usage: cdf catalog import FILE | show [--version V] [--region CODE] [--json] | versions | diff V1 V2',
  );
}

/** A version that does not exist is answered with the versions that do: on a fresh demo there is only
 * version 1, and `diff 1 2` should say so rather than leave the reader to guess. */
async function requireVersions(db: Db, wanted: number[]): Promise<void> {
  const ids = (await listCatalogVersions(db)).map((v) => v.id);
  const missing = wanted.filter((w) => !ids.includes(w));
  if (!missing.length) return;
  const [first] = ids;
  const list = ids.length > 12 ? `${ids.slice(0, 3).join(', ')} … ${ids.slice(-3).join(', ')}` : ids.join(', ');
  const zh = ids.length === 0
    ? `目录版本 ${missing.join('、')} 不存在：还没有导入任何目录（cdf catalog import FILE）`
    : ids.length === 1
      ? `目录版本 ${missing.join('、')} 不存在：只有版本 ${first}，还没有可比较的另一个版本；再次导入改动后的目录即成为版本 ${first! + 1}`
      : `目录版本 ${missing.join('、')} 不存在；现有版本：${list}（共 ${ids.length} 个），例如 cdf catalog diff ${ids.at(-2)} ${ids.at(-1)}`;
  const en = ids.length === 0
    ? `catalogue version ${missing.join(', ')} does not exist: no catalogue has been imported yet (cdf catalog import FILE)`
    : ids.length === 1
      ? `catalogue version ${missing.join(', ')} does not exist: there is only version ${first}, nothing to compare it with yet; ` +
        `importing a changed catalogue makes version ${first! + 1}`
      : `catalogue version ${missing.join(', ')} does not exist; the versions are ${list} (${ids.length} in all), ` +
        `e.g. cdf catalog diff ${ids.at(-2)} ${ids.at(-1)}`;
  throw notFoundError('CDF_CATALOG_VERSION_UNKNOWN', { zh, en }, { parameter: 'version', versions: ids });
}
