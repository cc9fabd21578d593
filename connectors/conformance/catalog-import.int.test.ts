// A subscription's sink config against its connector's schema, through `cdf catalog import` on a
// real database as an admin meets it: refused naming the subscription, the field and what was
// expected in plain words, in both languages, and nothing imported; a good config goes in. A config
// the schema allows but the operator's bounds do not (catalog/sink-policy.ts) is refused the same way.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../../catalog/demo/load-demo.ts';
import { importDemoCatalogWith } from '../../test/helpers/catalog.ts';
import { runCdf } from '../../test/helpers/cli.ts';
import { createTestFactory } from '../../test/helpers/factory.ts';
import type { TestFactory } from '../../test/helpers/factory.ts';

let f: TestFactory;
beforeAll(async () => {
  f = await createTestFactory({ inProcessWorker: false, env: { CDF_WEBHOOK_HOSTS: 'bureau.example.gov.cn' } });
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
});
afterAll(async () => f?.close());

const hook = (config: Record<string, unknown>) => ({
  id: 'bureau_hook', name: { zh: '市局业务系统', en: 'Bureau system' }, subscriber: 'city_ecology', dataset: 'admin_penalty', sink: 'webhook', config,
});

it('refuses a sink config its connector\'s schema does not allow, in plain words, importing nothing', async () => {
  const bad = hook({ url: 'bureau.example.gov.cn/hook', secretEnv: 'CDF_HOOK_SECRET', pageSize: 0 });
  const zh = await importDemoCatalogWith(f, bad);
  expect(zh.code).toBe(1);
  expect(zh.stderr).toContain('CDF_CATALOG_INVALID');
  expect(zh.stderr).toContain('/subscriptions/4/config/url：订阅 bureau_hook 的投递配置');
  expect(zh.stderr).toContain('字段 url 应为 以 http:// 或 https:// 开头的完整网址，实为 "bureau.example.gov.cn/hook"');
  expect(zh.stderr).toContain('字段 pageSize 应为 1 到 100000 之间的整数，实为 0');
  expect(zh.stderr).not.toContain('^');
  f.env.CDF_LANG = 'en';
  try {
    const en = await importDemoCatalogWith(f, bad);
    expect(en.stderr).toContain('subscription bureau_hook, sink configuration (Webhook (HTTP POST, HMAC-signed)): '
      + 'the field url should be a whole URL starting with http:// or https://; got "bureau.example.gov.cn/hook"');
  } finally {
    f.env.CDF_LANG = 'zh-CN';
  }
  const versions = JSON.parse((await runCdf(['catalog', 'versions', '--json'], f.env)).stdout) as unknown[];
  expect(versions).toHaveLength(1);
});

it('imports a subscription whose sink config its schema allows', async () => {
  const good = await importDemoCatalogWith(f, hook({ url: 'https://bureau.example.gov.cn/hook', secretEnv: 'CDF_SINK_HOOK_SECRET', pageSize: 500 }));
  expect(good).toMatchObject({ code: 0 });
  expect(await f.database.db('subscriptions').where({ id: 'bureau_hook' }).first('sink', 'active')).toEqual({ sink: 'webhook', active: true });
});

it('refuses a folder, a host or a variable outside the operator\'s bounds, naming each, importing nothing', async () => {
  const before = JSON.parse((await runCdf(['catalog', 'versions', '--json'], f.env)).stdout) as unknown[];
  const r = await importDemoCatalogWith(f, hook({ url: 'http://127.0.0.1:9999/changes', secretEnv: 'DATABASE_URL' }), {
    subscriptions: [{
      id: 'pwned_drop', name: { zh: '越界投递', en: 'Out of bounds' }, subscriber: 'city_ecology', dataset: 'admin_penalty', sink: 'file',
      config: { dir: `${f.config.dataDir}/outbox/../pwned-dir2` },
    }],
  });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('CDF_SINK_NOT_ALLOWED');
  expect(r.stderr).toContain('/subscriptions/4/config/url：订阅 bureau_hook 的投递配置字段 url 为 "http://127.0.0.1:9999/changes"：主机 127.0.0.1 不在允许列表中；'
    + '允许的是CDF_WEBHOOK_HOSTS 所列主机：bureau.example.gov.cn');
  expect(r.stderr).toContain('/subscriptions/4/config/secretEnv：订阅 bureau_hook 的投递配置字段 secretEnv 为 "DATABASE_URL"');
  expect(r.stderr).toContain(`/subscriptions/5/config/dir：订阅 pwned_drop 的投递配置字段 dir 为 "${f.config.dataDir}/outbox/../pwned-dir2"：不在允许的根目录之下`);
  expect(JSON.parse((await runCdf(['catalog', 'versions', '--json'], f.env)).stdout)).toEqual(before);
});
