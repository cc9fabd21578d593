// Timings with real HTTP requests against a listening API: each request is timed until its whole
// body is read; each measure runs twice unrecorded, then `runs` times, and reports the median and
// the 95th percentile. An endpoint the API does not have (yet) answers 404 CDF_ROUTE_UNKNOWN: it
// is reported as missing, not as a failure.

export const LIST_BUDGET_MS = 300;
export const FIRST_SCREEN_BUDGET_MS = 1000;

export interface Timing {
  name: string;
  role: string;
  path: string;
  kind: 'first_screen' | 'list' | 'request';
  medianMs: number | null;
  p95Ms: number | null;
  /** Rows in the page (lists) or requests made (a first screen). */
  rows: number | null;
  total: number | null;
  budgetMs: number;
  verdict: 'ok' | 'p95_over' | 'over' | 'missing' | 'error';
  note?: string;
}

export interface Caller {
  baseUrl: string;
  /** Bearer token per role name. */
  tokens: Record<string, string>;
  runs: number;
  warmups: number;
}

export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

export function summarise(samples: readonly number[]): { medianMs: number; p95Ms: number } {
  const s = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { medianMs: round(quantile(s, 0.5)), p95Ms: round(quantile(s, 0.95)) };
}

export function verdictOf(medianMs: number, p95Ms: number, budgetMs: number): Timing['verdict'] {
  return medianMs > budgetMs ? 'over' : p95Ms > budgetMs ? 'p95_over' : 'ok';
}

export interface Answer {
  status: number;
  ms: number;
  body: unknown;
  bytes: number;
  code?: string;
}

/** One GET, timed to the end of its body. */
export async function get(c: Caller, role: string | null, path: string): Promise<Answer> {
  const headers: Record<string, string> = { 'accept-language': 'zh-CN' };
  if (role) headers.authorization = `Bearer ${c.tokens[role]}`;
  const t = performance.now();
  const res = await fetch(`${c.baseUrl}${path}`, { headers });
  const buf = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - t;
  let body: unknown = null;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(buf.toString('utf8'));
    } catch {
      body = null;
    }
  }
  const code = (body as { code?: string } | null)?.code;
  return { status: res.status, ms, body, bytes: buf.length, ...(code ? { code } : {}) };
}

const missing = (a: Answer) => a.status === 404 && a.code === 'CDF_ROUTE_UNKNOWN';

/** Rows in a page: the array property of `{ total, <items> }`. */
export function pageRows(body: unknown): { rows: number | null; total: number | null } {
  if (!body || typeof body !== 'object') return { rows: null, total: null };
  const o = body as Record<string, unknown>;
  const arr = Object.values(o).find(Array.isArray) as unknown[] | undefined;
  return { rows: arr ? arr.length : null, total: typeof o.total === 'number' ? o.total : null };
}

/** A list page (or any single request) timed `runs` times. */
export async function timeRequest(c: Caller, name: string, role: string, path: string, kind: 'list' | 'request' = 'list'): Promise<Timing> {
  const base = { name, role, path, kind, budgetMs: LIST_BUDGET_MS } as const;
  const first = await get(c, role, path);
  if (missing(first)) return { ...base, medianMs: null, p95Ms: null, rows: null, total: null, verdict: 'missing' };
  if (first.status !== 200) {
    const note = `HTTP ${first.status} ${first.code ?? ''} ${JSON.stringify(first.body).slice(0, 300)}`;
    return { ...base, medianMs: null, p95Ms: null, rows: null, total: null, verdict: 'error', note };
  }
  for (let k = 1; k < c.warmups; k++) await get(c, role, path);
  const samples: number[] = [];
  let last = first;
  for (let k = 0; k < c.runs; k++) {
    last = await get(c, role, path);
    if (last.status !== 200) {
      return { ...base, medianMs: null, p95Ms: null, rows: null, total: null, verdict: 'error', note: `HTTP ${last.status} on run ${k + 1}` };
    }
    samples.push(last.ms);
  }
  const { medianMs, p95Ms } = summarise(samples);
  const { rows, total } = pageRows(last.body);
  return { ...base, medianMs, p95Ms, rows, total, verdict: verdictOf(medianMs, p95Ms, LIST_BUDGET_MS) };
}

/** The files index.html names (scripts, module preloads, stylesheets). */
export function assetsOf(html: string): string[] {
  return [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!))];
}

/**
 * A first screen as a browser without a cache loads it: index.html, then its assets together, then
 * who am I, then the labels and the role's landing lists together. The wall time of the whole.
 */
export async function timeFirstScreen(c: Caller, role: string, landing: string[], label = role): Promise<{ timing: Timing; parts: Timing[] }> {
  const base = { name: `first screen: ${label}`, role, path: '/', kind: 'first_screen', budgetMs: FIRST_SCREEN_BUDGET_MS } as const;
  const present: string[] = [];
  const parts: Timing[] = [];
  for (const p of landing) {
    const a = await get(c, role, p);
    const part = {
      name: `landing ${p}`, role, path: p, kind: 'request', medianMs: null, p95Ms: null, rows: null, total: null, budgetMs: LIST_BUDGET_MS,
    } as const;
    if (missing(a)) parts.push({ ...part, verdict: 'missing' });
    else if (a.status !== 200) parts.push({ ...part, verdict: 'error', note: `HTTP ${a.status} ${a.code ?? ''}` });
    else present.push(p);
  }
  const once = async (): Promise<{ ms: number; requests: number }> => {
    const t = performance.now();
    const index = await fetch(`${c.baseUrl}/`);
    const html = await index.text();
    const assets = assetsOf(html);
    await Promise.all(assets.map(async (a) => (await fetch(`${c.baseUrl}${a}`)).arrayBuffer()));
    const me = await get(c, role, '/api/auth/me');
    if (me.status !== 200) throw new Error(`/api/auth/me as ${role}: HTTP ${me.status}`);
    const answers = await Promise.all(['/api/labels', ...present].map((p) => get(c, role, p)));
    const bad = answers.find((a) => a.status !== 200);
    if (bad) throw new Error(`first screen of ${role}: HTTP ${bad.status} ${bad.code ?? ''}`);
    return { ms: performance.now() - t, requests: 3 + assets.length + present.length };
  };
  for (let k = 0; k < c.warmups; k++) await once();
  const samples: number[] = [];
  let requests = 0;
  for (let k = 0; k < c.runs; k++) {
    const r = await once();
    samples.push(r.ms);
    requests = r.requests;
  }
  const { medianMs, p95Ms } = summarise(samples);
  const note = present.length < landing.length ? `without missing: ${landing.filter((p) => !present.includes(p)).join(', ')}` : undefined;
  return {
    timing: { ...base, medianMs, p95Ms, rows: requests, total: null, verdict: verdictOf(medianMs, p95Ms, FIRST_SCREEN_BUDGET_MS), ...(note ? { note } : {}) },
    parts,
  };
}
