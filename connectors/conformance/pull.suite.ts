// The conformance suite every pull connector runs from its own test file with a factory that sets
// up a real source (a database table, a local HTTP API) holding N rows, changes it and takes it
// down: one suite, every implementation. It holds each puller to the contract in connectors/types.ts
// (cursor order, incremental pulls, full re-reads, cursors that survive being stored as text,
// bounded memory, retries, connections released) and to its config schema through the catalogue
// import. A case a connector cannot meet is skipped with its reason in the case's name.
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCatalog } from '../../catalog/catalog-file.ts';
import { DEMO_CATALOG } from '../../catalog/demo/load-demo.ts';
import { isCdfError } from '../../domain/errors.ts';
import { configProblems, configSchema, manifestOf } from '../registry.ts';
import type { PullConnector, PulledRecord } from '../types.ts';

export type PullCase = 'incremental' | 'cursor' | 'down' | 'check' | 'config' | 'memory' | 'early-stop' | 'throughput';

/** A real source: rows with ids 1..n, each a name; their cursor order is id order until changed. */
export interface PullFixture {
  /** The config pull() and check() receive. */
  config: Record<string, unknown>;
  /** Adds rows with the next ids, their cursor after every row's now. */
  insert(count: number): Promise<void>;
  /** Renames these rows to name(id, version), moving their cursor after every row's now. */
  update(ids: number[], version: number): Promise<void>;
  /** Connections the pulls keep open on the source now (the fixture's own not counted). */
  held(): Promise<number>;
  drop(): Promise<void>;
}

export interface PullSuite {
  connector: PullConnector;
  /** Told apart in the report when one connector runs against several systems ("MariaDB"). */
  label?: string;
  /** A fresh source holding rows 1..rows, each row's values holding `id` and `name` = name(id). */
  source(rows: number): Promise<PullFixture>;
  /** A config whose source does not answer, and the secret it carries that no message may show. */
  down(): Promise<{ config: Record<string, unknown>; secret: string }>;
  /** Configs check() must refuse without throwing, with the code it must give. */
  failing: Array<{ about: string; config: () => Record<string, unknown>; code: string }>;
  /** Configs the schema must refuse, and the field the refusal must name (`a.b` for a nested one). */
  badConfigs: Array<{ config: Record<string, unknown>; field: string }>;
  /** The config with pages of `size` rows (records, requests), so a few rows span several pages. */
  paged(config: Record<string, unknown>, size: number): Record<string, unknown>;
  /** Rows in the large source: enough that holding them all would show in the heap. */
  largeRows: number;
  skip?: Partial<Record<PullCase, string>>;
}

export const name = (id: number, version = 0): string => `天津市某某商贸有限公司${id}${version ? `（第 ${version} 次变更）` : ''}`;

async function pullAll(p: PullConnector, config: Record<string, unknown>, cursor: string | null): Promise<PulledRecord[]> {
  const out: PulledRecord[] = [];
  for await (const r of p.pull(config, { cursor })) out.push(r);
  return out;
}
const ids = (rs: PulledRecord[]): number[] => rs.map((r) => Number(r.values.id));
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function eventually(read: () => Promise<number>, want: number, ms = 5000): Promise<number> {
  const until = Date.now() + ms;
  let got = await read();
  while (got !== want && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    got = await read();
  }
  return got;
}

/** Every property, nested ones too, with its `expected` words: [path, schema] pairs. */
function properties(schema: unknown, at = ''): Array<[string, Record<string, unknown>]> {
  const s = schema as { properties?: Record<string, Record<string, unknown>> };
  return Object.entries(s.properties ?? {}).flatMap(([k, p]) => [[`${at}${k}`, p] as [string, Record<string, unknown>], ...properties(p, `${at}${k}.`)]);
}

