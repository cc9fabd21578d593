// Sign-in through the city's identity provider (OpenID Connect, authorization code + PKCE).
// The provider proves who someone is; which account that person acts as is ours to decide: a
// subject (`sub`) no operator has bound to an account is refused, never given one on the fly,
// because an account carries a role and an agency or region that only an operator may grant.
//
// Between the redirect out and the callback, the state, nonce and PKCE verifier travel in one
// short-lived cookie, sealed (AES-256-GCM): the browser can neither read the verifier nor forge
// another state. Nothing is kept in this process, so any API instance can take the callback when
// they share the client secret the sealing key is derived from (a public client's key is random
// per process: a sign-in in flight across a restart is asked to start again).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { accountBySubject } from '../../db/accounts.ts';
import { appendAudit } from '../../db/audit.ts';
import type { Db } from '../../db/connect.ts';
import { transientError, unauthenticatedError } from '../../domain/errors.ts';
import type { CdfError } from '../../domain/errors.ts';
import type { OidcConfig } from '../../runtime/config.ts';
import { openSession } from './sessions.ts';
import type { ClientMeta, OpenSession } from './sessions.ts';

/** The cookie that carries a sign-in in flight, and how long it may take at the provider. */
export const OIDC_COOKIE = 'cdf_oidc';
export const OIDC_FLOW_SECONDS = 10 * 60;

interface Flow { state: string; nonce: string; verifier: string; expires: number }

export interface OidcClient {
  /** The sign-in button's text as configured (the page has its own words otherwise). */
  label: string | undefined;
  /** The provider's authorization URL to send the browser to, and the sealed flow for its cookie. */
  begin(): Promise<{ url: string; sealed: string }>;
  /** Completes a callback: `query` is its raw query string, `sealed` the flow cookie it brought. */
  finish(db: Db, query: string, sealed: string | undefined, meta: ClientMeta): Promise<OpenSession>;
}

const state = (zh: string, en: string) => unauthenticatedError('CDF_OIDC_STATE', { zh, en });
const refused = (zh: string, en: string, context = {}) => unauthenticatedError('CDF_OIDC_REFUSED', { zh, en }, context);

/** Provider-supplied text shown back: short, one line. */
const clip = (s: unknown): string => String(s ?? '').replace(/\s+/g, ' ').slice(0, 200);

function sealer(cfg: OidcConfig) {
  const key = cfg.clientSecret
    ? Buffer.from(hkdfSync('sha256', cfg.clientSecret.reveal(), cfg.issuer, 'cdf oidc flow cookie', 32))
    : randomBytes(32);
  // Bound to this provider and client: a flow begun under another configuration does not open.
  const aad = Buffer.from(`${cfg.issuer}\n${cfg.clientId}`);
  return {
    seal(flow: Flow): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
      const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed: string): Flow | undefined {
      try {
        const raw = Buffer.from(sealed, 'base64url');
        if (raw.length < 29) return undefined;
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12)).setAAD(aad).setAuthTag(raw.subarray(12, 28));
        return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as Flow;
      } catch {
        return undefined;
      }
    },
  };
}

/** The provider could not be reached or answered out of turn: worth trying again later. */
function unreachable(e: unknown): boolean {
  const err = e as { code?: string; cause?: unknown };
  return err.cause instanceof TypeError || err.code === 'OAUTH_TIMEOUT' || err.code === 'OAUTH_ABORT'
    || (err.cause instanceof Response && err.cause.status >= 500);
}

const unavailable = (issuer: string, e: unknown): CdfError => transientError('CDF_OIDC_UNAVAILABLE', {
  zh: `无法连接统一身份认证 ${issuer}：${clip((e as Error).message)}`,
  en: `cannot reach the identity provider ${issuer}: ${clip((e as Error).message)}`,
}, { issuer });

