// GET /api/labels: the names the UI shows come from where they are defined, the dataset names
// from the catalogue's definitions (not a copy that drifts: black_list was once 黑名单 in the UI).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { ERROR_CODES } from '../domain/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import { labels } from '../services/labels.ts';
import { buildApp } from './app.ts';

let app: FastifyInstance;
// The labels route reads no database or workflow: a context with only the upload limit builds the app.
// Building the app compiles every route schema: seconds on a loaded machine, so it is done before the tests.
beforeAll(async () => {
  app = await buildApp({ config: { maxUploadBytes: 1024, rateLimitPerMinute: 600, allowedOrigins: [], secureCookies: false } } as unknown as ServiceContext);
  await app.ready();
}, 60_000);
afterAll(async () => { await app.close(); });

describe('GET /api/labels', () => {
  it('names datasets as the catalogue\'s definitions do', async () => {
    // Served to signed-in callers only (the route × role matrix checks that); the content is labels()'s.
    expect((await app.inject({ url: '/api/labels' })).statusCode).toBe(401);
    const body = labels() as unknown as { datasets: Record<string, { zh: string; en: string }> };
    expect(body.datasets['black_list']).toEqual({ zh: '严重失信主体名单', en: datasetDefinition('black_list').name.en });
    expect(body.datasets['admin_penalty']).toEqual(datasetDefinition('admin_penalty').name);
  });

  it('gives each error code its title and next step, and the steps, channels and withheld reasons', async () => {
    const body = JSON.parse(JSON.stringify(labels())) as Record<string, Record<string, unknown>>;
    expect(Object.keys(body['errors']!).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    expect(body['errors']!['CDF_ROW_REQUIRED']).toEqual({
      kind: 'data', title: { zh: '缺少必填字段', en: 'required field missing' }, next: ERROR_CODES.CDF_ROW_REQUIRED.next,
    });
    expect(body['steps']!['clean']).toEqual({ zh: '清洗', en: 'clean' });
    expect(body['channels']!['national_vertical']).toMatchObject({ zh: '总对总' });
    expect(body['withheld']!['no_grant']).toMatchObject({ zh: expect.stringContaining('授权') });
    expect(body['stewardKinds']!['conflict']).toEqual({ zh: '数据冲突', en: 'conflicting values' });
  });

  it('answers an error with the code\'s title and next step', async () => {
    const res = await app.inject({ url: '/api/batches/none' });
    const { title, next } = ERROR_CODES.CDF_UNAUTHENTICATED;
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'CDF_UNAUTHENTICATED', title, next });
  });
});
