// The page benchmark: a factory of its own (embedded PostgreSQL, Temporal, worker) in
// bench/out/pages-<records>-<seed>/, the demo loaded, N golden records seeded (once: a kept folder
// is reused), then the API built in this process and timed over HTTP as each role: first screens
// and every paged list, page 1 and a deep page, with and without a filter. Slow statements are
// logged with their plans by auto_explain (EXPLAIN ANALYZE of what the API really ran).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { APP_ROLE } from '../../db/app-role.ts';
import { connectDb } from '../../db/connect.ts';
import type { Db } from '../../db/connect.ts';
import { loadConfig } from '../../runtime/config.ts';
import { startFactory } from '../../runtime/factory.ts';
import { freePort } from '../../runtime/ports.ts';
import type { Shutdown } from '../../runtime/shutdown.ts';
import { buildApp } from '../../server/app.ts';
import { createAccount } from '../../services/auth/accounts.ts';
import { createToken } from '../../services/auth/tokens.ts';
import { openContext } from '../../services/context.ts';
import { loadDemo } from '../../services/demo.ts';
import type { Identity } from '../../services/identity.ts';
import { ROLES, detailPages, filtersOf, isScoped, landingOf, listEndpoints, query, rolesFor, searchTerms } from './endpoints.ts';
import type { RoleName, Samples } from './endpoints.ts';
import { get, timeFirstScreen, timeRequest } from './measure.ts';
import type { Caller, Timing } from './measure.ts';
import { seedPages } from './seed.ts';
import type { SeedSummary } from './seed.ts';
import { slowPlans } from './plans.ts';

export interface PagesResult {
  date: string;
  records: number;
  seed: number;
  goldenRecords: number;
  seeded: SeedSummary;
  runs: number;
  webBuilt: boolean;
  firstScreens: Timing[];
  lists: Timing[];
  missing: string[];
  overBudget: Array<Pick<Timing, 'name' | 'role' | 'path' | 'medianMs' | 'p95Ms' | 'budgetMs'>>;
  slowStatements: Array<{ ms: number; query: string; plan: string }>;
}

const operator: Identity = { user: 'bench', role: 'admin', via: 'cli' };

async function tokens(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(ROLES)) {
    const username = `bench-pages-${name}`;
    if (!(await db('accounts').where({ username }).first('id'))) {
      await createAccount(db, operator, { username, role: spec.role as Identity['role'], ...(spec.agency ? { agency: spec.agency } : {}),
        ...(spec.region ? { region: spec.region } : {}), ...(spec.unmask ? { unmask: true } : {}) });
    }
    out[name] = (await createToken(db, operator, { account: username, name: 'page benchmark', scopes: ['read'], days: 1 })).token;
  }
  return out;
}

async function samplesOf(db: Db): Promise<Samples> {
  // A subject with several records (what an auditor looks up), and one of its decisions.
  const { rows } = await db.raw<{ rows: Array<{ subject_uscc: string; name: string; decision_no: string }> }>(`
    select g.subject_uscc, g.fields->>'subject_name' as name, g.fields->>'decision_no' as decision_no
      from golden_records g
     where g.dataset = 'admin_penalty' and g.subject_uscc is not null and g.id % 1000 = 7
     order by g.id limit 1`);
  const r = rows[0]!;
  const record = (await db('golden_records').where({ subject_uscc: r.subject_uscc, dataset: 'admin_penalty' }).orderBy('id')
    .first('id')) as { id: string };
  const task = (await db('steward_tasks').where({ kind: 'conflict', status: 'open' }).orderBy('id', 'desc').first('id')) as { id: string } | undefined;
  const batch = (await db('batches').where({ dataset: 'admin_penalty' }).orderByRaw(`(counts->>'accepted')::int desc nulls last`)
    .first('id')) as { id: string };
  return {
    subjectName: r.name, subjectUscc: r.subject_uscc, decisionNo: r.decision_no, recordId: Number(record.id), batchId: batch.id,
    ...(task ? { taskId: Number(task.id) } : {}),
  };
}

