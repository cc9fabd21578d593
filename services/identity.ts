// Who is acting. Every API route and CLI command acts as an identity with a role and a scope;
// until sign-in exists a development identity stands in, but no operation goes unchecked.
import { forbiddenError, usageError } from '../domain/errors.ts';

export const Role = { agency: 'agency', steward: 'steward', auditor: 'auditor', admin: 'admin' } as const;
export type Role = (typeof Role)[keyof typeof Role];

export interface Identity {
  user: string;
  role: Role;
  /** For an agency uploader: the agency it uploads for. */
  agency?: string;
  /** For a district or street user: the region it sees. */
  region?: string;
  /** Sees personal data (resident IDs, natural persons' names) unmasked: a right granted to an
   * account, never implied by a role, and audited each time it is used. */
  unmask?: boolean;
  /** How the identity was proven: a sign-in session, an API token, OIDC, or the local CLI. */
  via?: 'session' | 'token' | 'oidc' | 'cli';
}

const ROLE_NAMES: Record<Role, string> = { agency: '数源单位', steward: '数据管理员', auditor: '审计', admin: '管理员' };

/** Parses "role[:scope][@user]", e.g. "agency:city_market_regulation@zhang", "admin". */
export function parseIdentity(spec: string): Identity {
  const m = /^(agency|steward|auditor|admin)(?::([\w.-]+))?(?:@([\w.\-@]+))?$/.exec(spec.trim());
  if (!m) {
    throw usageError('CDF_IDENTITY_INVALID', {
      zh: `身份格式应为 角色[:范围][@用户]，例如 agency:city_market_regulation@zhang；实为「${spec}」`,
      en: `an identity is role[:scope][@user], e.g. agency:city_market_regulation@zhang; got "${spec}"`,
    });
  }
  const role = m[1] as Role;
  if (role === 'agency' && !m[2]) {
    throw usageError('CDF_IDENTITY_INVALID', {
      zh: '数源单位身份必须指明单位，例如 agency:city_market_regulation',
      en: 'an agency identity names its agency, e.g. agency:city_market_regulation',
    });
  }
  const scope = m[2];
  return { role, user: m[3] ?? `${role}${scope ? `:${scope}` : ''}`, ...(role === 'agency' ? { agency: scope } : scope ? { region: scope } : {}) };
}

export function requireRole(who: Identity, roles: readonly Role[], action: { zh: string; en: string }): void {
  if (!roles.includes(who.role)) {
    throw forbiddenError('CDF_FORBIDDEN', {
      zh: `${ROLE_NAMES[who.role]}（${who.user}）无权${action.zh}，需要：${roles.map((r) => ROLE_NAMES[r]).join('、')}`,
      en: `${who.role} (${who.user}) may not ${action.en}; needs one of: ${roles.join(', ')}`,
    });
  }
}

/** An agency uploader acts only for its own agency; admins for any. */
export function requireAgencyScope(who: Identity, agency: string): void {
  requireRole(who, [Role.agency, Role.admin], { zh: '上传数据', en: 'upload data' });
  if (who.role === Role.agency && who.agency !== agency) {
    throw forbiddenError('CDF_FORBIDDEN_AGENCY', {
      zh: `身份 ${who.user} 属于 ${who.agency}，不能代 ${agency} 上传或查看`,
      en: `identity ${who.user} belongs to ${who.agency} and cannot act for ${agency}`,
    });
  }
}
