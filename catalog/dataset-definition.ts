// A dataset's definition: its fields with the standard's Chinese names and column codes, the
// natural key, the material fields, and the JSON Schema a cleaned row must satisfy. Definitions
// are files in catalog/datasets/<code>.yaml, read once per process.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { ValidateFunction } from 'ajv';
import { isMeaningFold } from '../domain/compare/meaning.ts';
import type { MeaningFold } from '../domain/compare/meaning.ts';
import { usageError } from '../domain/errors.ts';
import type { Bilingual } from '../domain/errors.ts';
import { schemaValidator } from '../schemas/ajv.ts';

export const FieldKind = { text: 'text', uscc: 'uscc', code: 'code', docno: 'docno', date: 'date', amount: 'amount', penalty_types: 'penalty_types' } as const;
export type FieldKind = (typeof FieldKind)[keyof typeof FieldKind];

export interface FieldDefinition {
  name: string;
  zh: string;
  en: string;
  column: string;
  kind: FieldKind;
  aliases: string[];
  personal: boolean;
}

export interface SubjectFields {
  name: string;
  legalRep?: string;
  /** The subject-category field, and its value for a natural person (never linked to a USCC). */
  category?: string;
  person?: string;
  uscc?: string;
  orgcode?: string;
  regno?: string;
  taxno?: string;
  /** A natural person's ID type and number: the number must be a resident ID when the type says
   * 身份证 or is empty (domain/clean/identifiers.ts). */
  idType?: string;
  idNo?: string;
}

/** In `material`: the linked subject (its USCC, or the codes and name when unlinked) rather than
 * whichever code the row happened to carry. Folded into the content hash by the link step. */
export const LINKED_SUBJECT = '$subject';

export interface DatasetDefinition {
  code: string;
  name: Bilingual;
  standard: Bilingual & { version: string };
  schema: string;
  naturalKey: string[];
  material: string[];
  /** Material fields compared by what they mean rather than how they were typed (the fold's name),
   * with the reason written in the dataset file. Document numbers always compare by their key. */
  compare?: Record<string, MeaningFold>;
  subjectCodeFields: string[];
  /** Which fields name the subject, for the link step; absent for a dataset with no subject. */
  subject?: SubjectFields;
  /** The field naming the authority whose record a row is (一数一源 responsibility). */
  responsibleBy?: string;
  /** This dataset is the legal-person registry that links resolve against. */
  registry?: boolean;
  /** Date fields that may not be later than the batch's receipt date. */
  notAfterReceipt?: string[];
  /** Publication rule: whether records are published and which period rule applies. */
  publication: { public: boolean; period?: string; zh: string; en: string };
  fields: FieldDefinition[];
  /** Fields the schema requires unconditionally: a file without a column for one is refused. */
  requiredFields: string[];
  validate: ValidateFunction;
}

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
  const raw = parse(readFileSync(path.join(dir, `${code}.yaml`), 'utf8')) as Omit<DatasetDefinition, 'validate' | 'requiredFields' | 'fields'> & { fields: Array<Partial<FieldDefinition> & Pick<FieldDefinition, 'name' | 'zh' | 'en' | 'column'>> };
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
