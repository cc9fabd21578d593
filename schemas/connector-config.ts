// A connector's configuration is checked against the JSON Schema its manifest names
// (connectors/<folder>/config.schema.json), compiled once. Every property of such a schema says
// in `expected` what it must be in plain words, so a refusal reads "table: a plain table name …"
// and never shows a pattern. The catalogue import calls sinkConfigProblems() (catalog-file.ts).
// It lives here, below catalog/, because the catalogue may not import connectors/ (the layers in
// eslint.layers.js): it reads the connectors' manifests and schemas as files, and
// connectors/registry.ts takes the manifests from here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Bilingual } from '../domain/errors.ts';
import { schemasDir } from './ajv.ts';

export const connectorsDir = path.join(schemasDir, '..', 'connectors');

export interface ConnectorManifest {
  id: string;
  kind: 'source' | 'sink' | 'pull';
  name: Bilingual;
  /** The JSON Schema of its configuration, beside the manifest. */
  configSchema?: string;
  /** A file source: the extensions it reads. */
  extensions?: string[];
  folder: string;
}

let manifests: ConnectorManifest[] | undefined;

/** Every connectors/<folder>/manifest.json, read once: the catalogue import asks on every subscription. */
export function connectorManifests(): ConnectorManifest[] {
  return (manifests ??= readdirSync(connectorsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(connectorsDir, d.name, 'manifest.json')))
    .map((d) => ({
      ...(JSON.parse(readFileSync(path.join(connectorsDir, d.name, 'manifest.json'), 'utf8')) as Omit<ConnectorManifest, 'folder'>),
      folder: d.name,
    })));
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

// Its own instance: the `expected` annotation is ours, and strict mode refuses unknown keywords
// (a misspelt `requried` in a connector's schema fails loudly instead of validating nothing).
const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
addFormats(ajv);
ajv.addKeyword({
  keyword: 'expected',
  metaSchema: {
    type: 'object', required: ['zh', 'en'], additionalProperties: false,
    properties: { zh: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 }, hideValue: { type: 'boolean' } },
  },
});

/** `hideValue`: a field where a secret may be pasted by mistake (an *Env name): never echoed. */
type Expected = Bilingual & { hideValue?: boolean };

export interface ConfigSchema {
  properties?: Record<string, { expected?: Expected; [k: string]: unknown }>;
  [k: string]: unknown;
}

const compiled = new Map<string, { schema: ConfigSchema; validate: ValidateFunction }>();

/** The manifest of the connector with this id (a sink's id is what a subscription's `sink` says). */
export function manifestOf(id: string, kind?: 'source' | 'sink' | 'pull'): ConnectorManifest | undefined {
  return connectorManifests().find((m) => m.id === id && (!kind || m.kind === kind));
}

/** The connector's config schema and its validator, compiled on first use. */
export function configSchema(m: ConnectorManifest): { schema: ConfigSchema; validate: ValidateFunction } {
  if (!m.configSchema) throw new Error(`connector ${m.id} (connectors/${m.folder}) names no configSchema in its manifest`);
  let found = compiled.get(m.folder);
  if (!found) {
    const schema = JSON.parse(readFileSync(path.join(connectorsDir, m.folder, m.configSchema), 'utf8')) as ConfigSchema;
    found = { schema, validate: ajv.compile(schema) };
    compiled.set(m.folder, found);
  }
  return found;
}

export interface ConfigProblem extends Bilingual {
  /** The property at fault, as the catalogue spells it ('' for the config as a whole). */
  field: string;
}

const shown = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

