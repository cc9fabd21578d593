// A dataset's definition as the domain uses it: fields with the standard's names and column codes,
// the natural key, the material fields and how they compare, who the subject is, the schema check.
// Types only; the definitions are read from catalog/datasets/*.yaml by catalog/dataset-definition.ts.
import type { ValidateFunction } from 'ajv';
import type { MeaningFold } from './compare/meaning.ts';
import type { Bilingual } from './errors.ts';

export const FieldKind = {
  text: 'text', uscc: 'uscc', code: 'code', docno: 'docno', date: 'date', amount: 'amount', penalty_types: 'penalty_types',
  subject_category: 'subject_category', licence_types: 'licence_types',
} as const;
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
