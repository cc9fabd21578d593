// What every answer carries and what every caller is held to: security headers (no framing, no
// sniffing, a Content-Security-Policy that allows only this site's own scripts), no caching of API
// answers, and a rate limit per token or session, and a smaller one per address for callers with
// neither.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { limitedError } from '../domain/errors.ts';

const CSP = [
  // Styles may be inline: Ant Design writes its component styles into <style> elements at run time.
  // Scripts may not: no inline script, no eval, nothing from another site.
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

/** Who a request is counted against: its token's id, its session, or its address. Not verified
 * here (authentication runs after): a forged key only spends the forger's own budget. */
function rateKey(req: FastifyRequest): string {
  const m = /^Bearer\s+cdf_([0-9a-f]{12})_/i.exec(req.headers.authorization ?? '');
  if (m) return `token:${m[1]}`;
  const cookie = /(?:^|;\s*)cdf_session=([\w-]{16})/.exec(req.headers.cookie ?? '');
  if (cookie) return `session:${cookie[1]}`;
  return `address:${req.ip}`;
}

export async function registerRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(rateLimit, {
    // A caller with neither token nor session (it is about to be refused, or it is the public
    // view) gets a fifth of the budget: floods and scans are slowed without one sign-in's worth.
    global: true, max: (_req, key) => (key.startsWith('address:') ? Math.max(1, Math.floor(perMinute / 5)) : perMinute),
    timeWindow: '1 minute', keyGenerator: rateKey,
    // The public health check is polled by orchestrators, and the web application's files are the
    // same for everyone (a whole office signs in from behind one proxy address): never limited.
    allowList: (req) => req.url === '/api/health' || !req.url.startsWith('/api/'),
    errorResponseBuilder: (_req, ctx) => limitedError('CDF_RATE_LIMITED', {
      zh: `请求过于频繁：每分钟最多 ${ctx.max} 次，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`,
      en: `too many requests: at most ${ctx.max} a minute; try again in ${Math.ceil(ctx.ttl / 1000)} s`,
    }, { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }),
  });
}