function describe(e: ErrorObject, schema: ConfigSchema): ConfigProblem {
  // Inside a nested object (a pull's `cursor`, `auth`) the field is named by its path ("cursor.kind"),
  // its words come from the property declared there, and the fields listed are those of the branch
  // that applies (an `auth` of kind bearer takes tokenEnv, not keyEnv).
  const at = e.instancePath.split('/').slice(1).join('.');
  const here = at.split('.').filter(Boolean).reduce<ConfigSchema | undefined>((s, k) => s?.properties?.[k] as ConfigSchema | undefined, schema) ?? {};
  const branch = at ? (e.parentSchema as ConfigSchema | undefined)?.properties : undefined;
  const known = Object.keys(branch ?? here.properties ?? {});
  if (e.keyword === 'additionalProperties') {
    const field = `${at ? `${at}.` : ''}${String(e.params.additionalProperty)}`;
    return known.length
      ? { field, zh: `不认识的字段 ${field}；可用的字段：${known.join('、')}`, en: `unknown field ${field}; the fields are ${known.join(', ')}` }
      : { field, zh: `不认识的字段 ${field}：该连接器不接受任何配置`, en: `unknown field ${field}: this connector takes no configuration` };
  }
  if (e.keyword === 'required') {
    const name = String(e.params.missingProperty);
    const field = `${at ? `${at}.` : ''}${name}`;
    const want = here.properties?.[name]?.expected;
    return {
      field,
      zh: `缺少字段 ${field}${want ? `，应为 ${want.zh}` : ''}`,
      en: `the field ${field} is missing${want ? `; it should be ${want.en}` : ''}`,
    };
  }
  const field = e.instancePath.split('/').slice(1).join('.');
  if (!field) return { field, zh: '投递配置应为键值对象', en: 'the configuration should be an object of fields' };
  const want: Expected = (e.parentSchema as { expected?: Expected } | undefined)?.expected
    ?? schema.properties?.[field.split('.')[0]!]?.expected ?? { zh: e.message ?? '', en: e.message ?? '' };
  const got = want.hideValue
    ? { zh: '（取值不显示，以防是密钥）', en: '(value not shown, in case it is a secret)' }
    : { zh: shown(e.data), en: shown(e.data) };
  return { field, zh: `字段 ${field} 应为 ${want.zh}，实为 ${got.zh}`, en: `the field ${field} should be ${want.en}; got ${got.en}` };
}

/** What is wrong with a configuration for connector `m`, one problem per field, in plain words. */
export function configProblems(m: ConnectorManifest, config: unknown): ConfigProblem[] {
  const { schema, validate } = configSchema(m);
  if (validate(config)) return [];
  const byField = new Map<string, ConfigProblem>();
  // allErrors reports a value's type and pattern both: the first per field says it.
  for (const e of validate.errors ?? []) {
    // An if/then's own error only repeats what its branch's errors say field by field.
    if (e.keyword === 'if') continue;
    const p = describe(e, schema);
    if (!byField.has(p.field)) byField.set(p.field, p);
  }
  return [...byField.values()];
}

/** The shape catalog-file.ts passes: only what is read here. */
interface Subscriptions { subscriptions?: Array<{ id: string; sink: string; config?: Record<string, unknown> }> }

/** Each subscription's sink config against its connector's schema, as catalogue problems. */
export function sinkConfigProblems(catalog: Subscriptions): Array<{ path: string } & Bilingual> {
  return (catalog.subscriptions ?? []).flatMap((s, i) => {
    const m = manifestOf(s.sink, 'sink');
    // An unknown sink is the catalogue schema's to refuse (its `sink` enum).
    if (!m) return [];
    return configProblems(m, s.config ?? {}).map((p) => ({
      path: `/subscriptions/${i}/config${p.field ? `/${p.field.replace(/\./g, '/')}` : ''}`,
      zh: `订阅 ${s.id} 的投递配置（${m.name.zh}）：${p.zh}`,
      en: `subscription ${s.id}, sink configuration (${m.name.en}): ${p.en}`,
    }));
  });
}

/** The shape catalog-file.ts passes for entries: only what is read here. */
interface Pulls { entries: Array<{ agency: string; dataset: string; pull?: { connector: string; config: Record<string, unknown> } }> }

/** Each entry's pull config against its connector's schema, as catalogue problems. */
export function pullConfigProblems(catalog: Pulls): Array<{ path: string } & Bilingual> {
  return catalog.entries.flatMap((e, i) => {
    const m = e.pull && manifestOf(e.pull.connector, 'pull');
    // An unknown connector is the catalogue schema's to refuse (its `connector` enum).
    if (!e.pull || !m) return [];
    return configProblems(m, e.pull.config).map((p) => ({
      path: `/entries/${i}/pull/config${p.field ? `/${p.field.replace(/\./g, '/')}` : ''}`,
      zh: `${e.agency} 的 ${e.dataset} 抽取配置（${m.name.zh}）：${p.zh}`,
      en: `${e.agency}'s ${e.dataset}, pull configuration (${m.name.en}): ${p.en}`,
    }));
  });
}
