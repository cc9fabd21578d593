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
  ['system', '系统', 'system'],
];

export const swaggerOptions: SwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: '信用数据工厂 API / Credit data factory API', version: '0.1.0',
      description: zhEn('身份由请求头 X-CDF-Identity（角色[:范围][@用户]）给出；错误体见 components.schemas.Error',
        'the identity comes in the X-CDF-Identity header (role[:scope][@user]); errors: components.schemas.Error'),
    },
    tags: TAGS.map(([name, zh, en]) => ({ name, description: zhEn(zh, en) })),
    components: {
      securitySchemes: { identity: { type: 'apiKey', in: 'header', name: 'X-CDF-Identity' } },
    },
    security: [{ identity: [] }],
  },
  // Routes open to anyone (config.roles 'public') need no identity: say so per operation.
  transform: ({ schema, url, route }) => ({
    schema: route.config?.roles === 'public' && schema ? { ...schema, security: [] } : schema, url,
  }),
  refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
};