export function pullConformance(s: PullSuite): void {
  const { connector } = s;
  const test = (c: PullCase, title: string, body: () => unknown, timeout?: number): void => {
    const why = s.skip?.[c];
    if (why) it.skip(`${title} (skipped: ${why})`, body);
    else it(title, { timeout }, body);
  };

  describe(`pull conformance: ${connector.id}${s.label ? ` (${s.label})` : ''}`, () => {
    test('incremental', 'pulls all rows in cursor order, then nothing, then exactly the changed rows, and everything again from null', async () => {
      const f = await s.source(12);
      f.config = s.paged(f.config, 5);
      try {
        const first = await pullAll(connector, f.config, null);
        expect(ids(first)).toEqual(range(1, 12));
        expect(first.map((r) => r.values.name)).toEqual(range(1, 12).map((i) => name(i)));
        const last = first.at(-1)!.cursor;
        expect(typeof last).toBe('string');
        expect(await pullAll(connector, f.config, last)).toEqual([]);

        await f.update([3, 7], 1);
        await f.insert(3);
        const next = await pullAll(connector, f.config, last);
        expect(ids(next)).toEqual([3, 7, 13, 14, 15]);
        expect(next.map((r) => r.values.name)).toEqual([name(3, 1), name(7, 1), name(13), name(14), name(15)]);
        expect(await pullAll(connector, f.config, next.at(-1)!.cursor)).toEqual([]);

        const again = await pullAll(connector, f.config, null);
        expect(ids(again)).toEqual([...range(1, 12).filter((i) => i !== 3 && i !== 7), 3, 7, 13, 14, 15]);
      } finally {
        await f.drop();
      }
    });

    test('cursor', 'every cursor survives being stored as text: a pull from any record\'s cursor yields exactly the ones after it', async () => {
      const f = await s.source(9);
      f.config = s.paged(f.config, 2);
      try {
        const all = await pullAll(connector, f.config, null);
        for (const k of [0, 3, 4, 7]) {
          // Through bytes and JSON, as pull_sources keeps it and a later process reads it back.
          const stored = JSON.parse(JSON.stringify({ cursor: Buffer.from(all[k]!.cursor!, 'utf8').toString('utf8') })) as { cursor: string };
          expect(stored.cursor).toBe(all[k]!.cursor);
          expect(ids(await pullAll(connector, f.config, stored.cursor)), `from record ${k + 1}`).toEqual(range(k + 2, 9));
        }
      } finally {
        await f.drop();
      }
    });

    test('down', 'a source that does not answer throws after its retries, soon, with a coded bilingual message and no secret', async () => {
      const { config, secret } = await s.down();
      const started = Date.now();
      let thrown: unknown;
      try {
        await pullAll(connector, config, null);
      } catch (e) {
        thrown = e;
      }
      const took = Date.now() - started;
      expect(isCdfError(thrown) && thrown.code, String(thrown)).toBe('CDF_PULL_UNAVAILABLE');
      if (!isCdfError(thrown)) return;
      // Three retries by default, after about 0.5, 1 and 2 seconds.
      expect(thrown.context.attempts).toBe(4);
      expect(took).toBeGreaterThan(2000);
      expect(took).toBeLessThan(20_000);
      expect(thrown.messages.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(thrown.messages.en).toMatch(/^[\x20-\x7e]+$/);
      expect(thrown.messages.en).toMatch(/after 4 attempts/);
      for (const text of [thrown.messages.zh, thrown.messages.en, thrown.message, JSON.stringify(thrown.toJSON())]) expect(text).not.toContain(secret);
    }, 30_000);

    test('check', 'check() is ok on a source that answers', async () => {
      const f = await s.source(1);
      try {
        expect(await connector.check(f.config)).toEqual({ ok: true });
      } finally {
        await f.drop();
      }
    });
    for (const bad of s.failing) {
      test('check', `check() refuses ${bad.about} with ${bad.code}, in both languages, without throwing`, async () => {
        const got = await connector.check(bad.config());
        expect(got).toMatchObject({ ok: false, code: bad.code });
        if (got.ok) return;
        expect(got.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(got.en).toMatch(/^[\x20-\x7e]+$/);
      });
    }

    test('config', 'has a manifest naming its config schema, every field (nested too) saying what it expects, unknown ones refused by name', async () => {
      const m = manifestOf(connector.id, 'pull');
      expect(m, `connectors/*/manifest.json with id ${connector.id} and kind pull`).toBeDefined();
      const { schema } = configSchema(m!);
      expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
      for (const [field, p] of properties(schema)) expect(p.expected, field).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
      const f = await s.source(1);
      try {
        expect(configProblems(m!, f.config)).toEqual([]);
        const [problem] = configProblems(m!, { ...f.config, pageSzie: 10 });
        expect(problem).toMatchObject({ field: 'pageSzie' });
        expect(problem!.zh).toContain('pageSzie');
        expect(problem!.en).toContain('unknown field pageSzie');
      } finally {
        await f.drop();
      }
      for (const { config, field } of s.badConfigs) {
        const problems = configProblems(m!, config);
        expect(problems.map((p) => p.field), JSON.stringify(config)).toContain(field);
        for (const p of problems) expect(`${p.zh}\n${p.en}`).not.toMatch(/\^|\$"|\[a-z|\\d|\{\d+,\d*\}/);
      }
    });

    test('config', 'the catalogue import accepts an entry pulled with it, and refuses a bad config naming the entry and the field', async () => {
      const f = await s.source(1);
      let good: Record<string, unknown>;
      try {
        good = f.config;
      } finally {
        await f.drop();
      }
      const withPull = (config: Record<string, unknown>): unknown => {
        const catalog = parse(readFileSync(DEMO_CATALOG, 'utf8')) as { entries: Array<Record<string, unknown>> };
        catalog.entries[0]!.pull = { connector: connector.id, config };
        return catalog;
      };
      expect(() => checkCatalog(withPull(good), 'catalog.yaml')).not.toThrow();
      const { config, field } = s.badConfigs[0]!;
      let refused: unknown;
      try {
        checkCatalog(withPull(config), 'catalog.yaml');
      } catch (e) {
        refused = e;
      }
      expect(isCdfError(refused) && refused.code).toBe('CDF_CATALOG_INVALID');
      if (!isCdfError(refused)) return;
      for (const text of [refused.messages.zh, refused.messages.en]) expect(text).toContain(`/entries/0/pull/config/${field.replace(/\./g, '/')}`);
    });

    test('memory', `pulls ${s.largeRows} rows in bounded memory`, async () => {
      const f = await s.source(s.largeRows);
      try {
        v8.setFlagsFromString('--expose-gc');
        const gc = vm.runInNewContext('gc') as () => void;
        gc();
        const baseline = process.memoryUsage().heapUsed;
        const samples: number[] = [];
        const every = Math.floor(s.largeRows / 10);
        let count = 0;
        let last: PulledRecord | undefined;
        for await (const r of connector.pull(f.config, { cursor: null })) {
          count++;
          last = r;
          if (count % every === 0) {
            gc();
            samples.push(process.memoryUsage().heapUsed - baseline);
          }
        }
        expect({ count, id: Number(last?.values.id) }).toEqual({ count: s.largeRows, id: s.largeRows });
        // Holding the rows would take well over 20 MB (a few hundred bytes each): what is held does not grow with them.
        expect(Math.max(...samples)).toBeLessThan(64 * 1024 * 1024);
        expect(samples.at(-1)! - samples[0]!).toBeLessThan(8 * 1024 * 1024);
      } finally {
        await f.drop();
      }
    }, 300_000);

    // Measured on demand (PULL_BENCH=1): a pull of the large source as the pull activity reads it, no gc.
    const bench = process.env.PULL_BENCH ? s.skip?.throughput : 'set PULL_BENCH=1 to measure';
    (bench ? it.skip : it)(`throughput: rows per second pulling ${s.largeRows} rows${bench ? ` (skipped: ${bench})` : ''}`, async () => {
      const f = await s.source(s.largeRows);
      try {
        const started = process.hrtime.bigint();
        let count = 0;
        for await (const r of connector.pull(f.config, { cursor: null })) if (r.values.id !== undefined) count++;
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const who = `${connector.id}${s.label ? ` (${s.label})` : ''}`;
        console.log(`[pull throughput] ${who}: ${count} rows in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} rows/s`);
        expect(count).toBe(s.largeRows);
      } finally {
        await f.drop();
      }
    }, 600_000);

    test('early-stop', 'a consumer that stops early leaves no connection open on the source', async () => {
      const f = await s.source(30);
      try {
        const before = await f.held();
        const seen: PulledRecord[] = [];
        for await (const r of connector.pull(s.paged(f.config, 5), { cursor: null })) {
          seen.push(r);
          if (seen.length === 7) {
            // Mid-pull the source sees us (so the count below is not blind).
            expect(await f.held()).toBeGreaterThan(before);
            break;
          }
        }
        expect(ids(seen)).toEqual(range(1, 7));
        expect(await eventually(() => f.held(), before)).toBe(before);
      } finally {
        await f.drop();
      }
    });
  });
}
