import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { mapHeaders } from '../../domain/layout/headers.ts';
import { csvLine, FIELD_NAMES, FILE_SPECS } from './channels.ts';
import { AUTHORITIES, RELAYS } from './vocab-penalty.ts';

describe('channels', () => {
  const def = datasetDefinition('admin_penalty');

  it('write headers the factory maps to the intended fields, each file its own way', () => {
    for (const spec of FILE_SPECS) {
      const m = mapHeaders(def, spec.headers);
      expect(m.unknown, spec.file).toEqual([]);
      expect(m.missingRequired, spec.file).toEqual([]);
      expect(m.columns).toEqual(FIELD_NAMES);
    }
    expect(new Set(FILE_SPECS.map((s) => s.headers[2])).size).toBe(3);
  });

  it('use the demo catalogue agencies, with its USCCs, names and routing', () => {
    const cat = parse(readFileSync(new URL('../../catalog/demo/catalog.yaml', import.meta.url), 'utf8')) as {
      agencies: { code: string; uscc: string; region: string; name: { zh: string } }[];
      entries: { agency: string; channel: string; region: string }[];
    };
    const agency = new Map(cat.agencies.map((a) => [a.code, a]));
    for (const a of [...AUTHORITIES, ...Object.values(RELAYS)]) {
      expect(agency.get(a.code), a.code).toMatchObject({ uscc: a.uscc, name: { zh: a.name } });
    }
    for (const a of AUTHORITIES) expect(agency.get(a.code)!.region).toBe(a.region);
    for (const spec of FILE_SPECS) {
      expect(cat.entries.find((e) => e.agency === spec.agency)?.channel, spec.file).toBe(spec.channel);
    }
    expect(cat.entries.find((e) => e.agency === 'binhai_platform')?.region).toBe('120116');
  });

  it('quote cells so that a CSV parser reads them back unchanged', () => {
    const cells = ['a,b', 'say "hi"', 'two\nlines', ' edge ', '罚款3万元，没收', ''];
    const parsed = Papa.parse<string[]>(csvLine(cells, '\r\n') + csvLine(['x'], '\r\n'), { skipEmptyLines: true });
    expect(parsed.data[0]).toEqual(cells);
    expect(parsed.data[1]).toEqual(['x']);
  });
});
