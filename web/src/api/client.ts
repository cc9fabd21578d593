// The API client, typed from the OpenAPI document (schema.d.ts is generated: npm run gen:api).
// Every call sends the session cookie, the page's language and, for a change, the CSRF token.
import createClient from 'openapi-fetch';
import type { Middleware } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

let csrfToken: string | undefined;
let language = 'zh-CN';

export const setCsrfToken = (token: string | undefined): void => { csrfToken = token; };
export const setApiLanguage = (lang: 'zh' | 'en'): void => { language = lang === 'zh' ? 'zh-CN' : 'en'; };
export const apiLanguage = (): string => language;

/** An error the API answered, in the page's language, with where it happened. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: ErrorBody;
  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.body = body;
  }
}

export interface ErrorBody {
  code: string;
  message: string;
  messageZh?: string;
  messageEn?: string;
  next?: { zh: string; en: string };
  context?: Record<string, unknown>;
  requestId?: string;
}

const headersFor = (method: string): Record<string, string> => ({
  'accept-language': language,
  ...(method !== 'GET' && method !== 'HEAD' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
});

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    for (const [k, v] of Object.entries(headersFor(request.method))) request.headers.set(k, v);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(sessionMiddleware);

const networkError = (): ApiError => new ApiError(0, {
  code: 'CDF_NETWORK',
  message: language === 'en' ? 'The factory could not be reached; check the network and try again.' : '无法连接到工厂服务，请检查网络后重试。',
});

/** The answer's data, or an ApiError: `const tasks = await unwrap(api.GET('/api/steward/tasks', {...}))`. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw networkError();
  }
  if (result.response.ok) return result.data as T;
  const body = result.error as Partial<ErrorBody> | undefined;
  throw new ApiError(result.response.status, {
    code: body?.code ?? `HTTP_${result.response.status}`,
    message: body?.message ?? result.response.statusText,
    ...body,
  } as ErrorBody);
}

/** A raw request for what the typed client does not cover (downloads, uploads with progress). */
export function rawHeaders(method: string): Record<string, string> {
  return headersFor(method);
}
