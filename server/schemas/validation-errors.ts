// Turns what ajv found wrong with a request into a bilingual sentence a person can act on: which
// parameter, where (path, query, body), what was expected and what came. Never a regex or a schema
// path: a pattern mismatch is told as "not in the expected form".
import type { FastifyError, FastifyRequest } from 'fastify';
import type { Bilingual } from '../../domain/errors.ts';

type Issue = NonNullable<FastifyError['validation']>[number];

const WHERE: Record<string, Bilingual> = {
  params: { zh: '路径参数', en: 'path parameter' },
  querystring: { zh: '查询参数', en: 'query parameter' },
  body: { zh: '请求体字段', en: 'body field' },
  headers: { zh: '请求头', en: 'header' },
};

const TYPES: Record<string, Bilingual> = {
  integer: { zh: '整数', en: 'an integer' }, number: { zh: '数字', en: 'a number' }, string: { zh: '文本', en: 'text' },
  boolean: { zh: 'true 或 false', en: 'true or false' }, object: { zh: '对象（JSON）', en: 'an object (JSON)' },
  array: { zh: '列表', en: 'a list' }, null: { zh: '空值', en: 'null' },
};

const FORMATS: Record<string, Bilingual> = {
  'date-time': { zh: '日期时间（如 2026-11-01T08:00:00+08:00）', en: 'a date and time (e.g. 2026-11-01T08:00:00+08:00)' },
  date: { zh: '日期（如 2026-11-01）', en: 'a date (e.g. 2026-11-01)' },
  uri: { zh: '网址', en: 'a URL' }, email: { zh: '电子邮箱', en: 'an e-mail address' },
};

const typeName = (t: unknown): Bilingual => {
  const names = (Array.isArray(t) ? t : [t]).map((x) => TYPES[String(x)] ?? { zh: String(x), en: String(x) });
  return { zh: names.map((n) => n.zh).join('或'), en: names.map((n) => n.en).join(' or ') };
};

const bound = (zh: string, en: string, limit: unknown): Bilingual => ({ zh: `${zh} ${String(limit)}`, en: `${en} ${String(limit)}` });
const sized = (limit: unknown, zh: string, en: string): Bilingual => ({
  zh: zh.replace('N', String(limit)), en: en.replace('N', String(limit)),
});

/** What the value should have been, in both languages. */
function expected(issue: Issue): Bilingual {
  const p = issue.params as Record<string, unknown>;
  switch (issue.keyword) {
    case 'required': return { zh: '必须提供', en: 'is required' };
    case 'type': { const t = typeName(p.type); return { zh: `应为${t.zh}`, en: `must be ${t.en}` }; }
    case 'minimum': return bound('应不小于', 'must be at least', p.limit);
    case 'exclusiveMinimum': return bound('应大于', 'must be more than', p.limit);
    case 'maximum': return bound('应不大于', 'must be at most', p.limit);
    case 'exclusiveMaximum': return bound('应小于', 'must be less than', p.limit);
    case 'minLength':
      if (Number(p.limit) === 1) return { zh: '不能为空', en: 'must not be empty' };
      return sized(p.limit, '至少 N 个字符', 'must have at least N characters');
    case 'maxLength': return sized(p.limit, '最多 N 个字符', 'must have at most N characters');
    case 'minItems': return sized(p.limit, '至少 N 项', 'must have at least N items');
    case 'maxItems': return sized(p.limit, '最多 N 项', 'must have at most N items');
    case 'enum': {
      const values = (p.allowedValues as unknown[]).map(String);
      return { zh: `应为其中之一：${values.join('、')}`, en: `must be one of: ${values.join(', ')}` };
    }
    case 'format': {
      const f = FORMATS[String(p.format)] ?? { zh: String(p.format), en: String(p.format) };
      return { zh: `应为${f.zh}`, en: `must be ${f.en}` };
    }
    case 'additionalProperties': return { zh: '不是此接口的参数', en: 'is not a parameter of this API' };
    // pattern and anything else: the person needs the field's description, never the regex.
    default: return { zh: '格式不符合要求', en: 'is not in the expected form' };
  }
}

/** The parameter an issue is about: the missing or unknown one, or the path to the value. */
function parameterOf(issue: Issue): string {
  const p = issue.params as Record<string, unknown>;
  const path = issue.instancePath.split('/').slice(1).map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (issue.keyword === 'required') path.push(String(p.missingProperty));
  if (issue.keyword === 'additionalProperties') path.push(String(p.additionalProperty));
  return path.join('.');
}

/** The value that came, for a short scalar in the path or the query (never a body's content). */
function received(req: FastifyRequest, where: string, issue: Issue): string | undefined {
  if (where !== 'params' && where !== 'querystring') return undefined;
  const source = (where === 'params' ? req.params : req.query) as Record<string, unknown> | undefined;
  const name = issue.instancePath.split('/')[1];
  const v = name === undefined ? undefined : source?.[name];
  return typeof v === 'string' || typeof v === 'number' ? String(v).slice(0, 80) : undefined;
}

export interface ValidationAnswer { messages: Bilingual; context: Record<string, unknown> }

export function describeValidation(err: FastifyError, req: FastifyRequest): ValidationAnswer {
  const where = err.validationContext ?? 'body';
  const issue = err.validation?.[0];
  const loc = WHERE[where] ?? { zh: '参数', en: 'parameter' };
  if (!issue) return { messages: { zh: `${loc.zh}不符合接口定义`, en: `the ${loc.en} does not match the API` }, context: { in: where } };
  const parameter = parameterOf(issue);
  const exp = expected(issue);
  const got = received(req, where, issue);
  const whole = where === 'body' ? { zh: '请求体', en: 'the request body' } : { zh: loc.zh, en: `the ${loc.en}s` };
  const subject = parameter ? { zh: `${loc.zh} ${parameter} `, en: `${loc.en} ${parameter} ` } : { zh: whole.zh, en: `${whole.en} ` };
  const tail = got === undefined ? { zh: '', en: '' } : { zh: `，收到「${got}」`, en: `; got "${got}"` };
  return {
    messages: { zh: `${subject.zh}${exp.zh}${tail.zh}`.trim(), en: `${subject.en}${exp.en}${tail.en}` },
    context: { in: where, ...(parameter ? { parameter } : {}), rule: issue.keyword, ...(got === undefined ? {} : { value: got }) },
  };
}
