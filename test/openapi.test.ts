// The published OpenAPI document: valid OpenAPI 3.1 (checked offline), every API route in it with
// its success response, the upload's form, the same document twice. And requests that break a
// route's schema are refused with the factory's bilingual error body, per route family.
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { signedAs } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

let f: TestFactory;
let app: FastifyInstance;

interface Operation {
  operationId?: string; summary?: string; tags?: string[]; responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { schema: unknown }> };
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };
type ErrorBody = { code: string; message: string; messageZh: string; messageEn: string; context: Record<string, unknown> };

beforeAll(async () => {
  f = await createTestFactory();
  app = await buildApp(f.ctx);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await f?.close();
});

const document = async (): Promise<{ raw: string; doc: Doc }> => {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: await signedAs(f.database.db, 'auditor@doc') });
  expect(res.statusCode).toBe(200);
  return { raw: res.body, doc: res.json<Doc>() };
};

/** Every method and path fastify serves, read from its route tree (printRoutes). */
function servedRoutes(tree: string): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│├└─\s]*)(\S.*?)(?: \(([^)]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const full = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = full;
    for (const method of (m[3] ?? '').split(',').map((x) => x.trim()).filter((x) => x && x !== 'HEAD')) out.push({ method, path: full });
  }
  return out;
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 and the same each time', async () => {
    const first = await document();
    const result = await new Validator().validate(first.doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(first.doc.openapi).toBe('3.1.0');
    expect((await document()).raw).toBe(first.raw);
    const other = await buildApp(f.ctx);
    try {
      expect((await other.inject({ method: 'GET', url: '/api/openapi.json', headers: await signedAs(f.database.db, 'auditor@doc') })).body).toBe(first.raw);
    } finally {
      await other.close();
    }
  });

  it('lists every API route with its operation, tags, summary and success response', async () => {
    const { doc } = await document();
    const routes = servedRoutes(app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.path.startsWith('/api/') && r.path !== '/api/openapi.json');
    expect(routes.length).toBeGreaterThanOrEqual(23);
    const ids = new Set<string>();
    for (const { method, path } of routes) {
      const op = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op!.operationId, `${method} ${path}`).toBeTruthy();
      ids.add(op!.operationId!);
      expect(op!.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
      expect(op!.summary, `${method} ${path}`).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
      const success = Object.keys(op!.responses).find((s) => /^2\d\d$/.test(s));
      expect(success, `${method} ${path}`).toBeDefined();
      // A body is described by its schema; a 204 has none by definition, and says so in words.
      if (success === '204') expect(JSON.stringify(op!.responses[success]), `${method} ${path}`).not.toContain('schema');
      else expect(JSON.stringify(op!.responses[success!]), `${method} ${path}`).toContain('schema');
      expect(JSON.stringify(op!.responses['500'] ?? {}), `${method} ${path}`).toContain('#/components/schemas/Error');
    }
    expect(ids.size).toBe(routes.length);
  });

  it('documents the upload\'s multipart form and the shared components', async () => {
    const { doc } = await document();
    const upload = doc.paths['/api/uploads']!.post!.requestBody!;
    const form = upload.content['multipart/form-data']!.schema as { properties: Record<string, { format?: string }> };
    expect(form.properties.file).toMatchObject({ format: 'binary' });
    expect(Object.keys(form.properties)).toEqual(expect.arrayContaining(['agency', 'dataset', 'channel', 'wait']));
    const components = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
    // A session or a token is required everywhere except on the public routes.
    expect((doc as unknown as { security: unknown }).security).toEqual([{ session: [] }, { token: [] }]);
    expect(Object.keys((doc as unknown as { components: { securitySchemes: object } }).components.securitySchemes)).toEqual(['session', 'token']);
    expect((doc.paths['/api/auth/signin']!.post as unknown as { security: unknown }).security).toEqual([]);
    expect((doc.paths['/api/public/{dataset}']!.get as unknown as { security: unknown }).security).toEqual([]);
    const shared = ['Error', 'Batch', 'ValidationReport', 'DecisionOutcome', 'Delivery', 'CodeMapping'];
    expect(Object.keys(components)).toEqual(expect.arrayContaining(shared));
  });
});

