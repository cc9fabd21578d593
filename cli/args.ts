// Flags shared by every command, parsed once.
import { parseArgs } from 'node:util';
import { usage } from './output.ts';

export interface Parsed {
  positionals: string[];
  json: boolean;
  lang: 'zh-CN' | 'en' | undefined;
  as: string | undefined;
  values: Record<string, string | boolean | undefined>;
}

const options = {
  json: { type: 'boolean' },
  lang: { type: 'string' },
  as: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  agency: { type: 'string' },
  dataset: { type: 'string' },
  channel: { type: 'string' },
  wait: { type: 'boolean' },
  // cdf pull run: read everything again from the beginning
  full: { type: 'boolean' },
  take: { type: 'string' },
  value: { type: 'string' },
  'keep-apart': { type: 'boolean' },
  merge: { type: 'boolean' },
  reject: { type: 'boolean' },
  link: { type: 'string' },
  'no-subject': { type: 'boolean' },
  note: { type: 'string' },
  'as-of': { type: 'string' },
  basis: { type: 'string' },
  today: { type: 'string' },
  status: { type: 'string' },
  format: { type: 'string' },
  row: { type: 'string' },
  version: { type: 'string' },
  region: { type: 'string' },
  batch: { type: 'string' },
  field: { type: 'string' },
  openlineage: { type: 'boolean' },
  to: { type: 'string' },
  role: { type: 'string' },
  unmask: { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  name: { type: 'string' },
  scopes: { type: 'string' },
  days: { type: 'string' },
  account: { type: 'string' },
  'display-name': { type: 'string' },
  'oidc-subject': { type: 'string' },
  // cdf cases
  outcome: { type: 'string' },
  where: { type: 'string' },
  when: { type: 'string' },
  reason: { type: 'string' },
  claim: { type: 'string' },
  text: { type: 'string' },
  measure: { type: 'string' },
  department: { type: 'string' },
  overdue: { type: 'boolean' },
} as const;

export function parse(argv: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw usage(`参数错误：${(e as Error).message}`, `bad arguments: ${(e as Error).message}`);
  }
  const lang = parsed.values.lang;
  if (lang !== undefined && lang !== 'zh-CN' && lang !== 'en') throw usage('--lang 只能是 zh-CN 或 en', '--lang must be zh-CN or en');
  return { positionals: parsed.positionals, json: Boolean(parsed.values.json), lang, as: parsed.values.as, values: parsed.values };
}
