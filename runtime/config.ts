// Configuration is read once, from the environment, at start: validated against
// schemas/config.schema.json (types, defaults, minimums, formats) and passed down typed. Tests pass
// a literal env. Secrets (writeOnly in the schema: the database URL) are held in a Secret, so
// logging, printing or inspecting a Config never shows them.
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { usageError } from '../domain/errors.ts';
import type { Bilingual, Lang } from '../domain/errors.ts';
import { schemaValidator } from '../schemas/ajv.ts';
import { REDACTED, Secret } from '../domain/secret.ts';
import { redactUrl } from '../domain/redact.ts';

export { redactUrl };

export interface Config {
  /** Project data folder: embedded PostgreSQL, Temporal's database, landing files, deliveries. */
  dataDir: string;
  /** Connect to this PostgreSQL; when absent the embedded server is started in dataDir. A Secret: it
   * carries the password; db/connect.ts reveals it. */
  databaseUrl: Secret | undefined;
  embeddedPgPort: number;
  /** Connect to this Temporal frontend; when absent a dev server is started. */
  temporalAddress: string | undefined;
  temporalNamespace: string;
  temporalPort: number;
  temporalUiPort: number;
  /** The Temporal web UI a batch's run is shown in (CDF_TEMPORAL_UI_URL); by default the dev server's UI on temporalUiPort. */
  temporalUiUrl: string;
  taskQueue: string;
  apiHost: string;
  apiPort: number;
  lang: Lang;
  /** Rows per chunk in every pipeline step: one transaction and one heartbeat per chunk. */
  chunkRows: number;
  /** Rows per part of a step split across workers (clean): each part is an activity of its own. */
  partRows: number;
  /** Clean parts run in worker threads (activities/clean/threads.ts), not on the main thread. */
  cleanThreads: boolean;
  /** Worker processes the local factory starts (cdf start, the benchmark). */
  workers: number;
  /** A steward item undecided this long is escalated, and again each further period (ms). */
  stewardEscalateAfter: number;
  /** How long a realtime catalogue entry may go without an arrival before it is overdue (CDF_TIMELINESS_REALTIME_MINUTES). */
  timelinessRealtimeMinutes: number;
  /** Days a department has to report back on a pushed joint measure before its case is overdue (CDF_CASE_FEEDBACK_DAYS; fractions allowed). */
  caseFeedbackDays: number;
  /** A failed pull's attempts and the wait before its first retry (CDF_PULL_ATTEMPTS, CDF_PULL_RETRY_SECONDS). */
  pullRetry: { attempts: number; initialSeconds: number };
  /** A realtime entry's pull interval in seconds (CDF_REALTIME_PULL_SECONDS). */
  realtimePullSeconds: number;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number;
  /** Limits a text file is read within, checked while it streams (CDF_MAX_ROWS, CDF_MAX_COLUMNS,
   * CDF_MAX_CELL_BYTES): a hostile file is refused at the line it crosses one, memory stays bounded. */
  maxRows: number;
  maxColumns: number;
  maxCellBytes: number;
  /** A workbook's own limits (CDF_XLSX_MAX_INFLATED_BYTES, CDF_XLSX_MAX_RATIO, CDF_XLSX_MAX_SHARED_STRINGS): a zip
   * bomb or a shared-string table of millions is refused while it inflates (connectors/xlsx/limits.ts). */
  xlsxMaxInflatedBytes: number;
  xlsxMaxRatio: number;
  xlsxMaxSharedStrings: number;
  /** Where each finished batch's OpenLineage run events go, when set: a lineage server (Marquez's
   * base URL; events are POSTed to <url>/api/v1/lineage) and/or an NDJSON file they are appended to. */
  openLineageUrl: string | undefined;
  openLineageFile: string | undefined;
  /** The CLI's identity (CDF_IDENTITY); the CLI acts as admin@cli when unset. */
  cliIdentity: string | undefined;
  /** Origins besides the API's own from which a signed-in page may make changes (CDF_ALLOWED_ORIGINS). */
  allowedOrigins: string[];
  /** Requests a minute per token, session or (when neither) address (CDF_RATE_LIMIT_PER_MINUTE). */
  rateLimitPerMinute: number;
  /** Session cookies only over HTTPS (CDF_SECURE_COOKIES=true behind a TLS proxy). */
  secureCookies: boolean;
  /** Sign-in through the city's identity provider (OpenID Connect), when CDF_OIDC_ISSUER and
   * CDF_OIDC_CLIENT_ID are both set; undefined (off) otherwise. */
  oidc: OidcConfig | undefined;
  /** Folders a file sink may write under besides <dataDir>/outbox (CDF_FILE_SINK_ROOTS). */
  fileSinkRoots: string[];
  /** Hosts a webhook may POST to; a private or loopback address only when named here (CDF_WEBHOOK_HOSTS). */
  webhookHosts: string[];
  /** Environment variables a subscription may name for its secret; `X*` is a prefix (CDF_SECRET_ENV_ALLOW). */
  secretEnvAllow: string[];
}

