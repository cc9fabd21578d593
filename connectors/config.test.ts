// The connectors' config schemas as the registry finds them, and the plain words a refusal uses:
// every manifest names a schema, every schema compiles, and no message shows a pattern or a secret.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  configProblems, configSchema, connectorManifests, connectorsDir, manifestOf, sinkConfigProblems,
} from '../schemas/connector-config.ts';

describe('connector manifests and config schemas', () => {
  it('finds every connector folder with a manifest, each naming a config schema that compiles', () => {
    const found = connectorManifests();
    expect(found.map((m) => `${m.kind}:${m.id}`).sort()).toEqual([
      'pull:http-pull', 'pull:sql-pull', 'sink:file', 'sink:sql', 'sink:webhook', 'source:csv', 'source:json', 'source:xlsx',
    ]);
    for (const m of found) {
      expect(m.configSchema, m.folder).toBe('config.schema.json');
      expect(existsSync(path.join(connectorsDir, m.folder, m.configSchema!)), m.folder).toBe(true);
      const { schema } = configSchema(m);
      expect(schema, m.folder).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', additionalProperties: false });
    }
  });

  it('says what each field expects in plain words, never a pattern', () => {
    const sql = manifestOf('sql', 'sink')!;
    expect(configProblems(sql, { table: 'Penalties', pageSize: 'many' })).toEqual([
      {
        field: 'urlEnv',
        zh: expect.stringContaining('缺少字段 urlEnv，应为 保存订阅方数据库连接地址的环境变量名称') as string,
        en: expect.stringContaining('the field urlEnv is missing; it should be the name of the environment variable holding') as string,
      },
      {
        field: 'table',
        zh: expect.stringContaining('字段 table 应为 简单表名：小写字母、数字和下划线') as string,
        en: expect.stringMatching(/^the field table should be a plain table name: .*; got "Penalties"$/) as string,
      },
      {
        field: 'pageSize',
        zh: '字段 pageSize 应为 1 到 100000 之间的整数，实为 "many"',
        en: 'the field pageSize should be a whole number from 1 to 100000; got "many"',
      },
    ]);
    const file = manifestOf('file', 'sink')!;
    expect(configProblems(file, { format: 'xml', to: '/srv' })).toEqual([
      { field: 'to', zh: '不认识的字段 to；可用的字段：dir、format', en: 'unknown field to; the fields are dir, format' },
      { field: 'format', zh: '字段 format 应为 ndjson 或 csv，实为 "xml"', en: 'the field format should be ndjson or csv; got "xml"' },
    ]);
    expect(configProblems(file, 'ndjson')).toEqual([
      { field: '', zh: '投递配置应为键值对象', en: 'the configuration should be an object of fields' },
    ]);
  });

  it('never echoes what was put where an environment variable\'s name belongs: it may be the secret itself', () => {
    const [problem] = configProblems(manifestOf('webhook', 'sink')!, { url: 'https://x.example/h', secretEnv: 's3cr3t-value!' });
    expect(problem).toMatchObject({ field: 'secretEnv' });
    expect(JSON.stringify(problem)).not.toContain('s3cr3t');
    expect(problem!.en).toContain('value not shown');
  });

  it('names the subscription and the path of the field for the catalogue', () => {
    const problems = sinkConfigProblems({ subscriptions: [
      { id: 'ok', sink: 'file', config: { format: 'csv' } },
      { id: 'hook', sink: 'webhook' },
      { id: 'elsewhere', sink: 'ftp', config: { host: 'x' } }, // an unknown sink is the catalogue schema's to refuse
    ] });
    expect(problems).toEqual([{
      path: '/subscriptions/1/config/url',
      zh: '订阅 hook 的投递配置（Webhook（HTTP POST，HMAC 签名））：缺少字段 url，应为 以 http:// 或 https:// 开头的完整网址',
      en: 'subscription hook, sink configuration (Webhook (HTTP POST, HMAC-signed)): the field url is missing; '
        + 'it should be a whole URL starting with http:// or https://',
    }]);
  });
});