describe('requests that break a route\'s schema', () => {
  const ask = async (method: 'GET' | 'POST', url: string, who: string, payload?: unknown, lang = 'zh-CN') => {
    const headers = who ? await signedAs(f.database.db, who, { 'accept-language': lang }) : { 'accept-language': lang };
    const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: res.statusCode, body: res.json<ErrorBody>() };
  };

  it('batches: an upload\'s wait that is neither true nor false', async () => {
    const r = await ask('POST', '/api/uploads?dataset=admin_penalty&wait=maybe', 'agency:city_tax');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'CDF_REQUEST_INVALID', message: '查询参数 wait 应为其中之一：true、false，收到「maybe」' });
    expect(r.body.messageEn).toBe('query parameter wait must be one of: true, false; got "maybe"');
  });

  it('catalog: a diff without its second version, a version that is not a number', async () => {
    const diff = await ask('GET', '/api/catalog/diff?from=1', 'admin@t');
    const missing = { code: 'CDF_REQUEST_INVALID', message: '查询参数 to 必须提供', messageEn: 'query parameter to is required' };
    expect(diff).toMatchObject({ status: 400, body: missing });
    const v = await ask('GET', '/api/catalog?version=latest', 'admin@t', undefined, 'en');
    expect(v.body).toMatchObject({
      message: 'query parameter version must be an integer; got "latest"', messageZh: '查询参数 version 应为整数，收到「latest」',
    });
    expect(v.body.context).toMatchObject({ in: 'querystring', parameter: 'version' });
  });

  it('codes: the handler still names a missing code in both languages', async () => {
    const r = await ask('GET', '/api/codes/check', 'steward@wang');
    expect(r).toMatchObject({ status: 400, body: { code: 'CDF_CODES_MISSING', messageEn: 'at least one code parameter is required' } });
  });

  it('steward: a task id that is not a number, a decision missing', async () => {
    const id = await ask('POST', '/api/steward/tasks/first/decision', 'steward@wang', { decision: { action: 'take_held' } });
    expect(id.body).toMatchObject({ code: 'CDF_REQUEST_INVALID', message: '路径参数 id 应为整数，收到「first」' });
    const none = await ask('POST', '/api/steward/tasks/1/decision', 'steward@wang', { note: 'x' }, 'en');
    expect(none).toMatchObject({ status: 400, body: { message: 'body field decision is required', messageZh: '请求体字段 decision 必须提供' } });
  });

  it('lineage and deliveries: a record id and a limit out of range', async () => {
    const rec = await ask('GET', '/api/lineage/records/abc', 'auditor@li');
    const badId = { code: 'CDF_REQUEST_INVALID', messageEn: 'path parameter id must be an integer; got "abc"' };
    expect(rec).toMatchObject({ status: 400, body: badId });
    const lim = await ask('GET', '/api/deliveries?limit=0', 'auditor@li');
    const low = { message: '查询参数 limit 应不小于 1，收到「0」', messageEn: 'query parameter limit must be at least 1; got "0"' };
    expect(lim).toMatchObject({ status: 400, body: low });
  });

  it('public: a page size that is not a number, a repair body that is not an object', async () => {
    const page = await ask('GET', '/api/public/admin_penalty?limit=ten', '');
    expect(page).toMatchObject({ status: 400, body: { code: 'CDF_REQUEST_INVALID', message: '查询参数 limit 应为整数，收到「ten」' } });
    const repair = await app.inject({
      method: 'POST', url: '/api/records/1/repair', payload: '"fix it"',
      headers: await signedAs(f.database.db, 'steward@wang', { 'content-type': 'application/json' }),
    });
    expect(repair.statusCode).toBe(400);
    const notObject = { code: 'CDF_REQUEST_INVALID', message: '请求体应为对象（JSON）', messageEn: 'the request body must be an object (JSON)' };
    expect(repair.json()).toMatchObject(notObject);
  });
});
