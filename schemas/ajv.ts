// One ajv instance for the whole process: every schema in schemas/ is compiled once, on first use.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
export const schemasDir = path.dirname(fileURLToPath(import.meta.url));

// strictRequired is off: conditional `then: { required: [...] }` names properties defined at the top level.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

/** Compiles (once) the schema at schemas/<relPath>. */
export function schemaValidator(relPath: string): ValidateFunction {
  let fn = compiled.get(relPath);
  if (!fn) {
    const schema = JSON.parse(readFileSync(path.join(schemasDir, relPath), 'utf8')) as object;
    fn = ajv.compile(schema);
    compiled.set(relPath, fn);
  }
  return fn;
}

export { describeErrors } from '../domain/validation.ts';
export type { SchemaProblem } from '../domain/validation.ts';
