// The conformance suite every sink connector runs from its own test file with its own target (a
// folder, a local HTTP server, a real PostgreSQL): one suite, every implementation. It holds each
// sink to the contract in connectors/types.ts, to check() and to its config schema, through the
// catalogue import as an admin meets it. A case a sink cannot meet is skipped with its reason.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCatalog } from '../../catalog/catalog-file.ts';
import { DEMO_CATALOG } from '../../catalog/demo/load-demo.ts';
import type { SinkPlaces } from '../../catalog/sink-policy.ts';
import { isCdfError } from '../../domain/errors.ts';
import { configProblems, configSchema, manifestOf } from '../registry.ts';
import type { DeliveryRecord, SinkConnector } from '../types.ts';

export type SinkCase = 'deliver' | 'idempotent' | 'tombstone' | 'check' | 'config' | 'policy';

/** One record as it arrived at the target; a target keeps every arrival (a log) or the last (a table). */
export interface Arrival { goldenId: number; version: number; op: DeliveryRecord['op'] }

export interface SinkTarget {
  /** The config as deliver() and check() receive it (activities/deliver.ts adds dir and dataset). */
  config: Record<string, unknown>;
  /** What the target holds now, every arrival a subscriber would act on. */
  arrivals(): Promise<Arrival[]>;
  /** Where deliver() should say a delivery under `key` went. */
  location(key: string): string;
  /** The operator's bounds (catalog/sink-policy.ts) that allow this target, as the worker passes them. */
  places: SinkPlaces;
}

export interface SinkSuite {
  connector: SinkConnector;
  /** A fresh, empty target for each case. */
  target(): Promise<SinkTarget>;
  /** Configs check() must refuse without throwing, with the code it must give. */
  failing: Array<{ about: string; config: () => Record<string, unknown>; code: string }>;
  /** Catalogue configs (a subscription's `config`) the schema must accept beyond the demo's. */
  catalogConfigs?: Array<Record<string, unknown>>;
  /** A catalogue config the schema must refuse, and the field the refusal must name. */
  badCatalogConfig: { config: Record<string, unknown>; field: string };
  skip?: Partial<Record<SinkCase, string>>;
}

const record = (goldenId: number, version: number, op: DeliveryRecord['op'] = 'upsert'): DeliveryRecord => ({
  op, goldenId, version, dataset: 'admin_penalty', subjectUscc: op === 'upsert' ? '91120101MA05N7XQ5K' : null,
  fields: op === 'upsert' ? { subject_name: `天津市和平区海河食品有限公司${goldenId}`, fine_amount: '0.5' } : {},
});
async function* changes(...records: DeliveryRecord[]): AsyncGenerator<DeliveryRecord> {
  for (const r of records) yield r;
}
const CHANGE_SET = [record(1, 1), record(2, 1), record(3, 2, 'tombstone')];
const arrived = (records: DeliveryRecord[]): Arrival[] => records.map(({ goldenId, version, op }) => ({ goldenId, version, op }));
const byId = (a: Arrival[]): Arrival[] => [...a].sort((x, y) => x.goldenId - y.goldenId || x.version - y.version);

/** A subscription of this sink added to the demo catalogue, as `cdf catalog import` would check it. */
function demoWith(sink: string, configs: Array<Record<string, unknown>>): unknown {
  const catalog = parse(readFileSync(DEMO_CATALOG, 'utf8')) as { subscriptions: unknown[] };
  configs.forEach((config, i) => catalog.subscriptions.push({
    id: `conformance_${sink}_${i}`, name: { zh: '连接器一致性测试', en: 'Connector conformance' },
    subscriber: 'city_ecology', dataset: 'admin_penalty', sink, config,
  }));
  return catalog;
}

/** Bounds that allow nothing: no folder but an outbox elsewhere, no host, no secret's variable. */
const NOTHING_ALLOWED: SinkPlaces = { dataDir: '/nonexistent/cdf-conformance', fileSinkRoots: [], webhookHosts: [], secretEnvAllow: [] };

