// Who may do what: identities, roles and the catalogue's assignments of datasets to agencies.
import type { CodeFamily } from '../text.ts';

export const ACCESS_CODES = {
  CDF_UNAUTHENTICATED: {
    kind: 'unauthenticated',
    title: { zh: '未登录', en: 'not signed in' },
    next: {
      zh: '先登录（界面或 POST /api/auth/signin），系统调用请带 Authorization: Bearer 令牌',
      en: 'sign in first (the page, or POST /api/auth/signin); a system sends Authorization: Bearer with its API token',
    },
  },
  CDF_SIGNIN_FAILED: {
    kind: 'unauthenticated',
    title: { zh: '用户名或密码不正确', en: 'wrong user name or password' },
    next: { zh: '核对后重试；连续失败多次账号会被暂时锁定', en: 'check and try again; repeated failures lock the account for a while' },
  },
  CDF_ACCOUNT_LOCKED: {
    kind: 'limited',
    title: { zh: '账号已暂时锁定', en: 'account locked for now' },
    next: { zh: '等锁定期过后再试，或请管理员解锁（cdf account unlock）', en: 'wait until the lock ends, or ask an administrator to unlock it (cdf account unlock)' },
  },
  CDF_OIDC_NO_ACCOUNT: {
    kind: 'unauthenticated',
    title: { zh: '统一身份认证用户未绑定账号', en: 'no account for this identity-provider user' },
    next: {
      zh: '请管理员为你建立账号并绑定统一身份认证的用户标识（sub），账号须指明角色和单位或区划',
      en: 'ask an administrator to create an account bound to your identity-provider subject (sub), with its role and agency or region',
    },
  },
  CDF_OIDC_STATE: {
    kind: 'unauthenticated',
    title: { zh: '统一身份认证登录请求已失效或被改动', en: 'identity-provider sign-in expired or altered' },
    next: { zh: '回到登录页，重新点击统一身份认证登录（10 分钟内完成）', en: 'go back to the sign-in page and start the identity-provider sign-in again (finish within 10 minutes)' },
  },
  CDF_OIDC_REFUSED: {
    kind: 'unauthenticated',
    title: { zh: '统一身份认证未确认此次登录', en: 'identity provider did not confirm the sign-in' },
    next: {
      zh: '重新登录；反复出现请管理员核对统一身份认证的客户端配置和账号状态',
      en: 'sign in again; if it recurs, ask an administrator to check the client settings and the account',
    },
  },
  CDF_OIDC_UNAVAILABLE: {
    kind: 'transient',
    title: { zh: '统一身份认证服务暂不可用', en: 'identity provider unavailable' },
    next: { zh: '稍后再试，或用用户名和密码登录', en: 'try again later, or sign in with user name and password' },
  },
  CDF_TOKEN_INVALID: {
    kind: 'unauthenticated',
    title: { zh: '令牌无效、已过期或已撤销', en: 'token invalid, expired or revoked' },
    next: { zh: '请账号持有人在界面或用 cdf token create 新建令牌', en: 'ask the account holder for a new token (the page, or cdf token create)' },
  },
  CDF_TOKEN_SCOPE: {
    kind: 'forbidden',
    title: { zh: '令牌无此权限范围', en: 'token lacks this scope' },
    next: { zh: '用含所需范围的令牌（read、upload、write）', en: 'use a token with the scope needed (read, upload, write)' },
  },
  CDF_CSRF: {
    kind: 'forbidden',
    title: { zh: '请求来源校验未通过', en: 'request origin check failed' },
    next: {
      zh: '从本系统的页面操作；脚本请用 API 令牌而非浏览器会话',
      en: 'act from this system\'s own page; scripts use an API token rather than a browser session',
    },
  },
  CDF_RATE_LIMITED: {
    kind: 'limited',
    title: { zh: '请求过于频繁', en: 'too many requests' },
    next: { zh: '稍候再试', en: 'wait a moment and try again' },
  },
  CDF_ACCOUNT_INVALID: {
    kind: 'usage',
    title: { zh: '账号设置不正确', en: 'invalid account settings' },
    next: {
      zh: '数源单位账号须绑定目录中的单位；区县或街道账号须绑定目录中的区划',
      en: 'an agency account names a catalogue agency; a district or street account a catalogue region',
    },
  },
  CDF_TOKEN_UNKNOWN: {
    kind: 'not_found',
    title: { zh: '没有该令牌', en: 'no such token' },
    next: { zh: '在令牌列表中核对编号', en: 'check the id in the token list' },
  },
  CDF_ACCOUNT_UNKNOWN: {
    kind: 'not_found',
    title: { zh: '没有该账号', en: 'no such account' },
    next: { zh: '核对用户名，或请管理员建立账号', en: 'check the user name, or ask an administrator to create the account' },
  },
  CDF_IDENTITY_INVALID: {
    kind: 'usage',
    title: { zh: '身份格式不正确', en: 'malformed identity' },
    next: {
      zh: '按 角色[:范围][@用户] 填写，例如 agency:city_market_regulation@zhang',
      en: 'write it as role[:scope][@user], e.g. agency:city_market_regulation@zhang',
    },
  },
  CDF_FORBIDDEN: {
    kind: 'forbidden',
    title: { zh: '无权执行此操作', en: 'not allowed for your role' },
    next: { zh: '以有此权限的角色操作，或请管理员授权', en: 'act in a role that may, or ask an administrator' },
  },
  CDF_FORBIDDEN_AGENCY: {
    kind: 'forbidden',
    title: { zh: '不能代其他单位操作', en: 'cannot act for another agency' },
    next: { zh: '以该单位自己的身份操作', en: 'act under that agency\'s own identity' },
  },
  CDF_AGENCY_UNKNOWN: {
    kind: 'forbidden',
    title: { zh: '目录中没有该单位', en: 'agency not in the catalogue' },
    next: { zh: '核对单位代码，或请管理员把该单位加入目录', en: 'check the agency code, or ask an administrator to add the agency to the catalogue' },
  },
  CDF_NOT_ASSIGNED: {
    kind: 'forbidden',
    title: { zh: '该数据集未分配给本单位', en: 'dataset not assigned to the agency' },
    next: { zh: '核对所选数据集，或请管理员在目录中分配', en: 'check the dataset chosen, or ask an administrator to assign it in the catalogue' },
  },
  CDF_CHANNEL_NOT_ASSIGNED: {
    kind: 'forbidden',
    title: { zh: '报送通道与目录不符', en: 'channel not the catalogue\'s' },
    next: { zh: '改用目录规定的通道报送', en: 'send it through the channel the catalogue names' },
  },
} as const satisfies CodeFamily;
