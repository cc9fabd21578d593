// Pieces every route schema shares: bilingual texts, the error body and its answers per status,
// and small parameter shapes. JSON Schema 2020-12, compiled by fastify's ajv and published as
// OpenAPI 3.1 components (server/schemas/components.ts registers them with app.addSchema).

/** A bilingual text, zh-CN first, as the OpenAPI summary and description show it. */
export const zhEn = (zh: string, en: string): string => `${zh} / ${en}`;

/** A reference to a component registered with app.addSchema (see components.ts). */
export const ref = (id: string) => ({ $ref: `${id}#` }) as const;

export const bilingual = {
  type: 'object', required: ['zh', 'en'], properties: { zh: { type: 'string' }, en: { type: 'string' } },
} as const;

// Open: the body grows with the error table (domain/errors), and an error must never lose a field
// on its way out; the properties below are the ones every error has.
export const ErrorBody = {
  $id: 'Error',
  type: 'object', additionalProperties: true,
  description: zhEn('错误：稳定的代码和中英文说明，message 随 Accept-Language', 'error: a stable code, both languages; message follows Accept-Language'),
  required: ['code', 'message', 'messageEn'],
  properties: {
    code: { type: 'string', description: zhEn('机器可读的错误代码', 'machine-readable code'), examples: ['CDF_REQUEST_INVALID'] },
    message: { type: 'string', description: zhEn('调用方语言的说明', 'the message in the caller\'s language') },
    messageZh: { type: 'string' },
    messageEn: { type: 'string' },
    title: { ...bilingual, description: zhEn('该错误代码的标题', 'the code\'s title') },
    next: { ...bilingual, description: zhEn('下一步怎么做', 'what to do next') },
    context: { type: 'object', additionalProperties: true, description: zhEn('出错的位置：文件、行、字段、参数…', 'where: file, row, field, parameter…') },
  },
} as const;

const ERROR_TEXT: Record<number, [string, string]> = {
  400: ['请求不符合要求', 'the request is not as expected'],
  401: ['未登录，或令牌无效', 'not signed in, or the token is invalid'],
  403: ['无权访问，或请求来源未通过校验', 'not allowed, or the request\'s origin failed its check'],
  404: ['不存在', 'not found'],
  409: ['与现有状态冲突', 'conflicts with the current state'],
  429: ['请求过于频繁，稍后再试', 'too many requests; try later'],
  422: ['数据无法接受（说明原因与改法）', 'the data cannot be accepted (why, and how to fix it)'],
  500: ['服务器内部错误', 'internal error'],
  503: ['暂时不可用，可重试', 'temporarily unavailable; retry'],
};

/** The error answers a route can give, each the shared error body. 400 and 500 always. */
export function errors(...statuses: number[]): Record<number, { description: string; $ref: string }> {
  const all = [...new Set([400, ...statuses, 500])].sort((a, b) => a - b);
  const answer = (s: number) => ({ description: zhEn(...(ERROR_TEXT[s] ?? ['错误', 'error'])), $ref: 'Error#' });
  return Object.fromEntries(all.map((s) => [s, answer(s)]));
}

/** Answers of a route behind sign-in: unauthenticated (401), refused (403) or limited (429) besides its own statuses. */
export const guarded = (...statuses: number[]) => errors(401, 403, 429, ...statuses);

type Extra = Record<string, unknown>;
export const text = (zh: string, en: string, extra: Extra = {}) => ({ type: 'string', description: zhEn(zh, en), ...extra }) as const;
export const int = (zh: string, en: string, extra: Extra = {}) => ({ type: 'integer', description: zhEn(zh, en), ...extra }) as const;
export const nullableText = { type: ['string', 'null'] } as const;
export const nullableInt = { type: ['integer', 'null'] } as const;
export const nullableNumber = { type: ['number', 'null'] } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;
/** An object whose keys are data (field names, codes…): every key is kept when serialized. */
export const openObject = (zh: string, en: string) => ({ type: 'object', additionalProperties: true, description: zhEn(zh, en) }) as const;

export const batchIdParams = {
  type: 'object', required: ['id'],
  properties: { id: text('批次 ID', 'batch id', { minLength: 1 }) },
} as const;
export const numericIdParams = (zh: string, en: string) => ({
  type: 'object', required: ['id'],
  properties: { id: int(zh, en, { minimum: 1 }) },
}) as const;
export const limitParam = int('最多返回条数', 'at most this many', { minimum: 1, maximum: 10000 });

/** `{ key: [items] }`, the shape of most list answers. */
export const listOf = (key: string, items: unknown) => ({
  type: 'object', required: [key], properties: { [key]: { type: 'array', items } },
}) as const;

/** `{ total, <key>: [items] }`: one page of a list the server pages (limit/offset, see pageQuery). */
export const pageOf = (key: string, items: unknown) => ({
  type: 'object', required: ['total', key], properties: { total: { type: 'integer' }, [key]: { type: 'array', items } },
}) as const;

/** limit/offset of a paged list; routes read them with pageOfRequest (server/paging.ts). */
export const pageQuery = { type: 'object', properties: { limit: limitParam, offset: int('跳过条数', 'skip this many', { minimum: 0 }) } } as const;
