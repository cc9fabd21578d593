// Personal data, masked the one way everywhere: a field the dataset definition marks `personal`
// (resident and other ID numbers) keeps its first 6 and last 4 characters; a natural person's name
// keeps the surname. The public view, the deliveries to the public site and every service answer
// to a reader without the unmask right use these functions and no other. Pure.
import type { DatasetDefinition } from '../dataset.ts';
import { maskRic } from '../codes/index.ts';

export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** Whether the row (by its fields) is a natural person's: only then is the subject's name personal. */
export function isNaturalPerson(def: DatasetDefinition, fields: Record<string, unknown>): boolean {
  const s = def.subject;
  return Boolean(s?.category && s.person && String(fields[s.category] ?? '').trim() === s.person);
}

// Each dataset's personal fields, looked up once: every field of every record a delivery masks asks.
const personalOf = new WeakMap<DatasetDefinition, ReadonlySet<string>>();
function personalFields(def: DatasetDefinition): ReadonlySet<string> {
  let set = personalOf.get(def);
  if (!set) personalOf.set(def, (set = new Set(def.fields.filter((f) => f.personal).map((f) => f.name))));
  return set;
}

/** One field's value as a reader without the unmask right sees it. */
export function maskValue(def: DatasetDefinition, field: string | null | undefined, value: string, person: boolean): string {
  if (!field || !value) return value;
  if (personalFields(def).has(field)) return maskRic(value);
  if (person && field === def.subject?.name) return maskName(value);
  return value;
}

/** A record's (or a row's) fields, masked. */
export function maskFields(def: DatasetDefinition, fields: Record<string, string>): Record<string, string> {
  const person = isNaturalPerson(def, fields);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = maskValue(def, k, v, person);
  return out;
}

/** A natural key ("part|part"): the parts that are personal fields (a list's key carries the
 * person's ID number) masked. */
export function maskNaturalKey(def: DatasetDefinition, key: string): string {
  const parts = key.split('|');
  if (parts.length !== def.naturalKey.length) return key;
  return parts.map((p, i) => maskValue(def, def.naturalKey[i], p, false)).join('|');
}

/** A row's cells as received, by the column map (the field each column was read into). */
export function maskCells(def: DatasetDefinition, columnMap: ReadonlyArray<string | null>, cells: readonly string[]): string[] {
  const byField: Record<string, string> = {};
  columnMap.forEach((f, i) => { if (f) byField[f] = cells[i] ?? ''; });
  const person = isNaturalPerson(def, byField);
  return cells.map((c, i) => maskValue(def, columnMap[i] ?? null, c ?? '', person));
}

/** Any JSON (a steward item's detail: values side by side) with every personal field inside masked,
 * at whatever depth it sits; `person` says whether the subject's name is personal. */
export function maskDeep(def: DatasetDefinition, value: unknown, person: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => maskDeep(def, v, person));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [
    k, typeof v === 'string' ? maskValue(def, k, v, person) : maskDeep(def, v, person),
  ]));
}

/** Free text (a reject's reason) with the row's personal values replaced by their masked form, so a
 * message that quotes a cell does not give back what the cell's masking hid. */
export function maskText(text: string, secrets: ReadonlyArray<readonly [string, string]>): string {
  let out = text;
  for (const [plain, masked] of secrets) if (quotable(plain) && plain !== masked) out = out.split(plain).join(masked);
  return out;
}

// A name of two Chinese characters is worth hiding in a message; "12" of a broken ID number would
// only garble "第12位" and reveals nothing the masked cell does not.
const quotable = (s: string): boolean => s.length >= 4 || (s.length >= 2 && /[^\x20-\x7e]/.test(s));

/** The pairs (plain, masked) of a row's personal values, for maskText. */
export function personalValues(def: DatasetDefinition, fields: Record<string, string>): Array<[string, string]> {
  const person = isNaturalPerson(def, fields);
  return Object.entries(fields).map(([k, v]): [string, string] => [v, maskValue(def, k, v, person)]).filter(([p, m]) => p !== m)
    .sort((a, b) => b[0].length - a[0].length);
}
