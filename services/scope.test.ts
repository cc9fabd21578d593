// The scope rule on the demo catalogue: who sees which agencies' batches and which golden records.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import type { CatalogFile } from '../domain/catalog.ts';
import { parseIdentity } from './identity.ts';
import { batchInScope, scopeIn } from './scope.ts';

const catalog = parse(readFileSync(DEMO_CATALOG, 'utf8')) as CatalogFile;
const scope = (spec: string) => scopeIn(catalog, parseIdentity(spec));

describe('scopeIn', () => {
  it('gives the city, an admin and an admin with a region everything', () => {
    for (const who of ['steward', 'auditor:120000', 'admin', 'admin:120101']) {
      expect(scope(who)).toEqual({ all: true, agencies: [], golden: { level: 'city' } });
    }
  });

  it('gives a district its agencies and its streets\' agencies, and the records of subjects registered in it', () => {
    const heping = scope('steward:120101@wang');
    expect(heping.all).toBe(false);
    expect(heping.agencies).toEqual(['heping_market_regulation', 'quanyechang_office', 'xiaobailou_office']);
    expect(heping.golden).toEqual({ level: 'district', district: '120101' });
    expect(batchInScope(heping, 'heping_market_regulation')).toBe(true);
    expect(batchInScope(heping, 'nankai_market_regulation')).toBe(false);
    expect(batchInScope(heping, 'city_market_regulation')).toBe(false);
    expect(scope('auditor:120104').agencies).toEqual(['changhong_office', 'nankai_credit_office', 'nankai_market_regulation']);
  });

  it('gives a street only its own agencies, for batches and records alike', () => {
    const s = scope('steward:120101001@li');
    expect(s.agencies).toEqual(['quanyechang_office']);
    expect(s.golden).toEqual({ level: 'street', street: '120101001', agencies: ['quanyechang_office'] });
    expect(batchInScope(s, 'heping_market_regulation')).toBe(false);
  });

  it('gives a district or street the catalogue does not know nothing', () => {
    expect(scope('steward:120199').agencies).toEqual([]);
    expect(scope('steward:120199001').agencies).toEqual([]);
    expect(batchInScope(scope('steward:120199'), 'city_market_regulation')).toBe(false);
  });

  it('confines an agency to its own batches', () => {
    const a = scope('agency:nankai_market_regulation');
    expect(a.agencies).toEqual(['nankai_market_regulation']);
    expect(batchInScope(a, 'nankai_market_regulation')).toBe(true);
    expect(batchInScope(a, 'changhong_office')).toBe(false);
  });
});