export function createOidcClient(cfg: OidcConfig): OidcClient {
  const { seal, open } = sealer(cfg);
  const secret = cfg.clientSecret?.reveal();
  // Discovered on first use, not at start: the factory starts while the provider is down, and a
  // failed discovery is tried again by the next sign-in.
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = (): Promise<client.Configuration> =>
    (discovered ??= client.discovery(
      new URL(cfg.issuer), cfg.clientId, undefined, secret ? client.ClientSecretBasic(secret) : client.None(),
      // An http issuer is a test or a closed network the operator chose; https is the norm.
      cfg.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests], timeout: 15 } : { timeout: 15 },
    ).catch((e: unknown) => {
      discovered = undefined;
      throw unavailable(cfg.issuer, e);
    }));

  /** Audits a refused callback and gives back the error to throw. */
  async function refusal(db: Db, meta: ClientMeta, subject: string, reason: string, error: CdfError): Promise<CdfError> {
    await appendAudit(db, { actor: 'anonymous', kind: 'signin_failed', subject, payload: { via: 'oidc', reason, address: meta.address } });
    return error;
  }

  return {
    label: cfg.label,

    async begin() {
      const config = await configuration();
      const flow: Flow = {
        state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), expires: Date.now() + OIDC_FLOW_SECONDS * 1000,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: cfg.redirectUrl, scope: 'openid', response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier), code_challenge_method: 'S256',
        state: flow.state, nonce: flow.nonce,
      });
      return { url: url.href, sealed: seal(flow) };
    },

    async finish(db, query, sealed, meta) {
      const params = new URLSearchParams(query);
      const error = params.get('error');
      if (error) {
        const said = clip(params.get('error_description') ?? error);
        throw await refusal(db, meta, 'oidc', `provider:${clip(error)}`, refused(
          `统一身份认证拒绝了此次登录（${clip(error)}：${said}）`, `the identity provider refused the sign-in (${clip(error)}: ${said})`, { providerError: clip(error) },
        ));
      }
      const flow = sealed ? open(sealed) : undefined;
      if (!flow) {
        throw await refusal(db, meta, 'oidc', sealed ? 'flow_cookie_invalid' : 'flow_cookie_missing', state(
          sealed ? '登录请求的 Cookie（cdf_oidc）无法验证：已被改动，或服务重启过' : '这个浏览器没有进行中的统一身份认证登录（缺少 cdf_oidc Cookie，或已超过 10 分钟）',
          sealed ? 'the sign-in cookie (cdf_oidc) does not verify: it was altered, or the service restarted'
            : 'this browser has no identity-provider sign-in in progress (no cdf_oidc cookie, or more than 10 minutes passed)',
        ));
      }
      const { state: expected, nonce, verifier, expires } = flow;
      if (expires < Date.now()) {
        throw await refusal(db, meta, 'oidc', 'flow_expired', state('统一身份认证登录超过 10 分钟未完成', 'the identity-provider sign-in took more than 10 minutes'));
      }
      const got = params.get('state') ?? '';
      if (got.length !== expected.length || !timingSafeEqual(Buffer.from(got), Buffer.from(expected))) {
        throw await refusal(db, meta, 'oidc', 'state_mismatch', state(
          '回调中的 state 与本浏览器发起的登录不符：可能是旧的或别人的登录链接',
          'the callback\'s state is not the one this browser started: an old link, or someone else\'s',
        ));
      }
      const config = await configuration();
      const current = new URL(cfg.redirectUrl);
      current.search = params.toString();
      let sub: string;
      try {
        const checks = { pkceCodeVerifier: verifier, expectedState: expected, expectedNonce: nonce, idTokenExpected: true };
        const tokens = await client.authorizationCodeGrant(config, current, checks);
        sub = tokens.claims()!.sub;
      } catch (e) {
        if (unreachable(e)) throw unavailable(cfg.issuer, e);
        const why = clip((e as Error).message);
        throw await refusal(db, meta, 'oidc', `token:${why}`, refused(
          `统一身份认证返回的授权码或身份令牌未通过校验（${why}）`, `the identity provider's code or ID token did not verify (${why})`,
        ));
      }
      const account = await accountBySubject(db, sub);
      const subject = `oidc:${clip(sub)}`;
      if (!account) {
        throw await refusal(db, meta, subject, 'unknown_subject', unauthenticatedError('CDF_OIDC_NO_ACCOUNT', {
          zh: `统一身份认证用户 ${clip(sub)} 没有绑定本系统的账号；不会自动建立账号（账号的角色和单位或区划由管理员指定）`,
          en: `the identity-provider user ${clip(sub)} is bound to no account here; none is made automatically `
            + '(an administrator sets an account\'s role and agency or region)',
        }, { subject: clip(sub) }));
      }
      if (account.disabled) {
        throw await refusal(db, meta, `account:${account.username}`, 'disabled', refused(
          `账号 ${account.username} 已停用`, `account ${account.username} is disabled`, { account: account.username },
        ));
      }
      return openSession(db, account, 'oidc', meta);
    },
  };
}
