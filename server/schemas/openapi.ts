// How the OpenAPI document is built: OpenAPI 3.1 (its schemas are JSON Schema 2020-12, as ours
// are), components named by their $id rather than def-N, and the tags in a fixed order.
import type { SwaggerOptions } from '@fastify/swagger';
import { zhEn } from './common.ts';

const TAGS: Array<[string, string, string]> = [
  ['batches', '批次：上传、计数、校验报告、拒收行', 'batches: upload, counts, validation report, rejects'],
  ['catalog', '目录：版本、差异、导入', 'the catalogue: versions, diff, import'],
  ['codes', '代码校验与换码', 'code checks and mapping'],
  ['quality', '质量指标', 'quality figures'],
  ['steward', '数据管理员：待处理事项、标准记录导出', 'stewards: the queue, golden export'],
  ['lineage', '血缘', 'lineage'],
  ['deliveries', '分发', 'deliveries'],
  ['audit', '审计', 'audit'],
  ['public', '公示与信用修复', 'public view and credit repair'],
  ['auth', '登录、账号与 API 令牌', 'sign-in, accounts and API tokens'],
  ['system', '系统', 'system'],
];

export const swaggerOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: '信用数据工厂 API / Credit data factory API', version: '0.1.0',
      description: zhEn('人员经 POST /api/auth/signin 登录（HttpOnly 会话 Cookie，修改类请求另带 X-CSRF-Token），'
        + '系统用 API 令牌（Authorization: Bearer）；错误体见 components.schemas.Error',
      'people sign in with POST /api/auth/signin (an HttpOnly session cookie; changes also send X-CSRF-Token), '
        + 'systems send an API token (Authorization: Bearer); errors: components.schemas.Error'),
    },
    tags: TAGS.map(([name, zh, en]) => ({ name, description: zhEn(zh, en) })),
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey', in: 'cookie', name: 'cdf_session',
          description: zhEn('登录会话；修改类请求还须带 X-CSRF-Token', 'a sign-in session; changes also send X-CSRF-Token'),
        },
        token: { type: 'http', scheme: 'bearer', description: zhEn('API 令牌 cdf_…，按范围 read/upload/write', 'an API token cdf_…, scoped read/upload/write') },
      },
    },
    security: [{ session: [] }, { token: [] }],
  },
  // Routes open to anyone (config.roles 'public') need no identity: say so per operation.
  transform: ({ schema, url, route }) => ({
    schema: route.config?.roles === 'public' && schema ? { ...schema, security: [] } : schema, url,
  }),
  refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
};
