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
  /** The CLI's identity (CDF_IDENTITY); the CLI acts as admin@cli when unset. */
  cliIdentity: string | undefined;
  /** In development, the identity of API requests without an X-CDF-Identity header (CDF_DEV_IDENTITY). */
  devIdentity: string | undefined;
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
  CDF_TASK_QUEUE: string;
  CDF_HOST: string;
  CDF_PORT: number;
  CDF_LANG: Lang;
  CDF_CHUNK_ROWS: number;
  CDF_STEWARD_ESCALATE_HOURS: number;
  CDF_MAX_UPLOAD_MB: number;
  CDF_OPENLINEAGE_URL?: string;
  CDF_OPENLINEAGE_FILE?: string;
  CDF_IDENTITY?: string;
  CDF_DEV_IDENTITY?: string;
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
    taskQueue: s.CDF_TASK_QUEUE,
    apiHost: s.CDF_HOST,
    apiPort: s.CDF_PORT,
    lang: s.CDF_LANG,
    chunkRows: s.CDF_CHUNK_ROWS,
    stewardEscalateAfter: Math.round(s.CDF_STEWARD_ESCALATE_HOURS * 3_600_000),
    maxUploadBytes: s.CDF_MAX_UPLOAD_MB * 1024 * 1024,
    openLineageUrl: s.CDF_OPENLINEAGE_URL,
    openLineageFile: s.CDF_OPENLINEAGE_FILE === undefined ? undefined : path.resolve(cwd, s.CDF_OPENLINEAGE_FILE),
    cliIdentity: s.CDF_IDENTITY,
    devIdentity: s.CDF_DEV_IDENTITY,
  };
}

