// Configuration is read once, from the environment, checked, and passed down. Tests pass a
// literal env. Secrets (the database password) never appear in what `describe` prints.
import path from 'node:path';
import { usageError } from '../domain/errors.ts';
import type { Lang } from '../domain/errors.ts';

export interface Config {
  /** Project data folder: embedded PostgreSQL, Temporal's database, landing files, deliveries. */
  dataDir: string;
  /** Connect to this PostgreSQL; when absent the embedded server is started in dataDir. */
  databaseUrl: string | undefined;
  embeddedPgPort: number;
  /** Connect to this Temporal frontend; when absent a dev server is started. */
  temporalAddress: string | undefined;
  temporalNamespace: string;
  temporalPort: number;
  temporalUiPort: number;
  taskQueue: string;
  apiHost: string;
  apiPort: number;
  lang: Lang;
  /** Rows per chunk in every pipeline step: one transaction and one heartbeat per chunk. */
  chunkRows: number;
  /** A steward item undecided this long is escalated, and again each further period (ms). */
  stewardEscalateAfter: number;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number;
  /** Where each finished batch's OpenLineage run events go, when set: a lineage server (Marquez's
   * base URL; events are POSTed to <url>/api/v1/lineage) and/or an NDJSON file they are appended to. */
  openLineageUrl: string | undefined;
  openLineageFile: string | undefined;
}

/** A positive number, fractions allowed (0.5 hours). */
const positive = (env: Record<string, string | undefined>, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    throw usageError('CDF_CONFIG_INVALID', {
      zh: `环境变量 ${name} 应为正数，实为 "${raw}"`,
      en: `environment variable ${name} must be a positive number, got "${raw}"`,
    }, { field: name, value: raw });
  }
  return n;
};

const int = (env: Record<string, string | undefined>, name: string, fallback: number, min = 1): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw usageError('CDF_CONFIG_INVALID', {
      zh: `环境变量 ${name} 应为不小于 ${min} 的整数，实为 "${raw}"`,
      en: `environment variable ${name} must be an integer ≥ ${min}, got "${raw}"`,
    }, { field: name, value: raw });
  }
  return n;
};

const httpUrl = (env: Record<string, string | undefined>, name: string): string | undefined => {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let ok = false;
  try {
    ok = ['http:', 'https:'].includes(new URL(raw).protocol);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw usageError('CDF_CONFIG_INVALID', {
      zh: `环境变量 ${name} 应为 http(s) 地址，实为 "${redactUrl(raw)}"`,
      en: `environment variable ${name} must be an http(s) URL, got "${redactUrl(raw)}"`,
    }, { field: name });
  }
  return raw;
};

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const lang = env.CDF_LANG ?? 'zh-CN';
  if (lang !== 'zh-CN' && lang !== 'en') {
    throw usageError('CDF_CONFIG_INVALID', { zh: `CDF_LANG 只能是 zh-CN 或 en，实为 "${lang}"`, en: `CDF_LANG must be zh-CN or en, got "${lang}"` });
  }
  return {
    dataDir: path.resolve(cwd, env.CDF_DATA_DIR ?? 'var'),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: int(env, 'CDF_PG_PORT', 54329),
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: env.TEMPORAL_NAMESPACE || 'default',
    temporalPort: int(env, 'CDF_TEMPORAL_PORT', 7233),
    temporalUiPort: int(env, 'CDF_TEMPORAL_UI_PORT', 8233),
    taskQueue: env.CDF_TASK_QUEUE || 'cdf-ingest',
    apiHost: env.CDF_HOST || '127.0.0.1',
    apiPort: int(env, 'CDF_PORT', 8600, 0),
    lang,
    chunkRows: int(env, 'CDF_CHUNK_ROWS', 5000),
    stewardEscalateAfter: Math.round(positive(env, 'CDF_STEWARD_ESCALATE_HOURS', 72) * 3_600_000),
    maxUploadBytes: int(env, 'CDF_MAX_UPLOAD_MB', 2048) * 1024 * 1024,
    openLineageUrl: httpUrl(env, 'CDF_OPENLINEAGE_URL'),
    openLineageFile: env.CDF_OPENLINEAGE_FILE ? path.resolve(cwd, env.CDF_OPENLINEAGE_FILE) : undefined,
  };
}

/** A connection string with its password replaced, safe to print or log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
