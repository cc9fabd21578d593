// Finds the factory the CLI acts on: DATABASE_URL and TEMPORAL_ADDRESS when set, else the one a
// running `cdf start` recorded in the data folder.
import { notFoundError } from '../domain/errors.ts';
import { loadConfig } from '../runtime/config.ts';
import type { Config } from '../runtime/config.ts';
import { Secret } from '../domain/secret.ts';
import { readState } from '../runtime/state.ts';
import { openContext } from '../services/context.ts';
import type { ServiceContext } from '../services/context.ts';
import { parseIdentity } from '../services/identity.ts';
import type { Identity } from '../services/identity.ts';

export function locate(config: Config): { databaseUrl: Secret; temporalAddress: string } {
  const state = readState(config.dataDir);
  const databaseUrl = config.databaseUrl ?? (state?.databaseUrl ? new Secret(state.databaseUrl) : undefined);
  const temporalAddress = config.temporalAddress ?? state?.temporalAddress;
  if (!databaseUrl || !temporalAddress) {
    throw notFoundError('CDF_NOT_RUNNING', {
      zh: `找不到运行中的工厂：请先运行 ./start.sh（或 cdf start），或设置 DATABASE_URL 和 TEMPORAL_ADDRESS（数据目录 ${config.dataDir}）`,
      en: `no running factory found: run ./start.sh (or cdf start) first, or set DATABASE_URL and TEMPORAL_ADDRESS (data folder ${config.dataDir})`,
    });
  }
  return { databaseUrl, temporalAddress };
}

export async function withContext<T>(fn: (ctx: ServiceContext) => Promise<T>, env = process.env): Promise<T> {
  const config = loadConfig(env);
  const { databaseUrl, temporalAddress } = locate(config);
  const ctx = await openContext(config, databaseUrl, temporalAddress);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** The CLI is an operator's tool on the factory's machine (it holds the database credentials): it
 * acts as admin unless told otherwise. Personal data stays masked unless `--unmask` asks, and each
 * unmasked answer is audited like any other. */
export function cliIdentity(as: string | undefined, opts: { unmask?: boolean } = {}, env = process.env): Identity {
  return { ...parseIdentity(as ?? loadConfig(env).cliIdentity ?? 'admin@cli'), via: 'cli', ...(opts.unmask ? { unmask: true } : {}) };
}
