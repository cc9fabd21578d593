// Which pages to time: every paged list the OpenAPI document describes (a GET without path
// parameters whose 200 answer has `total` and a list), found at run time so endpoints added later
// are timed without changing this file; and each role's first screen as the brief names it.

export interface ListEndpoint {
  path: string;
  /** Query parameters the route declares (besides limit and offset). */
  params: Array<{ name: string; required: boolean; enum?: string[] }>;
}

interface OpenApiParam { name: string; in: string; required?: boolean; schema?: { enum?: unknown[]; type?: unknown } }
interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: OpenApiParam[]; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
}

const hasTotal = (schema: unknown): boolean => {
  const s = schema as { properties?: Record<string, { type?: unknown }> } | undefined;
  return Boolean(s?.properties?.total) && Object.values(s!.properties!).some((p) => p.type === 'array');
};

export function listEndpoints(doc: OpenApiDoc): ListEndpoint[] {
  const out: ListEndpoint[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    const op = ops.get;
    if (!op || path.includes('{') || !path.startsWith('/api/')) continue;
    const ok = op.responses?.['200']?.content?.['application/json']?.schema;
    if (!hasTotal(ok)) continue;
    const params = (op.parameters ?? []).filter((p) => p.in === 'query' && p.name !== 'limit' && p.name !== 'offset')
      .map((p) => ({ name: p.name, required: Boolean(p.required), ...(p.schema?.enum ? { enum: p.schema.enum.map(String) } : {}) }));
    out.push({ path, params });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Values a filter takes in the seeded data (the search terms are read from the database). */
export interface Samples {
  subjectName: string;
  subjectUscc: string;
  decisionNo: string;
  /** For the detail pages: one of the subject's records, an open conflict, the largest penalty batch. */
  recordId?: number;
  taskId?: number;
  batchId?: string;
}

/** The pages one opens from a list (budget as a list page), as the role that opens them. */
export function detailPages(s: Samples): Array<[RoleName, string]> {
  const out: Array<[RoleName, string]> = [];
  if (s.taskId) out.push(['steward', `/api/steward/tasks/${s.taskId}`]);
  if (s.recordId) out.push(['auditor', `/api/lineage/records/${s.recordId}`], ['auditor', `/api/lineage/records/${s.recordId}/graph`]);
  if (s.batchId) {
    out.push(['admin', `/api/batches/${s.batchId}`], ['admin', `/api/batches/${s.batchId}/report`], ['auditor', `/api/lineage/batches/${s.batchId}`]);
  }
  return out;
}

/** A value for a query parameter, or undefined when the benchmark does not know what it means. */
export function valueFor(name: string, enumValues: string[] | undefined, endpoint: string, s: Samples): string | undefined {
  const known: Record<string, string> = {
    dataset: 'admin_penalty', agency: 'city_market_regulation', region: '120101', subscription: 'city_credit_platform',
    subscriptionId: 'city_credit_platform', kind: 'conflict', channel: 'agency_upload', q: s.subjectName, name: s.subjectName,
    uscc: s.subjectUscc, subject: s.subjectUscc, decisionNo: s.decisionNo, docno: s.decisionNo,
  };
  if (name === 'status') {
    const prefer = endpoint.includes('deliver') ? 'failing' : endpoint.includes('steward') ? 'open' : endpoint.includes('batch') ? 'done' : undefined;
    if (enumValues?.length) return prefer && enumValues.includes(prefer) ? prefer : enumValues[0];
    return prefer;
  }
  if (enumValues?.length && !(name in known && enumValues.includes(known[name]!))) return name === 'sort' || name === 'order' ? undefined : enumValues[0];
  return known[name];
}

/** The filters to time an endpoint with: none (unless one is required), then each of the first two it has that we can fill. */
export function filtersOf(e: ListEndpoint, s: Samples): Array<Record<string, string>> {
  const required: Record<string, string> = {};
  for (const p of e.params.filter((x) => x.required)) {
    const v = valueFor(p.name, p.enum, e.path, s);
    if (v === undefined) return [];
    required[p.name] = v;
  }
  const order = ['dataset', 'status', 'kind', 'agency', 'region', 'subscription', 'subscriptionId', 'q'];
  const optional = e.params.filter((p) => !p.required && p.name !== 'sort' && p.name !== 'order')
    .sort((a, b) => (order.indexOf(a.name) + 1 || 99) - (order.indexOf(b.name) + 1 || 99));
  const out = [required];
  for (const p of optional) {
    const v = valueFor(p.name, p.enum, e.path, s);
    if (v !== undefined) out.push({ ...required, [p.name]: v });
    if (out.length > 2) break;
  }
  return out;
}

/** Search lists are timed once per kind of term a user types. */
export function searchTerms(s: Samples): Array<[string, string]> {
  // What a person types when they remember only the distinctive part: the name without city and district.
  const part = s.subjectName.replace(/^(天津市?)?([一-鿿]{1,3}(新区|区))?/, '').slice(0, 4);
  return [['name', s.subjectName], ['uscc', s.subjectUscc], ['docno', s.decisionNo], ['name part', part]];
}

export type RoleName = 'agency' | 'steward' | 'hepingSteward' | 'streetSteward' | 'auditor' | 'hepingAuditor' | 'admin';

export const ROLES: Record<RoleName, { role: string; agency?: string; region?: string; unmask?: boolean }> = {
  agency: { role: 'agency', agency: 'city_market_regulation' },
  steward: { role: 'steward' },
  hepingSteward: { role: 'steward', region: '120101' },
  streetSteward: { role: 'steward', region: '120101001' },
  auditor: { role: 'auditor', unmask: true },
  hepingAuditor: { role: 'auditor', region: '120101' },
  admin: { role: 'admin' },
};

/** Each role's landing lists (issue 14: what its first screen shows); the administrator's home is the catalogue. */
export const landingOf = (s: Samples): Array<{ label: string; role: RoleName; paths: string[] }> => [
  { label: 'agency', role: 'agency', paths: ['/api/agency/datasets', '/api/batches?limit=20'] },
  { label: 'steward', role: 'steward', paths: ['/api/steward/tasks?limit=50'] },
  { label: 'district steward', role: 'hepingSteward', paths: ['/api/steward/tasks?limit=50'] },
  { label: 'auditor', role: 'auditor', paths: [`/api/records/search?q=${encodeURIComponent(s.subjectName)}`] },
  { label: 'operator', role: 'admin', paths: ['/api/deliveries?limit=50', '/api/quality/dashboard'] },
  { label: 'administrator (catalogue home)', role: 'admin', paths: ['/api/catalog', '/api/catalog/versions'] },
];

/** Roles that see a list, most privileged first; district and street roles as well for lists a region narrows. */
export const isScoped = (r: RoleName): boolean => r.startsWith('heping') || r.startsWith('street');

export function rolesFor(path: string): RoleName[] {
  if (/steward|records|deliveries|golden|lineage/.test(path)) return ['steward', 'hepingSteward', 'streetSteward', 'auditor', 'hepingAuditor', 'admin'];
  if (/agency|batches|uploads/.test(path)) return ['agency', 'admin'];
  return ['admin', 'steward', 'auditor', 'agency'];
}

export const query = (params: Record<string, string>): string => {
  const q = new URLSearchParams(params).toString();
  return q ? `?${q}` : '';
};
