// The conformance suite every source connector runs from its own test file with its own factory
// (one suite, every implementation, as hono's router/common.case.test.ts does). It holds each
// source to the contract in connectors/types.ts and to the golden hostile fixtures in fixtures/:
// each file there has a sibling .expected.json with what its source does with it today. A case a
// connector cannot meet is skipped with its reason in the case's name, never silently.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configProblems, configSchema, manifestOf } from '../registry.ts';
import { SOURCE_UNREADABLE } from '../check.ts';
import { readHead } from '../read-head.ts';
import type { OpenedSource, SourceConnector, SourceLine } from '../types.ts';
import { fixtures } from './fixtures.ts';
import type { SourceFixture } from './fixtures.ts';

export type SourceCase = 'lines' | 'memory' | 'fixtures' | 'check' | 'config';

export interface SourceSuite {
  connector: SourceConnector;
  /** The extension of the files it reads, as an agency names them. */
  extension: string;
  /** Writes a header line and `rows` data lines; data line n holds `row(n)`. */
  write(filePath: string, header: string[], rows: number, row: (n: number) => string[]): Promise<void>;
  /** Data lines in the large input: enough that holding them all would show in the heap. */
  largeRows: number;
  /** Cases this connector cannot meet, with why. */
  skip?: Partial<Record<SourceCase, string>>;
}

const HEADER = ['行政相对人名称', '行政相对人类别', '行政处罚决定书文号', '违法事实', '罚款金额（万元）'];
const row = (n: number): string[] => [`天津市某某商贸有限公司${n}`, '法人及非法人组织', `津市场监管罚〔2025〕${n}号`, `销售超过保质期的食品，数量${n}件`, String(n % 100)];

async function readLines(src: OpenedSource): Promise<SourceLine[]> {
  const lines: SourceLine[] = [];
  try {
    for await (const l of src.lines()) lines.push(l);
  } finally {
    await src.close();
  }
  return lines;
}

export function sourceConformance(s: SourceSuite): void {
  const { connector } = s;
  const test = (name: SourceCase, title: string, body: () => unknown, timeout?: number): void => {
    const why = s.skip?.[name];
    if (why) it.skip(`${title} (skipped: ${why})`, body);
    else it(title, { timeout }, body);
  };
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), `cdf-conformance-${connector.id}-`)); });
  afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  describe(`source conformance: ${connector.id}`, () => {
    test('config', 'has a manifest naming its config schema, which refuses unknown options by name', () => {
      const m = manifestOf(connector.id, 'source');
      expect(m, `connectors/*/manifest.json with id ${connector.id}`).toBeDefined();
      expect(configSchema(m!).schema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(configProblems(m!, {})).toEqual([]);
      const [problem] = configProblems(m!, { delimiter: ';' });
      expect(problem).toMatchObject({ field: 'delimiter' });
      expect(problem!.zh).toContain('delimiter');
      expect(problem!.en).toContain('delimiter');
    });

    test('lines', 'streams every line once, numbered by record and physical line', async () => {
      const file = path.join(dir, `small${s.extension}`);
      await s.write(file, HEADER, 3, row);
      expect(connector.accepts(path.basename(file), await readHead(file))).toBe(true);
      const src = await connector.open(file);
      const lines = await readLines(src);
      expect(lines).toEqual([HEADER, row(1), row(2), row(3)].map((cells, i) => ({ index: i + 1, line: i + 1, cells })));
      await expect(src.lines().next()).rejects.toThrow('lines() can be read once');
    });

    test('memory', `reads ${s.largeRows} lines in bounded memory`, async () => {
      const file = path.join(dir, `large${s.extension}`);
      await s.write(file, HEADER, s.largeRows, row);
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as () => void;
      gc();
      const baseline = process.memoryUsage().heapUsed;
      const samples: number[] = [];
      const every = Math.floor(s.largeRows / 10);
      const src = await connector.open(file);
      let count = 0;
      let last: SourceLine | undefined;
      try {
        for await (const l of src.lines()) {
          count++;
          last = l;
          if (count % every === 0) { gc(); samples.push(process.memoryUsage().heapUsed - baseline); }
        }
      } finally {
        await src.close();
      }
      const n = s.largeRows + 1;
      expect({ count, last }).toEqual({ count: n, last: { index: n, line: n, cells: row(s.largeRows) } });
      // What is held does not grow with the lines read: well under the file's own size.
      expect(Math.max(...samples)).toBeLessThan(100 * 1024 * 1024);
      expect(samples.at(-1)! - samples[0]!).toBeLessThan(16 * 1024 * 1024);
      fs.rmSync(file);
    }, 180_000);

    const own = fixtures().filter((f) => f.expected.source === connector.id);
    const others = fixtures().filter((f) => f.expected.source !== connector.id);
    describe('golden hostile fixtures', () => {
      it('has fixtures of its own', () => {
        if (s.skip?.fixtures) return;
        expect(own.length).toBeGreaterThan(0);
      });
      for (const f of own) {
        test('fixtures', `${f.name}: ${f.expected.about.en}`, async () => expectOutcome(connector, f));
      }
      test('fixtures', 'accepts no fixture of another source', async () => {
        for (const f of others) expect(connector.accepts(f.name, await readHead(f.file)), f.name).toBe(false);
      });
    });

    test('check', 'check(): ok on a readable file, a coded bilingual failure on a missing one or a folder', async () => {
      const file = path.join(dir, `present${s.extension}`);
      await s.write(file, HEADER, 1, row);
      expect(await connector.check(file)).toEqual({ ok: true });
      const missing = path.join(dir, `missing${s.extension}`);
      const gone = await connector.check(missing);
      expect(gone).toMatchObject({ ok: false, code: SOURCE_UNREADABLE });
      if (gone.ok) return;
      expect(gone.zh).toContain(missing);
      expect(gone.zh).toContain('不存在');
      expect(gone.en).toContain('does not exist');
      expect(await connector.check(dir)).toMatchObject({ ok: false, code: SOURCE_UNREADABLE, en: `${dir} is not a file` });
    });
  });
}

/** What the fixture's .expected.json says: accepted or not, then its lines or its refusal. */
async function expectOutcome(connector: SourceConnector, f: SourceFixture): Promise<void> {
  const want = f.expected;
  expect(connector.accepts(f.name, await readHead(f.file))).toBe(want.accepts);
  expect(await connector.check(f.file)).toEqual({ ok: true });
  if (want.refused) {
    // Refused when opened, or while its lines are read (a fault past the head).
    await expect(connector.open(f.file).then(readLines)).rejects.toMatchObject(want.refused);
    return;
  }
  const src = await connector.open(f.file);
  expect(src.encoding).toBe(want.encoding);
  expect(await readLines(src)).toEqual(want.lines);
}
