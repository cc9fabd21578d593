// Every route × every role, from one table: no credentials, a bad token, agency A and B, district
// and city steward, district and city auditor, admin. Each cell is the exact status (and code),
// and for lists and exports what the body may contain: only the caller's scope, personal data
// masked unless the account may unmask. A route the table does not name fails the test, so a new
// route cannot ship unchecked. The facts the checks use (which agency lies in which district,
// which subject is registered where) are read from the catalogue file and the USCC itself, not
// from the scope code under test.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { buildApp } from '../server/app.ts';
import { loadDemo } from '../services/demo.ts';
import { tokenFor } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import {
  catalog, csvUpload, ERROR_KEYS, forbidden, goldenScope, inHeping, notEmpty, onlyAgencies, otherAgency, OWN_TOKENS, readers,
  recordUnknown, RESIDENT_ID, sameAsUnknown, signInFailed, variationIn,
} from './helpers/access-checks.ts';

const ROLES = {
  none: null,
  badToken: 'bad',
  agencyA: 'agency:city_market_regulation@matrix-a',
  agencyB: 'agency:city_tax@matrix-b',
  districtSteward: 'steward:120101@matrix-ds',
  citySteward: 'steward:120000@matrix-cs',
  districtAuditor: 'auditor:120101@matrix-da',
  cityAuditor: 'auditor:120000@matrix-ca',
  admin: 'admin@matrix-admin',
} as const;
type RoleKey = keyof typeof ROLES;
const ROLE_KEYS = Object.keys(ROLES) as RoleKey[];

interface Ids {
  marketBatch: string;
  hepingBatch: string;
  nankaiBatch: string;
  hepingRecord: number;
  nankaiRecord: number;
  repairByCity: number;
  repairByAdmin: number;
  nankaiTask: number;
  victimToken: string;
}

interface Answer { status: number; code?: string; check?: (body: unknown, ids: Ids) => void }
type Cell = number | Answer;
interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** The route as registered (to check every route is in the table). */
  path: string;
  url: (ids: Ids, role: RoleKey) => string;
  body?: (role: RoleKey) => { payload: string | Buffer; contentType: string };
  expect: Partial<Record<RoleKey, Cell>> & { signedIn?: Cell };
}

