// Finds the Temporal CLI (which carries the dev server), or builds it. Order: TEMPORAL_CLI,
// `temporal` on PATH, the per-user cache, `go install` into that cache, else undefined so the
// caller can let the SDK download one (machines with internet). The cache lives outside the repo
// so a fresh clone and CI reuse one build.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const MODULE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

export interface FoundCli {
  path: string;
  source: 'env' | 'path' | 'cache' | 'built';
}

export function cliCacheDir(env: Record<string, string | undefined> = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'credit-data-factory', 'temporal-cli', TEMPORAL_CLI_VERSION);
}

function onPath(name: string, env: Record<string, string | undefined>): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function findGo(env: Record<string, string | undefined>): string | undefined {
  return onPath('go', env) ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
}

export function findTemporalCli(env: Record<string, string | undefined> = process.env): FoundCli | undefined {
  if (env.TEMPORAL_CLI) return existsSync(env.TEMPORAL_CLI) ? { path: env.TEMPORAL_CLI, source: 'env' } : undefined;
  const fromPath = onPath('temporal', env);
  if (fromPath) return { path: fromPath, source: 'path' };
  const cached = path.join(cliCacheDir(env), 'bin', 'temporal');
  if (existsSync(cached)) return { path: cached, source: 'cache' };
  return undefined;
}

export class TemporalCliUnavailable extends Error {}

/** Builds the CLI with Go into the cache. Takes minutes the first time; prints progress. */
export async function buildTemporalCli(log: (line: string) => void, env: Record<string, string | undefined> = process.env): Promise<FoundCli> {
  const go = findGo(env);
  if (!go) {
    throw new TemporalCliUnavailable(
      '找不到 Temporal CLI，也没有 Go 可用来构建它。请设置 TEMPORAL_CLI=/path/to/temporal，或把 temporal 放到 PATH，或安装 Go，或设置 TEMPORAL_ADDRESS 连接已有集群。\n' +
      'No Temporal CLI found and no Go to build it. Set TEMPORAL_CLI=/path/to/temporal, put temporal on PATH, ' +
      `install Go (then it is built with: go install ${MODULE}), or set TEMPORAL_ADDRESS to use an existing cluster.`);
  }
  const bin = path.join(cliCacheDir(env), 'bin');
  mkdirSync(bin, { recursive: true });
  log(`正在构建 Temporal CLI ${TEMPORAL_CLI_VERSION}（首次需要几分钟）… / Building the Temporal CLI ${TEMPORAL_CLI_VERSION} (the first build takes minutes) into ${bin}`);
  const started = Date.now();
  const tick = setInterval(() => log(`  …仍在构建 / still building (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(go, ['install', MODULE], {
        env: { ...env, GOBIN: bin, CGO_ENABLED: env.CGO_ENABLED ?? '0' } as NodeJS.ProcessEnv,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (code !== 0) {
      throw new TemporalCliUnavailable(
        `构建 Temporal CLI 失败（go install 退出码 ${code}）/ Building the Temporal CLI failed: go install ${MODULE} exited with ${code}`,
      );
    }
  } finally {
    clearInterval(tick);
  }
  log(`Temporal CLI 构建完成，用时 ${Math.round((Date.now() - started) / 1000)} 秒 / built in ${Math.round((Date.now() - started) / 1000)} s`);
  return { path: path.join(bin, 'temporal'), source: 'built' };
}

/** Finds or builds the CLI; undefined only when neither works and the SDK may download one. */
export async function ensureTemporalCli(log: (line: string) => void, env: Record<string, string | undefined> = process.env): Promise<FoundCli> {
  const found = findTemporalCli(env);
  if (found) return found;
  if (env.TEMPORAL_CLI) throw new TemporalCliUnavailable(`TEMPORAL_CLI=${env.TEMPORAL_CLI} 不存在 / does not exist`);
  return buildTemporalCli(log, env);
}

