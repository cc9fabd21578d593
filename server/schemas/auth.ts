// Request and response schemas of sign-in, accounts and API tokens (server/routes/auth.ts).
import { bilingual, errors, guarded, int, nullableDateTime, nullableText, dateTime, pageOf, pageQuery, text, zhEn } from './common.ts';

const tags = ['auth'];

const Me = {
  type: 'object', required: ['user', 'role', 'csrfToken'],
  properties: {
    user: text('用户名', 'user name'),
    role: text('角色', 'role', { enum: ['agency', 'steward', 'auditor', 'admin'] }),
    agency: text('所属数源单位', 'the agency bound to'),
    region: text('所属区划', 'the region bound to'),
    agencyName: { ...bilingual, description: zhEn('所属单位在目录中的名称', 'the agency\'s name in the catalogue') },
    regionName: { ...bilingual, description: zhEn('所属区划在目录中的名称', 'the region\'s name in the catalogue') },
    unmask: { type: 'boolean', description: zhEn('可查看未脱敏的个人信息', 'may see personal data unmasked') },
    via: text('身份来源', 'how the identity was proven', { enum: ['session', 'oidc', 'token'] }),
    csrfToken: text('修改类请求须在 X-CSRF-Token 中带回', 'send it back in X-CSRF-Token with every change'),
  },
} as const;

export const signInSchema = {
  operationId: 'signIn', tags, summary: zhEn('登录', 'sign in'),
  description: zhEn('成功后设置 HttpOnly 会话 Cookie；连续失败会锁定账号', 'sets an HttpOnly session cookie; repeated failures lock the account'),
  body: {
    type: 'object', required: ['username', 'password'], additionalProperties: false,
    properties: { username: text('用户名', 'user name', { minLength: 1, maxLength: 64 }), password: text('密码', 'password', { minLength: 1, maxLength: 256 }) },
  },
  response: { 200: Me, ...errors(401, 403, 429) },
} as const;

export const meSchema = {
  operationId: 'whoAmI', tags, summary: zhEn('当前登录身份', 'who is signed in'),
  response: { 200: { ...Me, required: ['user', 'role'] }, ...guarded() },
} as const;

export const signOutSchema = {
  operationId: 'signOut', tags, summary: zhEn('退出登录', 'sign out'),
  response: { 204: { type: 'null', description: zhEn('已退出', 'signed out') }, ...guarded() },
} as const;

const TokenView = {
  type: 'object', required: ['id', 'name', 'account', 'scopes', 'expiresAt'],
  properties: {
    id: text('令牌编号', 'token id'), name: text('名称', 'name'), account: text('所属账号', 'account'),
    scopes: { type: 'array', items: { type: 'string', enum: ['read', 'upload', 'write'] } },
    expiresAt: dateTime, revokedAt: nullableDateTime, lastUsedAt: nullableDateTime, lastUsedAddress: nullableText,
    createdBy: text('建立者', 'created by'), createdAt: dateTime,
  },
} as const;

export const listTokensSchema = {
  operationId: 'listTokens', tags, summary: zhEn('API 令牌列表（含最近使用）', 'API tokens with their last use'),
  description: zhEn('管理员看全部，其他人看自己的', 'administrators see all, others their own'),
  querystring: pageQuery,
  response: { 200: pageOf('tokens', TokenView), ...guarded() },
} as const;

export const createTokenSchema = {
  operationId: 'createToken', tags, summary: zhEn('新建 API 令牌（只显示一次）', 'create an API token (shown once)'),
  body: {
    type: 'object', required: ['name', 'scopes'], additionalProperties: false,
    properties: {
      name: text('用途', 'what it is for', { minLength: 1, maxLength: 100 }),
      scopes: { type: 'array', minItems: 1, items: { type: 'string', enum: ['read', 'upload', 'write'] } },
      days: int('有效天数', 'valid for days', { minimum: 1, maximum: 366, default: 90 }),
      account: text('账号（管理员可为他人建立）', 'account (administrators may name another)', { maxLength: 64 }),
    },
  },
  response: {
    201: { type: 'object', required: ['token', 'view'], properties: { token: text('令牌，只此一次', 'the token, shown this once'), view: TokenView } },
    ...guarded(404),
  },
} as const;

export const revokeTokenSchema = {
  operationId: 'revokeToken', tags, summary: zhEn('撤销 API 令牌', 'revoke an API token'),
  params: { type: 'object', required: ['id'], properties: { id: text('令牌编号', 'token id', { pattern: '^[0-9a-f]{12}$' }) } },
  response: { 204: { type: 'null', description: zhEn('已撤销', 'revoked') }, ...guarded(404) },
} as const;

const AccountView = {
  type: 'object', required: ['id', 'username', 'role'],
  properties: {
    id: { type: 'integer' }, username: text('用户名', 'user name'), displayName: nullableText,
    role: text('角色', 'role'), agency: nullableText, region: nullableText,
    unmask: { type: 'boolean' }, oidc: { type: 'boolean' }, disabled: { type: 'boolean' },
    lockedUntil: nullableDateTime, createdBy: text('建立者', 'created by'), createdAt: dateTime,
  },
} as const;

export const listAccountsSchema = {
  operationId: 'listAccounts', tags, summary: zhEn('账号列表', 'accounts'),
  querystring: pageQuery,
  response: { 200: pageOf('accounts', AccountView), ...guarded() },
} as const;

export const createAccountSchema = {
  operationId: 'createAccount', tags, summary: zhEn('建立账号', 'create an account'),
  description: zhEn('未给密码时生成一个，只返回这一次', 'a password is generated when none is given, returned this once'),
  body: {
    type: 'object', required: ['username', 'role'], additionalProperties: false,
    properties: {
      username: text('用户名', 'user name', { minLength: 2, maxLength: 64 }),
      role: text('角色', 'role', { enum: ['agency', 'steward', 'auditor', 'admin'] }),
      agency: text('数源单位（数源单位账号必填）', 'agency (required for an agency account)'),
      region: text('区划（区县或街道账号）', 'region (district or street accounts)'),
      unmask: { type: 'boolean', description: zhEn('可查看未脱敏的个人信息', 'may see personal data unmasked') },
      displayName: text('姓名', 'display name', { maxLength: 100 }),
      password: text('密码（至少 10 个字符）', 'password (at least 10 characters)', { minLength: 10, maxLength: 256 }),
      oidcSubject: text('统一身份认证的用户标识（sub）', 'the identity provider\'s subject (sub)', { maxLength: 200 }),
    },
  },
  response: {
    201: {
      type: 'object', required: ['account'],
      properties: { account: AccountView, password: text('生成的密码，只此一次', 'the generated password, shown this once') },
    },
    ...guarded(),
  },
} as const;

export const unlockAccountSchema = {
  operationId: 'unlockAccount', tags, summary: zhEn('解除账号锁定', 'unlock an account'),
  params: { type: 'object', required: ['username'], properties: { username: text('用户名', 'user name', { minLength: 1, maxLength: 64 }) } },
  response: { 204: { type: 'null', description: zhEn('已解锁', 'unlocked') }, ...guarded(404) },
} as const;