let f: TestFactory;
let app: FastifyInstance;
let ids: Ids;
let nankaiVersions: number;
const versionsOf = async (id: number) => Number(((await f.database.db('golden_versions').where({ golden_id: id }).count({ n: '*' })) as [{ n: number }])[0].n);
/** A timeliness page an agency reads: its own entries only, and at least one. */
const onlyOwnEntries = (agency: string) => (b: unknown) => {
  const rows = (b as { rows: Array<{ agency: string }> }).rows;
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r.agency).toBe(agency);
};
const ROUTES: Route[] = [
  { method: 'GET', path: '/api/health', url: () => '/api/health', expect: { none: 200, badToken: 200, signedIn: 200 } },
  { method: 'GET', path: '/api/public/:dataset', url: () => '/api/public/admin_penalty', expect: { none: 200, badToken: 200, signedIn: 200 } },
  {
    method: 'POST', path: '/api/auth/signin', url: () => '/api/auth/signin',
    body: () => ({ payload: JSON.stringify({ username: 'matrix-nobody', password: 'not the password' }), contentType: 'application/json' }),
    expect: { none: signInFailed, badToken: signInFailed, signedIn: signInFailed },
  },
  { method: 'GET', path: '/api/auth/me', url: () => '/api/auth/me', expect: { signedIn: 200 } },
  { method: 'POST', path: '/api/auth/signout', url: () => '/api/auth/signout', expect: { signedIn: 204 } },
  { method: 'GET', path: '/api/labels', url: () => '/api/labels', expect: { signedIn: 200 } },
  { method: 'GET', path: '/api/openapi.json', url: () => '/api/openapi.json', expect: { signedIn: 200 } },
  { method: 'GET', path: '/api/tokens', url: () => '/api/tokens', expect: { signedIn: { status: 200, check: OWN_TOKENS }, admin: 200 } },
  {
    method: 'POST', path: '/api/tokens', url: () => '/api/tokens',
    body: () => ({ payload: JSON.stringify({ name: 'matrix', scopes: ['read'], days: 1 }), contentType: 'application/json' }),
    expect: { signedIn: 201 },
  },
  {
    method: 'DELETE', path: '/api/tokens/:id', url: (i) => `/api/tokens/${i.victimToken}`,
    expect: { signedIn: { status: 404, code: 'CDF_TOKEN_UNKNOWN' }, admin: 204 },
  },
  { method: 'GET', path: '/api/accounts', url: () => '/api/accounts', expect: { signedIn: forbidden, admin: 200 } },
  {
    method: 'POST', path: '/api/accounts', url: () => '/api/accounts',
    body: (role) => ({ payload: JSON.stringify({ username: `made-by-${role}`, role: 'auditor', region: '120101' }), contentType: 'application/json' }),
    expect: { signedIn: forbidden, admin: 201 },
  },
  { method: 'POST', path: '/api/accounts/:username/unlock', url: () => '/api/accounts/matrix-victim/unlock', expect: { signedIn: forbidden, admin: 204 } },
  {
    method: 'POST', path: '/api/uploads', url: () => '/api/uploads?agency=city_market_regulation&dataset=admin_penalty', body: csvUpload,
    expect: {
      signedIn: forbidden, agencyA: { status: 202 }, agencyB: otherAgency, admin: { status: 200 },
    },
  },
  {
    method: 'GET', path: '/api/batches', url: () => '/api/batches',
    expect: {
      agencyA: { status: 200, check: onlyAgencies((a) => a === 'city_market_regulation') },
      agencyB: { status: 200, check: onlyAgencies((a) => a === 'city_tax') },
      districtSteward: { status: 200, check: onlyAgencies(inHeping) },
      districtAuditor: { status: 200, check: onlyAgencies(inHeping) },
      citySteward: { status: 200, check: notEmpty('batches') }, cityAuditor: 200, admin: 200,
    },
  },
  ...(['', '/report', '/rejects'] as const).map((suffix): Route => ({
    method: 'GET', path: `/api/batches/:id${suffix}`, url: (i) => `/api/batches/${i.nankaiBatch}${suffix}`,
    expect: { ...readers, agencyA: otherAgency, agencyB: otherAgency, districtSteward: sameAsUnknown, districtAuditor: sameAsUnknown },
  })),
  ...([['/events', ''], ['/report/reasons', ''], ['/report/cells', '?reason=CDF_ROW_SCHEMA']] as const).map(([suffix, query]): Route => ({
    method: 'GET', path: `/api/batches/:id${suffix}`, url: (i) => `/api/batches/${i.nankaiBatch}${suffix}${query}`,
    expect: { ...readers, agencyA: otherAgency, agencyB: otherAgency, districtSteward: sameAsUnknown, districtAuditor: sameAsUnknown },
  })),
  {
    method: 'GET', path: '/api/agency/datasets', url: () => '/api/agency/datasets',
    expect: {
      signedIn: forbidden, admin: { status: 400, code: 'CDF_AGENCY_REQUIRED' },
      agencyA: { status: 200, check: (b) => expect((b as { agency: string }).agency).toBe('city_market_regulation') },
      agencyB: {
        status: 200,
        check: (b) => expect((b as { datasets: Array<{ dataset: string }> }).datasets.map((d) => d.dataset)).toEqual(['admin_penalty', 'red_list']),
      },
    },
  },
  {
    method: 'GET', path: '/api/agency/datasets/:dataset/template', url: () => '/api/agency/datasets/red_list/template',
    expect: {
      signedIn: forbidden, admin: { status: 400, code: 'CDF_AGENCY_REQUIRED' }, agencyA: { status: 404, code: 'CDF_AGENCY_DATASET_UNKNOWN' }, agencyB: 200,
    },
  },
  {
    method: 'GET', path: '/api/quality/variation', url: () => '/api/quality/variation',
    expect: {
      signedIn: 200,
      districtSteward: { status: 200, check: variationIn(inHeping) },
      agencyB: { status: 200, check: variationIn((a) => a === 'city_tax') },
    },
  },
  { method: 'GET', path: '/api/catalog', url: () => '/api/catalog', expect: { signedIn: 200 } },
  { method: 'GET', path: '/api/catalog/versions', url: () => '/api/catalog/versions', expect: { signedIn: 200 } },
  { method: 'GET', path: '/api/catalog/diff', url: () => '/api/catalog/diff?from=1&to=1', expect: { signedIn: 200 } },
  { method: 'GET', path: '/api/catalog/tree', url: () => '/api/catalog/tree', expect: { signedIn: 200 } },
  { method: 'GET', path: '/api/catalog/subscriptions', url: () => '/api/catalog/subscriptions', expect: { signedIn: forbidden, ...readers } },
  { method: 'GET', path: '/api/catalog/grants', url: () => '/api/catalog/grants', expect: { signedIn: forbidden, ...readers } },
  { method: 'GET', path: '/api/catalog/measures', url: () => '/api/catalog/measures', expect: { signedIn: forbidden, ...readers } },
  {
    // A Heping steward or auditor counts only the batches of Heping's agencies.
    method: 'GET', path: '/api/quality/dashboard', url: () => '/api/quality/dashboard?by=agency',
    expect: {
      signedIn: forbidden, ...readers,
      districtSteward: {
        status: 200, check: (b) => { for (const g of (b as { groups: Array<{ key: string }> }).groups) expect(inHeping(g.key), g.key).toBe(true); },
      },
    },
  },
  { method: 'GET', path: '/api/system/links', url: () => '/api/system/links', expect: { signedIn: forbidden, ...readers } },
  { method: 'GET', path: '/api/pulls', url: () => '/api/pulls', expect: { signedIn: forbidden, ...readers } },
  {
    method: 'GET', path: '/api/quality/timeliness', url: () => '/api/quality/timeliness',
    expect: {
      signedIn: forbidden, ...readers,
      agencyA: { status: 200, check: onlyOwnEntries('city_market_regulation') },
      agencyB: { status: 200, check: onlyOwnEntries('city_tax') },
    },
  },
  {
    method: 'POST', path: '/api/pulls/run', url: () => '/api/pulls/run',
    body: () => ({
      payload: JSON.stringify({ agency: 'city_market_regulation', dataset: 'legal_person_registry' }), contentType: 'application/json',
    }),
    expect: { signedIn: forbidden, admin: 200 },
  },
  {
    method: 'POST', path: '/api/catalog', url: () => '/api/catalog?name=catalog.yaml',
    body: () => ({ payload: readFileSync(DEMO_CATALOG, 'utf8'), contentType: 'text/yaml' }),
    expect: { signedIn: forbidden, admin: 200 },
  },
  { method: 'GET', path: '/api/codes/check', url: () => '/api/codes/check?code=91120116MA05JXYA1N', expect: { signedIn: 200 } },
  { method: 'GET', path: '/api/codes/map', url: () => '/api/codes/map?code=MA05JXYA1', expect: { signedIn: 200, agencyA: 200, agencyB: 403 } },
  { method: 'GET', path: '/api/quality/link', url: () => '/api/quality/link', expect: { signedIn: 200 } },
  {
    method: 'GET', path: '/api/lineage/records/:id', url: (i) => `/api/lineage/records/${i.nankaiRecord}`,
    expect: { signedIn: forbidden, districtSteward: recordUnknown, districtAuditor: recordUnknown, citySteward: 200, cityAuditor: 200, admin: 200 },
  },
  {
    method: 'GET', path: '/api/lineage/records/:id/graph', url: (i) => `/api/lineage/records/${i.nankaiRecord}/graph`,
    expect: { signedIn: forbidden, districtSteward: recordUnknown, districtAuditor: recordUnknown, citySteward: 200, cityAuditor: 200, admin: 200 },
  },
  {
    // Search by the Nankai record's id: a Heping reader finds nothing, as if it were not there.
    method: 'GET', path: '/api/records/search', url: (i) => `/api/records/search?q=${i.nankaiRecord}`,
    expect: {
      signedIn: forbidden,
      districtSteward: { status: 200, check: (b) => expect((b as { items: unknown[] }).items).toEqual([]) },
      districtAuditor: { status: 200, check: (b) => expect((b as { items: unknown[] }).items).toEqual([]) },
      citySteward: { status: 200, check: (b, i) => expect((b as { items: Array<{ id: number }> }).items.map((x) => x.id)).toEqual([i.nankaiRecord]) },
      cityAuditor: { status: 200, check: (b, i) => expect((b as { items: Array<{ id: number }> }).items.map((x) => x.id)).toEqual([i.nankaiRecord]) },
      admin: 200,
    },
  },
  {
    method: 'GET', path: '/api/lineage/batches/:id', url: (i) => `/api/lineage/batches/${i.nankaiBatch}`,
    expect: { signedIn: forbidden, districtSteward: sameAsUnknown, districtAuditor: sameAsUnknown, citySteward: 200, cityAuditor: 200, admin: 200 },
  },
  { method: 'GET', path: '/api/deliveries', url: () => '/api/deliveries', expect: { signedIn: forbidden, ...readers } },
  // Measure cases: a department reads and answers its own; another's (here: none exists) is not there; nobody answers for it.
  { method: 'GET', path: '/api/cases', url: () => '/api/cases', expect: { signedIn: 200 } },
  { method: 'GET', path: '/api/cases/figures', url: () => '/api/cases/figures', expect: { signedIn: 200 } },
  { method: 'GET', path: '/api/cases/:id', url: () => '/api/cases/987654', expect: { signedIn: { status: 404, code: 'CDF_CASE_UNKNOWN' } } },
  {
    method: 'POST', path: '/api/cases/:id/feedback', url: () => '/api/cases/987654/feedback',
    body: () => ({ payload: JSON.stringify({ outcome: 'not_encountered' }), contentType: 'application/json' }),
    expect: { signedIn: forbidden, agencyA: { status: 404, code: 'CDF_CASE_UNKNOWN' }, agencyB: { status: 404, code: 'CDF_CASE_UNKNOWN' } },
  },
  {
    method: 'GET', path: '/api/audit/verify', url: () => '/api/audit/verify',
    expect: { signedIn: forbidden, districtAuditor: 200, cityAuditor: 200, admin: 200 },
  },
  {
    method: 'POST', path: '/api/records/:id/repair',
    url: (i, role) => `/api/records/${role === 'citySteward' ? i.repairByCity : role === 'admin' ? i.repairByAdmin : i.nankaiRecord}/repair`,
    body: () => ({ payload: JSON.stringify({ basis: '信用修复决定书 2026-001' }), contentType: 'application/json' }),
    expect: { signedIn: forbidden, districtSteward: recordUnknown, citySteward: 200, admin: 200 },
  },
  {
    method: 'GET', path: '/api/steward/tasks', url: () => '/api/steward/tasks',
    expect: { signedIn: forbidden, ...readers, citySteward: { status: 200, check: notEmpty('tasks') } },
  },
  {
    method: 'POST', path: '/api/steward/tasks/:id/decision', url: (i) => `/api/steward/tasks/${i.nankaiTask}/decision`,
    // The district steward sends a well-formed decision, so only the scope can refuse it; the
    // others a malformed one, so the matrix decides nothing.
    body: (role) => ({
      payload: JSON.stringify({ decision: { action: role === 'districtSteward' ? 'take_held' : 'flip_a_coin' } }), contentType: 'application/json',
    }),
    expect: {
      signedIn: forbidden, districtSteward: { status: 404, code: 'CDF_TASK_UNKNOWN' },
      citySteward: { status: 400, code: 'CDF_DECISION_INVALID' }, admin: { status: 400, code: 'CDF_DECISION_INVALID' },
    },
  },
  {
    method: 'GET', path: '/api/steward/tasks/:id', url: (i) => `/api/steward/tasks/${i.nankaiTask}`,
    expect: {
      signedIn: forbidden, ...readers, districtSteward: { status: 404, code: 'CDF_TASK_UNKNOWN' }, districtAuditor: { status: 404, code: 'CDF_TASK_UNKNOWN' },
    },
  },
  {
    // The item is open: nothing to undo for those who may see it; the district steward may not.
    method: 'POST', path: '/api/steward/tasks/:id/reopen', url: (i) => `/api/steward/tasks/${i.nankaiTask}/reopen`,
    body: () => ({ payload: '{}', contentType: 'application/json' }),
    expect: {
      signedIn: forbidden, districtSteward: { status: 404, code: 'CDF_TASK_UNKNOWN' },
      citySteward: { status: 422, code: 'CDF_TASK_NOT_DECIDED' }, admin: { status: 422, code: 'CDF_TASK_NOT_DECIDED' },
    },
  },
  ...(['preview', 'apply'] as const).map((step): Route => ({
    // As for a decision: well formed from the district steward (only the scope refuses it), malformed from the others.
    method: 'POST', path: `/api/steward/bulk/${step}`, url: () => `/api/steward/bulk/${step}`,
    body: (role) => ({
      payload: JSON.stringify({ taskId: ids.nankaiTask, decision: { action: role === 'districtSteward' ? 'take_held' : 'flip_a_coin' }, token: 'matrix' }),
      contentType: 'application/json',
    }),
    expect: {
      signedIn: forbidden, districtSteward: { status: 404, code: 'CDF_TASK_UNKNOWN' },
      citySteward: { status: 400, code: 'CDF_DECISION_INVALID' }, admin: { status: 400, code: 'CDF_DECISION_INVALID' },
    },
  })),
  {
    method: 'GET', path: '/api/golden', url: () => '/api/golden?dataset=admin_penalty',
    expect: {
      signedIn: forbidden,
      districtSteward: { status: 200, check: goldenScope('120101', false) }, districtAuditor: { status: 200, check: goldenScope('120101', false) },
      citySteward: { status: 200, check: goldenScope(null, false) }, cityAuditor: { status: 200, check: goldenScope(null, false) },
      admin: { status: 200, check: goldenScope(null, false) },
    },
  },
];

