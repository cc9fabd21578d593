// Maps errors to HTTP answers: our errors keep their code and both languages; the language of
// `message` follows Accept-Language (Chinese unless English is asked for first).
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorKind, isCdfError } from '../domain/errors.ts';

const STATUS: Record<string, number> = {
  [ErrorKind.data]: 422, [ErrorKind.usage]: 400, [ErrorKind.forbidden]: 403, [ErrorKind.notFound]: 404, [ErrorKind.transient]: 503,
};

export const wantsEnglish = (req: FastifyRequest): boolean => /^\s*en\b/i.test(String(req.headers['accept-language'] ?? ''));

export function registerErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (isCdfError(err)) {
      const en = wantsEnglish(req);
      return reply.status(STATUS[err.kind] ?? 400).send({ code: err.code, message: en ? err.messages.en : err.messages.zh, messageZh: err.messages.zh, messageEn: err.messages.en, context: err.context });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      return reply.status(400).send({ code: 'CDF_REQUEST_INVALID', message: `请求不符合接口定义：${fe.message}`, messageEn: `the request does not match the API: ${fe.message}` });
    }
    if (fe.statusCode && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ code: fe.code ?? 'CDF_REQUEST_INVALID', message: fe.message, messageEn: fe.message });
    }
    req.log.error(err);
    return reply.status(500).send({ code: 'CDF_INTERNAL', message: '服务器内部错误，已记录', messageEn: 'internal error; it has been logged' });
  });
}
