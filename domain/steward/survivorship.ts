// Survivorship, field by field: when a record takes another source's row (the authoritative
// source arriving after a copy, a steward taking the incoming row), each field takes that row's
// value where it has one and keeps the record's where it has none, so a value only the earlier
// source supplied is not lost. Pure.
import { createHash } from 'node:crypto';
import { datasetDefinition, LINKED_SUBJECT } from '../../catalog/dataset-definition.ts';
import { contentHash } from '../clean/clean-row.ts';

export function surviving(held: Record<string, string>, winner: Record<string, string>): Record<string, string> {
  const out = { ...held };
  for (const [k, v] of Object.entries(winner)) if (v !== '') out[k] = v;
  return out;
}

/** The content hash of a record's fields with its subject folded in, as the link step does. */
export function recordHash(dataset: string, fields: Record<string, string>, subject: string | null): string {
  const def = datasetDefinition(dataset);
  const base = contentHash(def, fields);
  return def.material.includes(LINKED_SUBJECT) && subject ? createHash('md5').update(`${base}|${subject}`).digest('hex') : base;
}
