// Golden-record search through the HTTP API on the demo city, then on a seeded table: a document
// number typed in another form finds the record by its canonical key; a USCC is exact and kept as a
// string; a name is fuzzy; a district sees its own subjects only; natural persons' names are masked
// and not searchable by name without the unmask right; each kind finds its page from an index.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainSearch } from '../db/search.ts';
import { buildApp } from '../server/app.ts';
import { loadDemo } from '../services/demo.ts';
import { detectQuery } from '../services/search/detect.ts';
import { signedAs } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

let f: TestFactory;
let app: FastifyInstance;
interface Item {
  id: number; dataset: string; subjectName: string | null; subjectUscc: string | null; documentNumber: string | null; statusName: { en: string };
}
interface Page { kind: string; key: string; total: number; totalIsEstimate: boolean; items: Item[]; hint?: { en: string } }
const search = async (q: string, spec = 'auditor@city-auditor', extra = '') => {
  const res = await app.inject({
    method: 'GET', url: `/api/records/search?q=${encodeURIComponent(q)}${extra}`, headers: await signedAs(f.database.db, spec, { 'accept-language': 'en' }),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};

beforeAll(async () => {
  f = await createTestFactory();
  app = await buildApp(f.ctx);
  await loadDemo(f.ctx);
}, 300_000);
afterAll(async () => {
  await app?.close();
  await f?.close();
});

describe('search on the demo city', () => {
  it('finds a record by its document number typed with other brackets, spaces and 第', async () => {
    const g = (await f.database.db('golden_records').where({ dataset: 'admin_penalty', status: 'active' }).orderBy('id').first('id', 'fields')) as
      { id: number; fields: Record<string, string> };
    const docno = g.fields.decision_no!;
    expect(docno).toMatch(/〔\d{4}〕/);
    const typed = docno.replace('〔', '（').replace('〕', '） ');
    const page = await search(typed);
    expect(page.kind).toBe('docno');
    expect(page.items.map((i) => i.id)).toContain(Number(g.id));
    expect(page.items.find((i) => i.id === Number(g.id))).toMatchObject({ documentNumber: docno, statusName: { en: 'in force' } });
  });

  it('finds a subject\'s records by USCC exactly, as a string', async () => {
    const g = (await f.database.db('golden_records').whereNotNull('subject_uscc').where({ dataset: 'admin_penalty' }).first('subject_uscc')) as
      { subject_uscc: string };
    const page = await search(g.subject_uscc.toLowerCase());
    expect(page).toMatchObject({ kind: 'uscc', key: g.subject_uscc });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.subjectUscc === g.subject_uscc)).toBe(true);
  });

  it('finds by part of a name, best match first, and pages', async () => {
    const g = (await f.database.db('golden_records').where({ dataset: 'admin_penalty' }).whereRaw(`fields->>'subject_category' <> '自然人'`)
      .first('fields')) as { fields: Record<string, string> };
    const name = g.fields.subject_name!;
    const part = name.replace(/^天津(市)?/, '').replace(/有限公司$/, '');
    const page = await search(part);
    expect(page.kind).toBe('name');
    expect(page.items[0]!.subjectName).toContain(part);
    const one = await search(part, 'auditor@city-auditor', '&limit=1&offset=0');
    expect(one.items).toHaveLength(1);
    expect(one.total).toBe(page.total);
    expect((await search('鸿')).hint?.en).toBe('a name search needs at least 3 characters');
  });

  it('keeps a district to its own subjects, and masks natural persons', async () => {
    const heping = await search('有限公司', 'auditor:120101@heping-auditor', '&limit=200');
    for (const i of heping.items) if (i.subjectUscc) expect(i.subjectUscc.slice(2, 8)).toBe('120101');
    const person = (await f.database.db('golden_records').whereRaw(`fields->>'subject_category' = '自然人'`).first('id', 'natural_key', 'fields')) as
      { id: number; natural_key: string; fields: Record<string, string> } | undefined;
    if (person) {
      const byDocno = await search(person.fields.decision_no!);
      const item = byDocno.items.find((i) => i.id === Number(person.id))!;
      expect(item.subjectName).not.toBe(person.fields.subject_name);
      const byName = await search(person.fields.subject_name!.padEnd(3, person.fields.subject_name!.slice(-1)));
      expect(byName.items.map((i) => i.id)).not.toContain(Number(person.id));
    }
  });

  it('answers a record id typed as a number with that record', async () => {
    const g = (await f.database.db('golden_records').orderBy('id', 'desc').first('id')) as { id: number };
    expect((await search(String(g.id))).items.map((i) => i.id)).toEqual([Number(g.id)]);
  });
});

describe('search at scale', () => {
  // 200,000 beside the demo by default; CDF_SEARCH_SEED=1000000 measures the size the brief names.
  const SEEDED = Number(process.env.CDF_SEARCH_SEED ?? 200_000);
  it('finds a page from an index: index-only for USCC and document number, trigram GIN for names, and the right page', async () => {
    const db = f.database.db;
    // Synthetic records beside the demo's: distinct document numbers, USCC-shaped subjects, names.
    await db.raw(`
      insert into golden_records (dataset, natural_key, subject_uscc, fields, content_hash)
      select 'admin_penalty', '津测罚〔2026〕' || n || '号|111200000000100140', '9112010' || lpad(n::text, 10, '0') || 'X',
             jsonb_build_object('subject_name', '天津测试' || n || '号商贸有限公司', 'decision_no', '津测罚〔2026〕' || n || '号'), md5(n::text)
        from generate_series(1, ${SEEDED}) n`);
    await db.raw('analyze golden_records');
    const plan = async (q: string) => JSON.stringify(await explainSearch(db, {
      kind: detectQuery(q).kind, key: detectQuery(q).key, limit: 20, offset: 0, cap: 1000, noPersons: true, restrict: (x) => x,
    }));
    expect(await plan('津测罚[2026]4242号')).toContain('"Node Type":"Index Only Scan"');
    expect(await plan('91120100000004242X')).toMatch(/"Node Type":"Index Only Scan"[^{}]*"Index Name":"golden_records_subject_idx"/);
    expect(await plan('测试4242号商贸')).toContain('golden_records_name_trgm_idx');
    // A name typed whole or in part is found by containment first, from the same trigram index.
    const contained = JSON.stringify(await explainSearch(db, {
      kind: 'name', key: '测试4242号商贸', limit: 20, offset: 0, cap: 1000, noPersons: true, restrict: (x) => x, substring: true,
    }));
    expect(contained).toContain('golden_records_name_trgm_idx');
    for (const q of ['津测罚（2026）4242号', '91120100000004242X', '测试4242号商贸']) {
      await search(q); // warm
      const t = performance.now();
      const page = await search(q);
      const ms = performance.now() - t;
      // Reported, not asserted: time on a shared machine is noise; the plans above are the contract
      // (bench/pages.ts measures the pages at 1,000,000 records).
      console.info(`search ${q} over ${SEEDED} seeded records: ${ms.toFixed(1)} ms, ${page.total} found`);
      if (q.startsWith('津')) expect(page.items.map((i) => i.documentNumber)).toEqual(['津测罚〔2026〕4242号']);
      if (q.startsWith('9')) expect(page.items.map((i) => i.subjectUscc)).toEqual(['91120100000004242X']);
      if (q.startsWith('测')) expect(page.items[0]!.subjectName).toBe('天津测试4242号商贸有限公司');
    }
  }, 900_000);
});