type Env = Record<string, string | undefined>;

/** The part of JSON Schema config.schema.json uses for a variable. */
export interface ConfigProperty {
  type?: 'string' | 'integer' | 'number';
  enum?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  format?: string;
  pattern?: string;
  /** A secret: held in a Secret, never shown, not even in the message refusing it. */
  writeOnly?: boolean;
  default?: string | number;
}

/** The environment once validated, with the schema's defaults filled in. */
interface Settings {
  CDF_DATA_DIR: string;
  DATABASE_URL?: string;
  CDF_PG_PORT: number;
  TEMPORAL_ADDRESS?: string;
  TEMPORAL_NAMESPACE: string;
  CDF_TEMPORAL_PORT: number;
  CDF_TEMPORAL_UI_PORT: number;
  CDF_TEMPORAL_UI_URL?: string;
  CDF_TASK_QUEUE: string;
  CDF_HOST: string;
  CDF_PORT: number;
  CDF_LANG: Lang;
  CDF_CHUNK_ROWS: number;
  CDF_PART_ROWS: number;
  CDF_CLEAN_THREADS: 'true' | 'false';
  CDF_WORKERS: number;
  CDF_STEWARD_ESCALATE_HOURS: number;
  CDF_TIMELINESS_REALTIME_MINUTES: number;
  CDF_CASE_FEEDBACK_DAYS: number;
  CDF_PULL_ATTEMPTS: number;
  CDF_PULL_RETRY_SECONDS: number;
  CDF_REALTIME_PULL_SECONDS: number;
  CDF_MAX_UPLOAD_MB: number;
  CDF_MAX_ROWS: number;
  CDF_MAX_COLUMNS: number;
  CDF_MAX_CELL_BYTES: number;
  CDF_XLSX_MAX_INFLATED_BYTES: number;
  CDF_XLSX_MAX_RATIO: number;
  CDF_XLSX_MAX_SHARED_STRINGS: number;
  CDF_OPENLINEAGE_URL?: string;
  CDF_OPENLINEAGE_FILE?: string;
  CDF_IDENTITY?: string;
  CDF_ALLOWED_ORIGINS?: string;
  CDF_RATE_LIMIT_PER_MINUTE: number;
  CDF_SECURE_COOKIES: 'true' | 'false';
  CDF_OIDC_ISSUER?: string;
  CDF_OIDC_CLIENT_ID?: string;
  CDF_OIDC_CLIENT_SECRET?: string;
  CDF_OIDC_REDIRECT_URL?: string;
  CDF_OIDC_LABEL?: string;
  CDF_FILE_SINK_ROOTS?: string;
  CDF_WEBHOOK_HOSTS?: string;
  CDF_SECRET_ENV_ALLOW: string;
}

const validator = () => schemaValidator('config.schema.json');

/** Every variable the configuration reads, as the schema describes it. */
export const configProperties = (): Record<string, ConfigProperty> =>
  (validator().schema as { properties: Record<string, ConfigProperty> }).properties;

/** What a pattern or a format asks for, in plain words: a user is never shown a regular expression.
 * Every pattern and format in the schema has its words here (config.test.ts checks). */
export const PATTERN_WORDS: Record<string, Bilingual> = {
  '^https?://': { zh: 'http(s) 地址', en: 'an http(s) URL' },
  '^\\S+:[0-9]{1,5}$': { zh: '“主机:端口”（如 temporal:7233）', en: 'host:port (e.g. temporal:7233)' },
  '^\\s*/[^,]*(,\\s*/[^,]*)*$': { zh: '逗号分隔的绝对路径（如 /srv/exchange,/mnt/share）', en: 'comma-separated absolute paths (e.g. /srv/exchange,/mnt/share)' },
  '^[A-Za-z_][A-Za-z0-9_]*\\*?(,\\s*[A-Za-z_][A-Za-z0-9_]*\\*?)*$': {
    zh: '逗号分隔的环境变量名，结尾可带 * 表示前缀（如 CDF_SINK_*）', en: 'comma-separated variable names, a trailing * for a prefix (e.g. CDF_SINK_*)',
  },
};
export const FORMAT_WORDS: Record<string, Bilingual> = {
  uri: { zh: '带协议的地址（如 postgres://用户:密码@主机:5432/库）', en: 'a URL with its scheme (e.g. postgres://user:password@host:5432/db)' },
};

