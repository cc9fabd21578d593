// What a pulled row's values are, and what its cursor is.
// Values: text, numbers, booleans and null as the driver gives them, with four choices made here so
// a value means the same from either database and survives the landed NDJSON exactly:
// - a date-time is ISO 8601 text with its digits as stored ("2025-03-01T08:30:00.123456"); one
//   that is an instant (PostgreSQL timestamptz, MySQL TIMESTAMP, read in a UTC session) ends in
//   "Z" or its offset; a date is "2025-03-01";
// - decimal and bigint values are text ("12.50", "9007199254740993"): a JS number would round them;
// - binary values are base64 text; JSON columns are their JSON value;
// - no JS Date anywhere (it keeps milliseconds only).
// The cursor is JSON text of [cursor value, tiebreak value] in the database's own text, which the
// database reads back as the same value to the microsecond.
import { usageError } from '../../domain/errors.ts';
import type { Client } from './config.ts';

type Temporal = 'local' | 'instant';

/** The date-time columns of a result, from the driver's field descriptions. */
export function temporalColumns(client: Client, fields: unknown): Map<string, Temporal> {
  const out = new Map<string, Temporal>();
  for (const f of (Array.isArray(fields) ? fields : []) as Array<{ name: string; dataTypeID?: number; columnType?: number; type?: number }>) {
    if (client === 'postgresql') {
      if (f.dataTypeID === 1114) out.set(f.name, 'local');
      else if (f.dataTypeID === 1184) out.set(f.name, 'instant');
    } else {
      // mysql2's column types: 7 TIMESTAMP, 12 DATETIME (17 and 18 their fractional forms).
      const t = f.columnType ?? f.type;
      if (t === 7 || t === 17) out.set(f.name, 'instant');
      else if (t === 12 || t === 18) out.set(f.name, 'local');
    }
  }
  return out;
}

/** "2025-03-01 08:30:00.123456+00" → "2025-03-01T08:30:00.123456Z"; a MySQL instant gains its "Z". */
export function isoText(text: string, kind: Temporal): string {
  const m = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d(?::?\d\d)?)?$/.exec(text);
  if (!m) return text;
  const [, date, time, zone] = m;
  if (zone) return `${date}T${time}${/^[+-]00(:?00)?$/.test(zone) ? 'Z' : zone.length === 3 ? `${zone}:00` : zone}`;
  return `${date}T${time}${kind === 'instant' ? 'Z' : ''}`;
}

export function plainValues(row: Record<string, unknown>, temporal: Map<string, Temporal>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const t = temporal.get(k);
    if (t && typeof v === 'string') out[k] = isoText(v, t);
    else if (Buffer.isBuffer(v)) out[k] = v.toString('base64');
    else if (typeof v === 'bigint') out[k] = v.toString();
    else if (v instanceof Date) out[k] = v.toISOString();
    else out[k] = v;
  }
  return out;
}

export type Key = [string | number, string | number];

export const encodeCursor = (key: Key): string => JSON.stringify(key);

/** A cursor this connector wrote, read back; anything else is refused rather than read from a guess. */
export function decodeCursor(text: string, source: string, kind: 'timestamp' | 'number' = 'timestamp'): Key {
  let key: unknown;
  try {
    key = JSON.parse(text);
  } catch {
    key = undefined;
  }
  // The cursor column's kind says what its half must look like: a cursor saved for another column is refused, not compared.
  const fits = (v: unknown) => (kind === 'number' ? typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v))
    : typeof v === 'string' && /^\d{4,}-\d\d-\d\d/.test(v));
  const ok = Array.isArray(key) && key.length === 2 && fits(key[0]) && key.every((v) => typeof v === 'string' || typeof v === 'number');
  if (!ok) {
    throw usageError('CDF_PULL_CONFIG', {
      zh: `${source} 保存的抽取位置 ${JSON.stringify(text.slice(0, 80))} 不是数据库抽取写下的格式（是否换过连接器或游标列？）；清除该位置即从头全量抽取`,
      en: `the saved position of ${source}, ${JSON.stringify(text.slice(0, 80))}, is not one a database pull wrote (was the connector or `
        + 'cursor column changed?); clear it to read everything again',
    });
  }
  return key as Key;
}

/** A row's key as the database gave it: its text, or a number for a numeric column. */
export function keyOf(row: Record<string, unknown>, column: string, tiebreak: string): Key {
  const one = (v: unknown): string | number => (typeof v === 'number' ? v : typeof v === 'bigint' ? v.toString() : String(v));
  return [one(row[column]), one(row[tiebreak])];
}
