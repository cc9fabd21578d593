// Schemas of the routes app.ts declares itself.
import { zhEn } from './common.ts';

const internal = { description: zhEn('服务器内部错误', 'internal error'), $ref: 'Error#' } as const;

export const healthSchema = {
  operationId: 'health', tags: ['system'], summary: zhEn('健康检查', 'health check'),
  description: zhEn('无需身份', 'no identity needed'),
  response: { 200: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } }, 500: internal },
} as const;