function expected(p: ConfigProperty, keyword: string): Bilingual {
  if (p.pattern) return PATTERN_WORDS[p.pattern] ?? { zh: '规定格式的文本', en: 'text in the documented form' };
  if (p.format) return FORMAT_WORDS[p.format] ?? { zh: '规定格式的文本', en: 'text in the documented form' };
  if (p.type === 'integer') {
    return keyword === 'maximum'
      ? { zh: `不大于 ${p.maximum} 的整数`, en: `an integer ≤ ${p.maximum}` }
      : { zh: `不小于 ${p.minimum ?? 0} 的整数`, en: `an integer ≥ ${p.minimum ?? 0}` };
  }
  if (p.type === 'number') {
    if (p.exclusiveMinimum === 0) return { zh: '正数', en: 'a positive number' };
    if (p.exclusiveMinimum !== undefined) return { zh: `大于 ${p.exclusiveMinimum} 的数`, en: `a number > ${p.exclusiveMinimum}` };
    return { zh: '数', en: 'a number' };
  }
  return { zh: '文本', en: 'text' };
}

const orList = (values: string[], or: string, comma: string): string =>
  values.length < 2 ? values.join('') : `${values.slice(0, -1).join(comma)}${or}${values[values.length - 1]}`;

/** The value as a message may show it: a URL without its password; a secret only when it parses as
 * a URL with a host (so its password is known and hidden), else not at all ("cdf:s3cret" parses
 * as a URL whose scheme is "cdf"). */
function shown(p: ConfigProperty, raw: string): string {
  if (p.writeOnly) return p.format === 'uri' && URL.canParse(raw) && new URL(raw).host ? redactUrl(raw) : REDACTED;
  return p.format === 'uri' ? redactUrl(raw) : raw;
}

function problem(name: string, p: ConfigProperty, keyword: string, value: string): Bilingual {
  if (p.enum) {
    return {
      zh: `${name} 只能是 ${orList(p.enum, ' 或 ', '、')}，实为 "${value}"`,
      en: `${name} must be ${orList(p.enum, ' or ', ', ')}, got "${value}"`,
    };
  }
  const w = expected(p, keyword);
  // A space between Chinese and a word in Latin letters, none before a Chinese one.
  const gap = /^[\x20-\x7e]/.test(w.zh) ? ' ' : '';
  return { zh: `环境变量 ${name} 应为${gap}${w.zh}，实为 "${value}"`, en: `environment variable ${name} must be ${w.en}, got "${value}"` };
}

/** ajv's errors as one bilingual refusal: one sentence per variable, in plain words. */
function refusal(errors: ErrorObject[], env: Env, props: Record<string, ConfigProperty>) {
  const found = new Map<string, { message: Bilingual; value: string }>();
  for (const e of errors) {
    const name = e.instancePath.slice(1);
    const p = props[name];
    if (!p || found.has(name)) continue;
    const value = shown(p, env[name] ?? '');
    found.set(name, { message: problem(name, p, e.keyword, value), value });
  }
  const all = [...found.entries()];
  if (!all.length) return usageError('CDF_CONFIG_INVALID', { zh: '配置无效', en: 'the configuration is invalid' });
  const [field, first] = all[0]!;
  return usageError('CDF_CONFIG_INVALID', {
    zh: all.map(([, f]) => f.message.zh).join('；'),
    en: all.map(([, f]) => f.message.en).join('; '),
  }, { field, value: first.value });
}

/** Numbers arrive as text: converted before validation, so the schema states them as numbers. Text
 * that is no number stays text, and the schema's type refuses it. */
function fromText(p: ConfigProperty, raw: string): string | number {
  if (p.type !== 'integer' && p.type !== 'number') return raw;
  const n = Number(raw);
  return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
}

function settings(env: Env): Settings {
  const props = configProperties();
  const values: Record<string, string | number> = {};
  for (const [name, p] of Object.entries(props)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') values[name] = fromText(p, raw);
  }
  const validate = validator();
  if (!validate(values)) throw refusal(validate.errors ?? [], env, props);
  for (const [name, p] of Object.entries(props)) {
    if (values[name] === undefined && p.default !== undefined) values[name] = p.default;
  }
  return values as unknown as Settings;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone then binds the code to this browser). */
  clientSecret: Secret | undefined;
  /** This factory's callback as the provider knows it (behind a proxy: the public URL). */
  redirectUrl: string;
  /** The sign-in button's text; the page's own words when unset. */
  label: string | undefined;
}

/** OIDC is on when issuer and client id are both set. Half a configuration is refused rather than
 * silently ignored: an operator who set one of them expects the button to appear. */
