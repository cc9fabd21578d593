// The body checks and answers test/access-matrix.test.ts builds its route × role table from. The
// facts they use (which agency lies in which district, which subject is registered where) come from
// the catalogue file and the USCC itself, not from the scope code under test.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { readCatalogFile } from '../../catalog/catalog-file.ts';
import { DEMO_CATALOG } from '../../catalog/demo/load-demo.ts';
import { HAND_WRITTEN_EXTRACT } from './fixtures.ts';

export const catalog = readCatalogFile(DEMO_CATALOG).catalog;
export const regionOf = new Map(catalog.agencies.map((a) => [a.code, a.region]));
export const inHeping = (agency: string) => (regionOf.get(agency) ?? '').startsWith('120101');
/** An 18-digit resident ID number written out in full (masked ones carry asterisks). */
export const RESIDENT_ID = /\b\d{6}(19|20)\d{2}(0[1-9]|1[0-2])\d{2}\d{3}[\dX]\b/;

export const lines = (body: unknown): Array<Record<string, unknown>> =>
  String(body).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

export const onlyAgencies = (allowed: (agency: string) => boolean) => (body: unknown) => {
  const batches = (body as { batches: Array<{ agency: string }> }).batches;
  for (const b of batches) expect(allowed(b.agency), b.agency).toBe(true);
};
export const notEmpty = (key: string) => (body: unknown) => expect((body as Record<string, unknown[]>)[key]!.length).toBeGreaterThan(0);

export const OWN_TOKENS = (body: unknown) => {
  const { tokens } = body as { tokens: Array<{ account: string }> };
  expect(new Set(tokens.map((t) => t.account)).size).toBe(1);
};

export const goldenScope = (district: string | null, unmask: boolean) => (body: unknown) => {
  const records = lines(body);
  expect(records.length).toBeGreaterThan(0);
  for (const r of records) {
    const uscc = String(r['subjectUscc'] ?? r['subject_uscc'] ?? (r['record'] as Record<string, unknown> | undefined)?.['subject_uscc'] ?? '');
    if (district && uscc) expect(uscc.slice(2, 8), uscc).toBe(district);
  }
  if (!unmask) expect(String(body)).not.toMatch(RESIDENT_ID);
};

export const sameAsUnknown = { status: 404, code: 'CDF_BATCH_UNKNOWN' };
export const recordUnknown = { status: 404, code: 'CDF_RECORD_UNKNOWN' };
export const otherAgency = { status: 403, code: 'CDF_FORBIDDEN_AGENCY' };
export const forbidden = { status: 403, code: 'CDF_FORBIDDEN' };
export const ERROR_KEYS = new Set(['code', 'message', 'messageZh', 'messageEn', 'title', 'next', 'context']);
export const signInFailed = { status: 401, code: 'CDF_SIGNIN_FAILED' };
/** Readers of any scope: each answer is checked by its own cell where the scope shows. */
export const readers = { districtSteward: 200, citySteward: 200, districtAuditor: 200, cityAuditor: 200, admin: 200 } as const;
export const variationIn = (allowed: (agency: string) => boolean) => (b: unknown) =>
  (b as { agencies: Array<{ agency: string }> }).agencies.forEach((a) => expect(allowed(a.agency), a.agency).toBe(true));

export const csvUpload = () => ({ payload: readFileSync(HAND_WRITTEN_EXTRACT), contentType: 'text/csv' });

