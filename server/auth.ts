// Every route declares the roles it admits; this hook resolves the caller's identity first and
// refuses the request before the handler runs. Until sign-in exists the identity comes from the
// X-CDF-Identity header ("role[:scope][@user]") or, in development, CDF_DEV_IDENTITY.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbiddenError } from '../domain/errors.ts';
import { parseIdentity, requireRole } from '../services/identity.ts';
import type { Identity, Role } from '../services/identity.ts';

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity;
  }
  interface FastifyContextConfig {
    /** Roles admitted; 'public' for the health check, the UI and the OpenAPI document. */
    roles?: readonly Role[] | 'public';
  }
}

export function registerAuth(app: FastifyInstance, devIdentity: string | undefined): void {
  app.decorateRequest('identity', null as unknown as Identity);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.roles) {
      throw new Error(`route ${route.method} ${route.url} declares no roles: every API route must`);
    }
  });
  app.addHook('preHandler', async (req: FastifyRequest) => {
    const roles = req.routeOptions.config.roles;
    if (!roles || roles === 'public') return;
    const header = req.headers['x-cdf-identity'];
    const spec = (Array.isArray(header) ? header[0] : header) ?? devIdentity;
    if (!spec) {
      throw forbiddenError('CDF_UNAUTHENTICATED', { zh: '请求未带身份（X-CDF-Identity）', en: 'the request carries no identity (X-CDF-Identity)' });
    }
    req.identity = parseIdentity(spec);
    requireRole(req.identity, roles, { zh: `访问 ${req.routeOptions.url}`, en: `access ${req.routeOptions.url}` });
  });
}
