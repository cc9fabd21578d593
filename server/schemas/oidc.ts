// Request and response schemas of sign-in through the identity provider (server/routes/oidc.ts).
import { errors, text, zhEn } from './common.ts';

const tags = ['auth'];

const redirect = (zh: string, en: string) => ({
  type: 'null', description: zhEn(zh, en),
  headers: { location: { type: 'string', description: zhEn('跳转地址', 'where the browser goes next') } },
}) as const;

export const providersSchema = {
  operationId: 'signInProviders', tags, summary: zhEn('可用的登录方式', 'the ways to sign in'),
  description: zhEn('oidc 不为 null 时，登录页显示统一身份认证按钮', 'when oidc is not null the sign-in page shows the identity-provider button'),
  response: {
    200: {
      type: 'object', required: ['oidc'], description: zhEn('登录方式', 'the ways to sign in'),
      properties: {
        oidc: {
          type: ['object', 'null'], required: ['label'],
          properties: { label: { type: ['string', 'null'], description: zhEn('按钮文字（null 时用页面自带的）', 'button text (null: the page\'s own)') } },
        },
      },
    },
    ...errors(429),
  },
} as const;

export const oidcStartSchema = {
  operationId: 'oidcStart', tags, summary: zhEn('开始统一身份认证登录', 'start signing in with the identity provider'),
  description: zhEn(
    '跳转到统一身份认证（授权码 + PKCE）；登录请求的 state、nonce 和 PKCE 校验值封存在 10 分钟有效的 HttpOnly Cookie 中',
    'redirects to the identity provider (authorization code + PKCE); the state, nonce and PKCE verifier are sealed in an HttpOnly cookie valid 10 minutes',
  ),
  response: { 302: redirect('跳转到统一身份认证', 'to the identity provider'), ...errors(429, 503) },
} as const;

export const oidcCallbackSchema = {
  operationId: 'oidcCallback', tags, summary: zhEn('统一身份认证回调', 'the identity provider\'s callback'),
  description: zhEn(
    '换取并校验身份令牌，按 sub 找到已绑定的账号并登录后跳转到首页；未绑定账号的用户被拒绝（不自动建账号）',
    'exchanges and checks the ID token, signs in the account bound to its sub and redirects home; a subject bound to no account is refused (none is made)',
  ),
  querystring: {
    type: 'object',
    properties: {
      code: text('授权码', 'authorization code', { maxLength: 2048 }),
      state: text('发起登录时的 state', 'the state the sign-in started with', { maxLength: 512 }),
      iss: text('签发者', 'issuer', { maxLength: 2048 }),
      error: text('统一身份认证返回的错误', 'the provider\'s error', { maxLength: 256 }),
      error_description: text('错误说明', 'the error\'s description', { maxLength: 2048 }),
    },
  },
  response: { 302: redirect('已登录，跳转到首页', 'signed in, to the home page'), ...errors(401, 429, 503) },
} as const;
