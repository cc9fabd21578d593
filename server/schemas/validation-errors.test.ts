// What a person reads when a request breaks a route's schema: the parameter, where it was, what
// was expected and what came, in both languages, and never the regex behind a pattern.
import Fastify from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerErrors } from '../errors.ts';

const app = Fastify();
beforeAll(async () => {
  registerErrors(app);
  app.post('/t/:n', {
    schema: {
      params: { type: 'object', properties: { n: { type: 'integer' } } },
      querystring: {
        type: 'object',
        properties: {
          code: { type: 'string', pattern: '^[0-9A-Z]{18}$' }, at: { type: 'string', format: 'date' },
          name: { type: 'string', maxLength: 3 },
        },
      },
      body: {
        type: 'object', required: ['decision'],
        properties: { decision: { type: 'object', properties: { action: { enum: ['a', 'b'] } } } },
      },
    },
  }, async () => ({ ok: true }));
  await app.ready();
});
afterAll(async () => app.close());

const post = async (url: string, payload: unknown = { decision: {} }, lang = 'zh-CN') => {
  const res = await app.inject({ method: 'POST', url, payload: payload as object, headers: { 'accept-language': lang } });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
};

it('names a pattern mismatch without the pattern', async () => {
  const r = await post('/t/1?code=abc');
  expect(r.status).toBe(400);
  expect(r.body).toMatchObject({
    code: 'CDF_REQUEST_INVALID', message: '查询参数 code 格式不符合要求，收到「abc」',
    messageEn: 'query parameter code is not in the expected form; got "abc"',
    context: { in: 'querystring', parameter: 'code', rule: 'pattern', value: 'abc' },
  });
  expect(JSON.stringify(r.body)).not.toContain('[0-9A-Z]');
});

it('says what was expected: a format, a length, a type, one of a list, a missing field', async () => {
  const date = { messageEn: 'query parameter at must be a date (e.g. 2026-11-01); got "tomorrow"' };
  expect((await post('/t/1?at=tomorrow')).body).toMatchObject(date);
  expect((await post('/t/1?name=abcd')).body).toMatchObject({ message: '查询参数 name 最多 3 个字符，收到「abcd」' });
  expect((await post('/t/x')).body).toMatchObject({ message: '路径参数 n 应为整数，收到「x」' });
  expect((await post('/t/1', { decision: { action: 'c' } }, 'en')).body).toMatchObject({
    message: 'body field decision.action must be one of: a, b', messageZh: '请求体字段 decision.action 应为其中之一：a、b',
  });
  expect((await post('/t/1', {})).body).toMatchObject({ message: '请求体字段 decision 必须提供', messageEn: 'body field decision is required' });
});