/** The answer a role gets: its own cell, else the signed-in default; callers without credentials get 401. */
function expected(route: Route, role: RoleKey): Answer {
  const cell = route.expect[role] ?? (role === 'none' || role === 'badToken' ? undefined : route.expect.signedIn);
  if (cell === undefined) {
    return role === 'badToken' ? { status: 401, code: 'CDF_TOKEN_INVALID' } : { status: 401, code: 'CDF_UNAUTHENTICATED' };
  }
  return typeof cell === 'number' ? { status: cell } : cell;
}

async function headersFor(role: RoleKey): Promise<Record<string, string>> {
  const spec = ROLES[role];
  if (spec === null) return {};
  if (spec === 'bad') return { authorization: `Bearer cdf_000000000000_${'A'.repeat(43)}` };
  return { authorization: `Bearer ${await tokenFor(f.database.db, spec)}` };
}

function multipart(file: { payload: string | Buffer; contentType: string }): { payload: Buffer; contentType: string } {
  const boundary = `matrix${Date.now()}`;
  const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="matrix.csv"\r\ncontent-type: ${file.contentType}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.from(file.payload), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

beforeAll(async () => {
  f = await createTestFactory();
  await loadDemo(f.ctx);
  app = await buildApp(f.ctx);
  await app.ready();
  const db = f.database.db;
  const batchOf = async (agency: string) => ((await db('batches').where({ agency, dataset: 'admin_penalty' }).first('id')) as { id: string }).id;
  const recordIn = async (division: string, skip = 0) =>
    ((await db('golden_records').where({ dataset: 'admin_penalty' }).whereRaw('substr(subject_uscc, 3, 6) = ?', [division])
      .orderBy('id').offset(skip).first('id')) as { id: number }).id;
  const nankaiBatch = await batchOf('nankai_market_regulation');
  // An item neither raised by a Heping agency nor about a subject registered in Heping.
  const task = (await db('steward_tasks as t').join('batches as b', 'b.id', 't.batch_id')
    .leftJoin('clean_rows as c', function () { this.on('c.batch_id', 't.batch_id').andOn('c.row_no', 't.row_no'); })
    .whereNotIn('b.agency', catalog.agencies.filter((a) => inHeping(a.code)).map((a) => a.code))
    .whereRaw("coalesce(substr(c.subject_uscc, 3, 6), '') <> '120101'").where('t.status', 'open').first('t.id')) as { id: number };
  await tokenFor(db, 'auditor:120101@matrix-victim');
  const victim = (await db('api_tokens as t').join('accounts as a', 'a.id', 't.account_id')
    .where('a.username', 'matrix-victim').first('t.id')) as { id: string };
  ids = {
    marketBatch: await batchOf('city_market_regulation'), hepingBatch: await batchOf('heping_market_regulation'), nankaiBatch,
    hepingRecord: await recordIn('120101'), nankaiRecord: await recordIn('120104'),
    repairByCity: await recordIn('120104', 1), repairByAdmin: await recordIn('120104', 2), nankaiTask: task.id, victimToken: victim.id,
  };
  nankaiVersions = await versionsOf(ids.nankaiRecord);
}, 600_000);
afterAll(async () => {
  await app?.close();
  await f?.close();
});

describe('route × role', () => {
  it('names every API route', () => {
    const registered = new Set<string>();
    for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /(\/api\/\S*) \(([A-Z, ]+)\)/.exec(line.replace(/[│├└─\s]+(?=\/)/, ''));
      if (m) for (const method of m[2]!.split(', ')) if (method !== 'HEAD') registered.add(`${method} ${m[1]}`);
    }
    const table = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    const missing = [...registered].filter((r) => !table.has(r) && !r.startsWith('GET /api/auth/oidc') && r !== 'GET /api/auth/providers');
    expect(missing).toEqual([]);
  });

  const cells = ROUTES.flatMap((route) => ROLE_KEYS.map((role) => ({ route, role })));
  it(`answers each of the ${ROUTES.length} routes × ${ROLE_KEYS.length} roles exactly`, async () => {
    const failures: string[] = [];
    for (const { route, role } of cells) {
      const want = expected(route, role);
      const body = route.body?.(role);
      const form = body && route.path === '/api/uploads' ? multipart(body) : body;
      const res = await app.inject({
        method: route.method, url: route.url(ids, role),
        headers: { ...(await headersFor(role)), ...(form ? { 'content-type': form.contentType } : {}) },
        ...(form ? { payload: form.payload } : {}),
      });
      const label = `${route.method} ${route.path} as ${role}`;
      if (res.statusCode !== want.status) {
        failures.push(`${label}: ${res.statusCode} (want ${want.status}) ${res.body.slice(0, 200)}`);
        continue;
      }
      if (want.code && (res.json() as { code?: string }).code !== want.code) failures.push(`${label}: code ${res.body.slice(0, 200)} (want ${want.code})`);
      if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode === 404) {
        // A refusal is an error body and nothing else: no list, no record, no field of the object asked for.
        const extra = Object.keys(res.json() as object).filter((k) => !ERROR_KEYS.has(k));
        if (extra.length) failures.push(`${label}: a refusal carries ${extra.join(', ')}`);
      }
      if (want.check) {
        const parsed: unknown = /application\/json/.test(String(res.headers['content-type'])) ? res.json() : res.body;
        try {
          want.check(parsed, ids);
        } catch (e) {
          failures.push(`${label}: ${(e as Error).message.slice(0, 300)}`);
        }
      }
    }
    console.log(`route × role: ${cells.length} cells checked (${ROUTES.length} routes × ${ROLE_KEYS.length} roles), ${failures.length} wrong`);
    expect(failures).toEqual([]);
  }, 600_000);

  it('masks the natural person in the golden export unless the account may unmask, and audits the unmasked read', async () => {
    const get = async (spec: string) =>
      (await app.inject({ url: '/api/golden?dataset=admin_penalty', headers: { authorization: `Bearer ${await tokenFor(f.database.db, spec)}` } })).body;
    const masked = await get('auditor:120000@matrix-ca');
    expect(masked).toMatch(/\b\d{6}\*{8}[\dX]{4}\b/);
    expect(masked).not.toMatch(RESIDENT_ID);
    const before = await f.database.db('audit_log').where({ kind: 'unmask', actor: 'matrix-unmask' }).count({ n: '*' });
    expect(await get('auditor:120000@matrix-unmask+unmask')).toMatch(RESIDENT_ID);
    const after = await f.database.db('audit_log').where({ kind: 'unmask', actor: 'matrix-unmask' }).count({ n: '*' });
    expect(Number(after[0]!.n) - Number(before[0]!.n)).toBe(1);
  });

  it('let the district steward change nothing outside its district', async () => {
    expect(await versionsOf(ids.nankaiRecord)).toBe(nankaiVersions);
    expect(await versionsOf(ids.repairByCity)).toBeGreaterThan(1);
    expect(await f.database.db('steward_tasks').where({ id: ids.nankaiTask }).first('status')).toEqual({ status: 'open' });
  });
});
