// The page a list request asks for: limit (100 unless given) and offset, as pageQuery declares them.
import type { FastifyRequest } from 'fastify';

export interface PageRequest { limit: number; offset: number }

export function pageOfRequest(req: FastifyRequest, defaultLimit = 100): PageRequest {
  const q = req.query as { limit?: number; offset?: number };
  return { limit: q.limit ?? defaultLimit, offset: q.offset ?? 0 };
}
