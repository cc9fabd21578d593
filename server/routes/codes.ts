// Identifiers and links: check a code against its standard, map a legacy code to the USCC through
// the registry, and the link quality figures per agency.
import type { FastifyInstance } from 'fastify';
import { checkCode } from '../../domain/codes/index.ts';
import { usageError } from '../../domain/errors.ts';
import { mapCodes } from '../../services/codes.ts';
import type { ServiceContext } from '../../services/context.ts';
import { linkQualityByAgency } from '../../services/link-quality.ts';
import { checkCodesSchema, linkQualitySchema, mapCodesSchema } from '../schemas/codes.ts';

const codesParam = (q: unknown): string[] => {
  const raw = (q as { code?: string | string[] }).code;
  const codes = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((c) => c.trim() !== '');
  if (!codes.length) throw usageError('CDF_CODES_MISSING', { zh: '需要至少一个 code 参数', en: 'at least one code parameter is required' });
  if (codes.length > 1000) throw usageError('CDF_CODES_TOO_MANY', { zh: '一次最多 1000 个代码', en: 'at most 1,000 codes at a time' });
  return codes;
};

export function codeRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const anyone = { roles: ['agency', 'steward', 'auditor', 'admin'] as const };
  app.get('/api/codes/check', { config: anyone, schema: checkCodesSchema },
    async (req) => ({ results: codesParam(req.query).map((c) => checkCode(c)) }));
  app.get('/api/codes/map', { config: anyone, schema: mapCodesSchema },
    async (req) => ({ results: await mapCodes(ctx.db, req.identity, codesParam(req.query)) }));
  app.get('/api/quality/link', { config: anyone, schema: linkQualitySchema }, async (req) => {
    const agency = (req.query as { agency?: string }).agency;
    return { agencies: await linkQualityByAgency(ctx.db, req.identity, agency) };
  });
}
