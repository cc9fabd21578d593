// Maps errors to HTTP answers: our errors keep their code and both languages; the language of
// `message` follows Accept-Language (Chinese unless English is asked for first). Every answer also
// carries the code's title and next step from the error table, so no client keeps a table of its own.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, ErrorKind, isCdfError } from '../domain/errors.ts';
import type { CdfError, ErrorCode } from '../domain/errors.ts';
import { describeValidation } from './schemas/validation-errors.ts';

const explained = (code: ErrorCode) => ({ code, title: ERROR_CODES[code].title, next: ERROR_CODES[code].next });

const STATUS: Record<string, number> = {
  [ErrorKind.data]: 422, [ErrorKind.usage]: 400, [ErrorKind.forbidden]: 403, [ErrorKind.unauthenticated]: 401, [ErrorKind.limited]: 429,
  [ErrorKind.notFound]: 404, [ErrorKind.transient]: 503, [ErrorKind.bug]: 500,
};

/** When a client may try again after a transient refusal (503), which is no fault of its request:
 * what the server waited for (the database, the orchestrator) was not there. Sending again is safe:
 * an upload sent again is the same batch, started at once if the orchestrator answers. */
const RETRY_AFTER_SECONDS = 30;

/** Our refusal's status on the reply, with when to try again for a transient one: every answer
 * of a refusal (JSON here, the sign-in's page for a browser) sets it through this. */
export function refuse(reply: FastifyReply, err: CdfError): FastifyReply {
  if (err.kind === ErrorKind.transient) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.status(STATUS[err.kind] ?? 400);
}

export const wantsEnglish = (req: FastifyRequest): boolean => /^\s*en\b/i.test(String(req.headers['accept-language'] ?? ''));

export function registerErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (isCdfError(err)) {
      const en = wantsEnglish(req);
      return refuse(reply, err)
        .send({
          ...explained(err.code),
          message: en ? err.messages.en : err.messages.zh,
          messageZh: err.messages.zh,
          messageEn: err.messages.en,
          context: err.context,
        });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      // Named in both languages from ajv's findings (server/schemas/validation-errors.ts), not fastify's English.
      const { messages, context } = describeValidation(fe, req);
      const en = wantsEnglish(req);
      return reply
        .status(400)
        .send({ ...explained('CDF_REQUEST_INVALID'), message: en ? messages.en : messages.zh, messageZh: messages.zh, messageEn: messages.en, context });
    }
    if (fe.statusCode && fe.statusCode < 500) {
      return reply
        .status(fe.statusCode)
        .send({ ...explained('CDF_REQUEST_INVALID'), ...(fe.code ? { code: fe.code } : {}), message: fe.message, messageEn: fe.message });
    }
    // Logged with the request's id, which the answer shows: a user quoting it finds this entry.
    const line = JSON.stringify({ level: 'error', at: new Date().toISOString(), id: req.id, method: req.method, url: req.url, err: describe(err) });
    if (req.log.level === 'silent') console.error(line);
    else req.log.error({ err, id: req.id }, 'internal error');
    return reply
      .status(500)
      .send({
        ...explained('CDF_INTERNAL'),
        message: `服务器内部错误，已记录（编号 ${req.id}）`,
        messageZh: `服务器内部错误，已记录（编号 ${req.id}）`,
        messageEn: `internal error; it has been logged (id ${req.id})`,
        context: { errorId: req.id },
      });
  });
}

const describe = (e: Error): { name: string; message: string; stack?: string } => ({
  name: e.name, message: e.message.slice(0, 2000), ...(e.stack ? { stack: e.stack.slice(0, 4000) } : {}),
});
