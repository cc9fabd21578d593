// A dataset's definition: its fields with the standard's Chinese names and column codes, the
// natural key, the material fields, and the JSON Schema a cleaned row must satisfy. Definitions
// are files in catalog/datasets/<code>.yaml, read once per process.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { isMeaningFold } from '../domain/compare/meaning.ts';
import { usageError } from '../domain/errors.ts';
import { schemaValidator } from '../schemas/ajv.ts';

export { FieldKind, LINKED_SUBJECT } from '../domain/dataset.ts';
export type { DatasetDefinition, FieldDefinition, SubjectFields } from '../domain/dataset.ts';
import type { DatasetDefinition, FieldDefinition } from '../domain/dataset.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'datasets');
const cache = new Map<string, DatasetDefinition>();

export function datasetExists(code: string): boolean {
  return /^[a-z][a-z0-9_]*$/.test(code) && existsSync(path.join(dir, `${code}.yaml`));
}

export function datasetDefinition(code: string): DatasetDefinition {
  const hit = cache.get(code);
  if (hit) return hit;
  if (!datasetExists(code)) {
    throw usageError('CDF_DATASET_UNKNOWN', { zh: `未知的数据集：${code}`, en: `unknown dataset: ${code}` }, { value: code });
  }
  const raw = parse(readFileSync(path.join(dir, `${code}.yaml`), 'utf8')) as Omit<DatasetDefinition, 'validate' | 'requiredFields' | 'fields'> & {
    fields: Array<Partial<FieldDefinition> & Pick<FieldDefinition, 'name' | 'zh' | 'en' | 'column'>>;
  };
  for (const [field, fold] of Object.entries(raw.compare ?? {})) {
    if (!isMeaningFold(fold) || !raw.material.includes(field)) {
      throw new Error(`dataset ${code}: compare.${field} must name a material field and a known fold, not ${String(fold)}`);
    }
  }
  const validate = schemaValidator(raw.schema);
  const schema = validate.schema as { required?: string[] };
  const def: DatasetDefinition = {
    ...raw,
    fields: raw.fields.map((f) => ({ kind: 'text', aliases: [], personal: false, ...f }) as FieldDefinition),
    requiredFields: schema.required ?? [],
    validate,
  };
  cache.set(code, def);
  return def;
}

/** Every dataset with a definition file, by code. */
export function datasetCodes(): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
}
