// ajv's errors as the factory shows them: each with its path and keyword, and the message in
// Chinese (ajv-i18n) and English (ajv's own). Pure: schemas are compiled in schemas/ajv.ts.
import type { ErrorObject } from 'ajv';
import zhLocalize from 'ajv-i18n/localize/zh/index.js';

export interface SchemaProblem {
  path: string;
  keyword: string;
  params: Record<string, unknown>;
  zh: string;
  en: string;
}

/** ajv's errors with the message in Chinese (ajv-i18n) and English (ajv's own). */
export function describeErrors(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  if (!errors?.length) return [];
  const zh = errors.map((e) => ({ ...e }));
  (zhLocalize as unknown as (errs: ErrorObject[]) => void)(zh);
  return errors.map((e, i) => ({
    path: e.instancePath || '/',
    keyword: e.keyword,
    params: e.params as Record<string, unknown>,
    zh: zh[i]?.message ?? e.message ?? '',
    en: e.message ?? '',
  }));
}