function oidcConfig(s: Settings): OidcConfig | undefined {
  const { CDF_OIDC_ISSUER: issuer, CDF_OIDC_CLIENT_ID: clientId, CDF_OIDC_REDIRECT_URL: redirectUrl } = s;
  if (!issuer && !clientId) return undefined;
  const missing = [!issuer && 'CDF_OIDC_ISSUER', !clientId && 'CDF_OIDC_CLIENT_ID', !redirectUrl && 'CDF_OIDC_REDIRECT_URL'].filter(Boolean).join(', ');
  if (!issuer || !clientId || !redirectUrl) {
    throw usageError('CDF_CONFIG_INVALID', {
      zh: `统一身份认证（OIDC）配置不完整：还须设置 ${missing}（回调地址形如 http://主机:端口/api/auth/oidc/callback）`,
      en: `the identity provider (OIDC) is half configured: ${missing} must be set too (the callback looks like http://host:port/api/auth/oidc/callback)`,
    }, { field: missing.split(', ')[0] });
  }
  return {
    issuer, clientId, redirectUrl, label: s.CDF_OIDC_LABEL,
    clientSecret: s.CDF_OIDC_CLIENT_SECRET === undefined ? undefined : new Secret(s.CDF_OIDC_CLIENT_SECRET),
  };
}

/** A comma-separated variable as its items, blanks dropped. */
const list = (v: string | undefined): string[] => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const s = settings(env);
  return {
    dataDir: path.resolve(cwd, s.CDF_DATA_DIR),
    databaseUrl: s.DATABASE_URL === undefined ? undefined : new Secret(s.DATABASE_URL),
    embeddedPgPort: s.CDF_PG_PORT,
    temporalAddress: s.TEMPORAL_ADDRESS,
    temporalNamespace: s.TEMPORAL_NAMESPACE,
    temporalPort: s.CDF_TEMPORAL_PORT,
    temporalUiPort: s.CDF_TEMPORAL_UI_PORT,
    temporalUiUrl: (s.CDF_TEMPORAL_UI_URL ?? `http://localhost:${s.CDF_TEMPORAL_UI_PORT}`).replace(/\/+$/, ''),
    taskQueue: s.CDF_TASK_QUEUE,
    apiHost: s.CDF_HOST,
    apiPort: s.CDF_PORT,
    lang: s.CDF_LANG,
    chunkRows: s.CDF_CHUNK_ROWS,
    partRows: s.CDF_PART_ROWS,
    cleanThreads: s.CDF_CLEAN_THREADS === 'true',
    workers: s.CDF_WORKERS,
    stewardEscalateAfter: Math.round(s.CDF_STEWARD_ESCALATE_HOURS * 3_600_000),
    timelinessRealtimeMinutes: s.CDF_TIMELINESS_REALTIME_MINUTES,
    caseFeedbackDays: s.CDF_CASE_FEEDBACK_DAYS,
    pullRetry: { attempts: s.CDF_PULL_ATTEMPTS, initialSeconds: s.CDF_PULL_RETRY_SECONDS },
    realtimePullSeconds: s.CDF_REALTIME_PULL_SECONDS,
    maxUploadBytes: s.CDF_MAX_UPLOAD_MB * 1024 * 1024,
    maxRows: s.CDF_MAX_ROWS,
    maxColumns: s.CDF_MAX_COLUMNS,
    maxCellBytes: s.CDF_MAX_CELL_BYTES,
    xlsxMaxInflatedBytes: s.CDF_XLSX_MAX_INFLATED_BYTES,
    xlsxMaxRatio: s.CDF_XLSX_MAX_RATIO,
    xlsxMaxSharedStrings: s.CDF_XLSX_MAX_SHARED_STRINGS,
    openLineageUrl: s.CDF_OPENLINEAGE_URL,
    openLineageFile: s.CDF_OPENLINEAGE_FILE === undefined ? undefined : path.resolve(cwd, s.CDF_OPENLINEAGE_FILE),
    cliIdentity: s.CDF_IDENTITY,
    allowedOrigins: list(s.CDF_ALLOWED_ORIGINS),
    rateLimitPerMinute: s.CDF_RATE_LIMIT_PER_MINUTE,
    secureCookies: s.CDF_SECURE_COOKIES === 'true',
    oidc: oidcConfig(s),
    fileSinkRoots: list(s.CDF_FILE_SINK_ROOTS).map((p) => path.resolve(p)),
    webhookHosts: list(s.CDF_WEBHOOK_HOSTS).map((h) => h.toLowerCase()),
    secretEnvAllow: list(s.CDF_SECRET_ENV_ALLOW),
  };
}