export function sinkConformance(s: SinkSuite): void {
  const { connector } = s;
  const test = (name: SinkCase, title: string, body: () => unknown): void => {
    const why = s.skip?.[name];
    if (why) it.skip(`${title} (skipped: ${why})`, body);
    else it(title, body);
  };

  describe(`sink conformance: ${connector.id}`, () => {
    test('deliver', 'delivers a change set and says where it went and how many of each', async () => {
      const t = await s.target();
      const result = await connector.deliver(t.config, 'conformance:b1', changes(...CHANGE_SET), t.places);
      expect(result).toEqual({ location: t.location('conformance:b1'), records: 2, tombstones: 1 });
      expect(byId(await t.arrivals())).toEqual(arrived(CHANGE_SET));
    });

    test('idempotent', 'delivering the same idempotency key twice has one effect', async () => {
      const t = await s.target();
      const first = await connector.deliver(t.config, 'conformance:b2', changes(...CHANGE_SET), t.places);
      const second = await connector.deliver(t.config, 'conformance:b2', changes(...CHANGE_SET), t.places);
      expect(second).toEqual(first);
      expect(byId(await t.arrivals())).toEqual(arrived(CHANGE_SET));
    });

    test('tombstone', 'delivers a tombstone for a record it delivered before', async () => {
      const t = await s.target();
      await connector.deliver(t.config, 'conformance:b3', changes(record(1, 1), record(2, 1)), t.places);
      const result = await connector.deliver(t.config, 'conformance:repair', changes(record(1, 2, 'tombstone')), t.places);
      expect(result).toMatchObject({ records: 0, tombstones: 1 });
      const last = byId(await t.arrivals()).filter((a) => a.goldenId === 1).at(-1);
      expect(last).toEqual({ goldenId: 1, version: 2, op: 'tombstone' });
    });

    test('policy', 'refuses to deliver where the operator\'s bounds do not reach, with CDF_SINK_NOT_ALLOWED, and nothing arrives', async () => {
      const t = await s.target();
      let refused: unknown;
      try {
        await connector.deliver(t.config, 'conformance:b4', changes(...CHANGE_SET), NOTHING_ALLOWED);
      } catch (e) {
        refused = e;
      }
      expect(isCdfError(refused) && refused.code).toBe('CDF_SINK_NOT_ALLOWED');
      if (!isCdfError(refused)) return;
      expect(refused.messages.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(refused.messages.en).toMatch(/allowed/);
      // A target that does not exist yet (a folder, a table) holds nothing either.
      expect(await Promise.resolve().then(() => t.arrivals()).catch(() => [])).toEqual([]);
    });

    test('check', 'check() is ok on a good config', async () => {
      expect(await connector.check((await s.target()).config)).toEqual({ ok: true });
    });
    for (const f of s.failing) {
      test('check', `check() refuses ${f.about} with ${f.code}, in both languages, without throwing`, async () => {
        const got = await connector.check(f.config());
        expect(got).toMatchObject({ ok: false, code: f.code });
        if (got.ok) return;
        expect(got.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(got.en).toMatch(/^[\x20-\x7e]+$/);
      });
    }

    test('config', 'has a manifest naming its config schema, every field saying what it expects in plain words', () => {
      const m = manifestOf(connector.id, 'sink');
      expect(m, `connectors/*/manifest.json with id ${connector.id}`).toBeDefined();
      const { schema } = configSchema(m!);
      expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
      for (const [field, p] of Object.entries(schema.properties ?? {})) {
        expect(p.expected, field).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
      }
    });

    type Sub = { sink: string; config?: Record<string, unknown> };
    const demo = (parse(readFileSync(DEMO_CATALOG, 'utf8')) as { subscriptions: Sub[] }).subscriptions
      .filter((sub) => sub.sink === connector.id)
      .map((sub) => sub.config ?? {});
    const why = demo.length ? s.skip?.config : `the demo catalogue has no ${connector.id} subscription`;
    (why ? it.skip : it)(`its schema accepts the demo catalogue's ${connector.id} configs${why ? ` (skipped: ${why})` : ''}`, () => {
      const m = manifestOf(connector.id, 'sink')!;
      for (const config of demo) expect(configProblems(m, config)).toEqual([]);
    });

    test('config', 'the catalogue import accepts the test catalogues\' configs and refuses a bad one naming the field', () => {
      expect(() => checkCatalog(demoWith(connector.id, s.catalogConfigs ?? []), 'catalog.yaml')).not.toThrow();
      const { config, field } = s.badCatalogConfig;
      let refused: unknown;
      try {
        checkCatalog(demoWith(connector.id, [config]), 'catalog.yaml');
      } catch (e) {
        refused = e;
      }
      expect(isCdfError(refused) && refused.code).toBe('CDF_CATALOG_INVALID');
      if (!isCdfError(refused)) return;
      const sub = `conformance_${connector.id}_0`;
      for (const text of [refused.messages.zh, refused.messages.en]) {
        const line = text.split('\n').find((l) => l.includes(sub));
        expect(line, text).toBeDefined();
        expect(line).toContain(`/config/${field}`);
        // Plain words, not a pattern: no anchors, classes or quantifiers.
        expect(line).not.toMatch(/\^|\$"|\[a-z|\\d|\{\d+,\d*\}/);
      }
      expect(refused.messages.zh).toContain(`订阅 ${sub}`);
      expect(refused.messages.en).toContain(`subscription ${sub}`);
    });
  });
}
