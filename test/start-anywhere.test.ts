// A clone in a folder only root may enter (root's home is 0700) must start. As root, PostgreSQL
// runs as the system user `postgres`, which cannot reach programs or data inside that folder: the
// programs are copied out once and the cluster placed outside, linked from the data folder. Here
// the clone's pieces — the PostgreSQL programs and the data folder — sit in a private folder, and
// the embedded server is started from there, twice, the second time after its secrets were lost.
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../runtime/ports.ts';
import { packagedPostgres, postgresUser, SHARED_ROOT, userCan } from '../runtime/postgres-place.ts';
import { providePostgres } from '../runtime/postgres-server.ts';
import type { PostgresEndpoint, PostgresServerOptions } from '../runtime/postgres-server.ts';

const isRoot = process.getuid?.() === 0;

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.skipIf(!isRoot)('start anywhere (as root; skipped otherwise: only root runs PostgreSQL as another user)', () => {
  const home = mkdtempSync(path.join(os.homedir(), 'cdf-private-'));
  chmodSync(home, 0o700);
  const clone = path.join(home, 'cdf');
  const packaged = packagedPostgres();
  // A version of our own, so the copy is made by this test rather than found from an earlier run.
  const programs = { nativeDir: path.join(clone, 'node_modules', 'postgres-native'), version: `${packaged.version}-test-${process.pid}` };
  const copied = path.join(SHARED_ROOT, `postgres-${programs.version}`);
  const dataDir = path.join(clone, 'var', 'postgres');
  let opts: PostgresServerOptions;
  let running: PostgresEndpoint | undefined;
  let cluster: string | undefined;

  afterAll(async () => {
    await running?.stop();
    if (cluster) rmSync(cluster, { recursive: true, force: true });
    if (cluster) rmSync(`${cluster}.owner`, { force: true });
    rmSync(copied, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('is a place the postgres user cannot enter', async () => {
    cpSync(packaged.nativeDir, programs.nativeDir, { recursive: true, verbatimSymlinks: true });
    expect(userCan(postgresUser(), 'x', path.join(programs.nativeDir, 'bin', 'postgres'))).toBe(false);
    expect(userCan(postgresUser(), 'x', home)).toBe(false);
    opts = {
      databaseUrl: undefined, dataDir, port: await freePort(), database: 'cdf', logFile: path.join(clone, 'var', 'logs', 'postgres.log'),
      programs, appRole: 'cdf_app',
    };
  });

  it('starts the embedded server from there, with generated passwords kept 0600, as the application role', async () => {
    running = await providePostgres(opts);
    expect(running.origin).toBe('started');
    expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
    cluster = readlinkSync(dataDir);
    expect(cluster.startsWith(path.join(SHARED_ROOT, 'clusters') + path.sep)).toBe(true);
    expect(statSync(cluster).uid).toBe(postgresUser().uid);
    expect(readFileSync(`${cluster}.owner`, 'utf8').trim()).toBe(dataDir);

    const secretsFile = path.join(clone, 'var', 'secrets.json');
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as { postgresPassword: string; appPassword: string };
    expect(decodeURIComponent(new URL(running.ownerUrl).password)).toBe(secrets.postgresPassword);
    expect(decodeURIComponent(new URL(running.databaseUrl).password)).toBe(secrets.appPassword);
    expect(new URL(running.databaseUrl).username).toBe('cdf_app');

    // The server runs the copy made outside the private folder.
    const postmaster = readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0];
    expect(readlinkSync(`/proc/${postmaster}/exe`)).toBe(path.join(copied, 'bin', 'postgres'));
    expect(existsSync(path.join(copied, '.complete'))).toBe(true);

    await query(running.ownerUrl, 'create table kept (note text); insert into kept values (\'first start\')');
    expect(await query(running.databaseUrl, 'select current_user as who, usesuper from pg_user where usename = current_user'))
      .toEqual([{ who: 'cdf_app', usesuper: false }]);
  });

  it('starts again on the same data, and takes new secrets when its secrets file was lost', async () => {
    await running!.stop();
    running = await providePostgres(opts);
    expect(running.origin).toBe('started');
    expect(readlinkSync(dataDir)).toBe(cluster);
    expect(await query(running.ownerUrl, 'select note from kept')).toEqual([{ note: 'first start' }]);

    await running.stop();
    const before = readFileSync(path.join(clone, 'var', 'secrets.json'), 'utf8');
    rmSync(path.join(clone, 'var', 'secrets.json'));
    running = await providePostgres(opts);
    expect(readFileSync(path.join(clone, 'var', 'secrets.json'), 'utf8')).not.toBe(before);
    expect(await query(running.ownerUrl, 'select note from kept')).toEqual([{ note: 'first start' }]);
    expect(await query(running.databaseUrl, 'select current_user as who')).toEqual([{ who: 'cdf_app' }]);
  });
});
