// Joint measures' cases over HTTP (联合奖惩反馈): a department lists and answers its own cases
// (its account or token); stewards, auditors and operators read them and the figures.
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { getCase, listCaseFigures, listCases, submitFeedback } from '../../services/cases/index.ts';
import type { CaseQuery } from '../../services/cases/index.ts';
import { pageOfRequest } from '../paging.ts';
import { caseFeedbackSchema, caseFiguresSchema, caseSchema, listCasesSchema } from '../schemas/cases.ts';

export function caseRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const readers = { roles: ['agency', 'steward', 'auditor', 'admin'] as const };
  app.get('/api/cases', { config: readers, schema: listCasesSchema }, async (req) =>
    listCases(ctx, req.identity, { ...(req.query as CaseQuery), ...pageOfRequest(req, 50) }));
  // Before /:id, so "figures" is never read as an id.
  app.get('/api/cases/figures', { config: readers, schema: caseFiguresSchema }, async (req) =>
    ({ figures: await listCaseFigures(ctx, req.identity, req.query as CaseQuery) }));
  app.get('/api/cases/:id', { config: readers, schema: caseSchema }, async (req) => getCase(ctx, req.identity, Number((req.params as { id: string }).id)));
  // Stewards and operators reach the service, which tells them plainly that only the department answers.
  app.post('/api/cases/:id/feedback', { config: { roles: ['agency', 'steward', 'admin'] as const }, schema: caseFeedbackSchema }, async (req) =>
    submitFeedback(ctx, req.identity, Number((req.params as { id: string }).id), req.body));
}
