// What every benchmark needs first: a real factory of its own — PostgreSQL, Temporal, worker and
// API processes on free ports, so it never meets a factory already running on the machine — with
// the demo catalogue imported; and a way to upload a file as an agency does, through the API.
import { mkdirSync, openAsBlob, rmSync } from 'node:fs';
import path from 'node:path';
import { importDemoCatalog } from '../../services/demo.ts';
import { loadConfig } from '../../runtime/config.ts';
import { startFactory } from '../../runtime/factory.ts';
import type { RunningFactory } from '../../runtime/factory.ts';
import { freePort } from '../../runtime/ports.ts';
import { Shutdown } from '../../runtime/shutdown.ts';
import { openContext } from '../../services/context.ts';
import type { ServiceContext } from '../../services/context.ts';
import { createAccount } from '../../services/auth/accounts.ts';
import { createToken } from '../../services/auth/tokens.ts';
import type { Identity } from '../../services/identity.ts';

export interface BenchFactory {
  factory: RunningFactory;
  ctx: ServiceContext;
  close(): Promise<void>;
}

export async function startBenchFactory(opts: {
  outDir: string;
  env?: NodeJS.ProcessEnv;
  log: (line: string) => void;
  shutdown?: Shutdown;
  keep?: boolean;
}): Promise<BenchFactory> {
  const runDir = path.join(opts.outDir, `run-${process.pid}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  const ports = { CDF_PG_PORT: await freePort(), CDF_TEMPORAL_PORT: await freePort(), CDF_TEMPORAL_UI_PORT: await freePort(), CDF_PORT: await freePort() };
  const config = loadConfig({
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    ...opts.env,
    CDF_DATA_DIR: path.join(runDir, 'var'),
  });
  const factory = await startFactory(config, opts.log, opts.shutdown ?? new Shutdown());
  const ctx = await openContext(config, factory.postgres.databaseUrl, factory.temporal.address);
  await importDemoCatalog(ctx.db, 'admin@bench', ctx.config);
  tokensByApi.set(factory.apiUrl, agencyTokens(ctx));
  return {
    factory,
    ctx,
    async close() {
      tokensByApi.delete(factory.apiUrl);
      await ctx.close();
      await factory.stop();
      if (!opts.keep) rmSync(runDir, { recursive: true, force: true });
    },
  };
}

/** An upload the API refused: the file could not become a batch (a counted outcome, not a crash). */
export class UploadRefused extends Error {
  constructor(readonly file: string, readonly status: number, readonly code: string, readonly reason: string) {
    super(`upload of ${file} refused: ${status} ${code} ${reason}`);
  }
}

const operator: Identity = { user: 'bench', role: 'admin', via: 'cli' };
/** Each factory's agencies' upload tokens, by the factory's API address. */
const tokensByApi = new Map<string, (agency: string) => Promise<string>>();

/** Each agency uploads as itself, signed in with an upload token of its own account (made once). */
function agencyTokens(ctx: ServiceContext): (agency: string) => Promise<string> {
  const made = new Map<string, Promise<string>>();
  return (agency) => {
    let t = made.get(agency);
    if (!t) {
      t = (async () => {
        const username = `bench-${agency}`;
        await createAccount(ctx.db, operator, { username, role: 'agency', agency });
        return (await createToken(ctx.db, operator, { account: username, name: 'benchmark uploads', scopes: ['upload'], days: 1 })).token;
      })();
      made.set(agency, t);
    }
    return t;
  };
}

/** Uploads a file through the HTTP API as the agency itself; returns the batch id. */
export async function uploadThroughApi(apiUrl: string, file: string, agency: string, channel?: string, dataset = 'admin_penalty'): Promise<string> {
  const form = new FormData();
  form.append('file', await openAsBlob(file), path.basename(file));
  const query = new URLSearchParams({ agency, dataset, ...(channel ? { channel } : {}) });
  // An API this run did not start gets no token: its 401 is a counted refusal like any other.
  const tokens = tokensByApi.get(apiUrl);
  const headers: Record<string, string> = tokens ? { authorization: `Bearer ${await tokens(agency)}` } : {};
  const res = await fetch(`${apiUrl}/api/uploads?${query}`, { method: 'POST', headers, body: form });
  const text = await res.text();
  let body: { batchId?: string; code?: string; message?: string; context?: { batchId?: string } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { message: text.slice(0, 500) };
  }
  // Received and recorded while Temporal was unreachable: the stranded-batch sweep starts it.
  if (body.code === 'CDF_ORCHESTRATOR_UNAVAILABLE' && body.context?.batchId) return body.context.batchId;
  if (!res.ok || !body.batchId) throw new UploadRefused(path.basename(file), res.status, body.code ?? `HTTP_${res.status}`, body.message ?? '');
  return body.batchId;
}