/** Slow statements of the API's connections go to the server log with their plans. */
async function explainSlow(owner: Db, ms: number, log: (l: string) => void): Promise<void> {
  // EXPLAIN ANALYZE instruments every statement (nested ones in functions too): `--explain-ms -1` times without it.
  if (ms < 0) {
    await owner.raw(`alter role ${APP_ROLE} reset all`).catch(() => undefined);
    return;
  }
  try {
    await owner.raw(`alter role ${APP_ROLE} set session_preload_libraries = 'auto_explain'`);
    for (const [k, v] of Object.entries({ log_min_duration: `${ms}ms`, log_analyze: 'on', log_buffers: 'on', log_nested_statements: 'on', log_timing: 'on' })) {
      await owner.raw(`alter role ${APP_ROLE} set auto_explain.${k} = '${v}'`);
    }
  } catch (e) {
    // Without a superuser (an external DATABASE_URL) the timings still stand; only the plans are missing.
    log(`  auto_explain 未启用 / not enabled: ${(e as Error).message}`);
  }
}

export async function runPages(opts: {
  records: number; seed: number; runs: number; warmups: number; dataDir: string; keep: boolean; explainMs: number; log: (l: string) => void; shutdown: Shutdown;
}): Promise<PagesResult> {
  const { log, dataDir } = opts;
  const marker = path.join(dataDir, 'pages-seed.json');
  const reused = existsSync(marker);
  const ports = { CDF_PG_PORT: await freePort(), CDF_TEMPORAL_PORT: await freePort(), CDF_TEMPORAL_UI_PORT: await freePort(), CDF_PORT: await freePort() };
  const config = loadConfig({
    ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    CDF_DATA_DIR: path.join(dataDir, 'var'), CDF_RATE_LIMIT_PER_MINUTE: '10000000',
  });
  const factory = await startFactory(config, log, opts.shutdown);
  const owner = connectDb(factory.postgres.ownerUrl, 4);
  opts.shutdown.add('bench owner connection', () => owner.destroy());
  let seeded: SeedSummary;
  if (reused) {
    seeded = JSON.parse(readFileSync(marker, 'utf8')) as SeedSummary;
    log(`复用已播种的数据 / reusing the seeded data in ${dataDir} (${seeded.records} records)`);
  } else {
    const ctx0 = await openContext(config, factory.postgres.databaseUrl, factory.temporal.address);
    log('载入演示数据 / loading the demo…');
    await loadDemo(ctx0);
    await ctx0.close();
    log(`播种 / seeding ${opts.records.toLocaleString('en')} golden records…`);
    seeded = await seedPages(owner, { records: opts.records, seed: opts.seed, log });
    writeFileSync(marker, `${JSON.stringify(seeded, null, 2)}\n`);
    log(`  ${seeded.seconds} s: ${JSON.stringify(seeded)}`);
  }
  await explainSlow(owner, opts.explainMs, log);
  const logFile = path.join(factory.logsDir, 'postgres.log');
  const logFrom = existsSync(logFile) ? readFileSync(logFile).length : 0;
  // A fresh context after auto_explain is set: its connections load it.
  const ctx = await openContext(config, factory.postgres.databaseUrl, factory.temporal.address);
  const app = await buildApp(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  opts.shutdown.add('bench API', async () => {
    await app.close();
    await ctx.close();
  });
  const address = app.server.address() as { port: number };
  const caller: Caller = { baseUrl: `http://127.0.0.1:${address.port}`, tokens: await tokens(ctx.db), runs: opts.runs, warmups: opts.warmups };
  const samples = await samplesOf(owner);
  const goldenRecords = Number(((await owner.raw<{ rows: Array<{ n: string }> }>('select count(*) as n from golden_records')).rows[0]!).n);
  log(`计时 / timing against ${goldenRecords.toLocaleString('en')} golden records, ${opts.runs} runs after ${opts.warmups} warm-ups`);

  const firstScreens: Timing[] = [];
  const lists: Timing[] = [];
  const webBuilt = (await get(caller, null, '/')).status === 200 && existsSync(path.join(process.cwd(), 'web', 'dist', 'index.html'));
  for (const { label, role, paths: landing } of landingOf(samples)) {
    const { timing, parts } = await timeFirstScreen(caller, role, landing, label);
    firstScreens.push(timing, ...parts);
    log(`  ${timing.name}: median ${timing.medianMs} ms, p95 ${timing.p95Ms} ms ${timing.note ?? ''}`);
    // Each landing request alone too, so a slow first screen names the request that makes it slow.
    for (const p of landing.filter((x) => !parts.some((t) => t.path === x))) {
      const t = await timeRequest(caller, `landing of ${label}: ${p}`, role, p, 'request');
      firstScreens.push(t);
      log(`    ${p}: ${t.medianMs} / ${t.p95Ms} ms ${t.verdict}`);
    }
  }
  for (const [role, p] of detailPages(samples)) {
    const t = await timeRequest(caller, `detail ${p}`, role, p, 'request');
    lists.push(t);
    log(`  ${p} as ${role}: ${t.medianMs} / ${t.p95Ms} ms ${t.verdict} ${t.note ?? ''}`);
  }
  const doc = (await get(caller, 'admin', '/api/openapi.json')).body as Parameters<typeof listEndpoints>[0];
  for (const e of listEndpoints(doc)) {
    const roles = await usableRoles(caller, e.path, filtersOf(e, samples)[0] ?? {});
    if (!roles.length) {
      lists.push({ name: e.path, role: '-', path: e.path, kind: 'list', medianMs: null, p95Ms: null, rows: null, total: null, budgetMs: 300, verdict: 'error',
        note: 'no role could read it with the values the benchmark knows' });
      continue;
    }
    const variants = /search/.test(e.path) && e.params.some((p) => p.name === 'q')
      ? searchTerms(samples).map(([label, q]) => [label, { q }] as const)
      : filtersOf(e, samples).map((f) => [Object.keys(f).length ? Object.entries(f).map(([k, v]) => `${k}=${v}`).join('&') : 'no filter', f] as const);
    for (const [i, role] of roles.entries()) {
      for (const [label, f] of i === 0 ? variants : variants.slice(0, 1)) {
        const first = await timeRequest(caller, `${e.path} · ${label} · page 1`, role, `${e.path}${query({ ...f, limit: '50' })}`);
        lists.push(first);
        log(`  ${first.path} as ${role}: ${first.medianMs} / ${first.p95Ms} ms (${first.rows} of ${first.total}) ${first.verdict}`);
        if (first.total === null || first.total <= 50) continue;
        const offset = first.total >= 10_050 ? 10_000 : first.total - 50;
        const deepPath = `${e.path}${query({ ...f, limit: '50', offset: String(offset) })}`;
        const deep = await timeRequest(caller, `${e.path} · ${label} · offset ${offset}`, role, deepPath);
        lists.push(deep);
        log(`  ${deep.path} as ${role}: ${deep.medianMs} / ${deep.p95Ms} ms (${deep.rows}) ${deep.verdict}`);
      }
    }
  }
  const all = [...firstScreens, ...lists];
  const result: PagesResult = {
    date: new Date().toISOString(), records: opts.records, seed: opts.seed, goldenRecords, seeded, runs: opts.runs, webBuilt, firstScreens, lists,
    missing: [...new Set(all.filter((t) => t.verdict === 'missing').map((t) => t.path.split('?')[0]!))],
    overBudget: all.filter((t) => t.verdict === 'over' || t.verdict === 'p95_over')
      .map(({ name, role, path: p, medianMs, p95Ms, budgetMs }) => ({ name, role, path: p, medianMs, p95Ms, budgetMs })),
    slowStatements: existsSync(logFile) ? slowPlans(readFileSync(logFile).subarray(logFrom).toString('utf8')) : [],
  };
  await app.close();
  await ctx.close();
  await owner.destroy();
  await factory.stop();
  if (!opts.keep && !reused) rmSync(dataDir, { recursive: true, force: true });
  return result;
}

/** The roles to time a list as: the first that may read it, then the district and street stewards where they may. */
async function usableRoles(c: Caller, p: string, f: Record<string, string>): Promise<RoleName[]> {
  const ok: RoleName[] = [];
  for (const role of rolesFor(p)) {
    if (ok.length && !(isScoped(role) && role.endsWith('Steward'))) continue;
    const a = await get(c, role, `${p}${query({ ...f, limit: '1' })}`);
    if (a.status === 404 && a.code === 'CDF_ROUTE_UNKNOWN') break;
    // Refused is not for this role; any other failure is timed, so the table shows it as an error.
    if (a.status !== 403) ok.push(role);
  }
  return ok;
}
