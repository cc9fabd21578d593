// `cdf token …`: API tokens for systems, made by the operator for an account; the token is shown
// once and kept only as a hash.
import { TOKEN_SCOPES } from '../../services/auth/policy.ts';
import type { TokenScope } from '../../services/auth/policy.ts';
import { createToken, revokeTokenAs, tokensPage } from '../../services/auth/tokens.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';

export async function tokenCommand(io: Io, args: Parsed): Promise<number> {
  const [sub, id] = args.positionals;
  const who = cliIdentity(args.as);
  if (sub === 'create') {
    const account = args.values.account;
    const name = args.values.name;
    if (typeof account !== 'string' || typeof name !== 'string') throw usage('需要 --account 和 --name', '--account and --name are required');
    const scopes = String(args.values.scopes ?? 'read').split(',').map((x) => x.trim()) as TokenScope[];
    if (scopes.some((x) => !TOKEN_SCOPES.includes(x))) throw usage(`--scopes 取自 ${TOKEN_SCOPES.join(',')}`, `--scopes are from ${TOKEN_SCOPES.join(',')}`);
    const days = Number(args.values.days ?? 90);
    const r = await withContext((ctx) => createToken(ctx.db, who, { account, name, scopes, days }));
    if (io.json) printJson(io, r);
    else io.out(io.lang === 'en' ? `token ${r.view.id} (shown once): ${r.token}` : `令牌 ${r.view.id}（只显示这一次）：${r.token}`);
    return 0;
  }
  if (sub === 'list') {
    const r = await withContext((ctx) => tokensPage(ctx.db, who, { limit: 1000, offset: 0 }));
    if (io.json) printJson(io, r);
    else {
      for (const t of r.tokens) {
        io.out(`${t.id} ${t.account.padEnd(20)} ${t.scopes.join(',').padEnd(18)} ${t.revokedAt ? 'revoked' : t.expiresAt} ${t.lastUsedAt ?? '-'}`);
      }
    }
    return 0;
  }
  if (sub === 'revoke' && id) {
    await withContext((ctx) => revokeTokenAs(ctx.db, who, id));
    io.out(io.lang === 'en' ? `token ${id} revoked` : `令牌 ${id} 已撤销`);
    return 0;
  }
  throw usage('用法：cdf token create --account USER --name TEXT | list | revoke ID', 'usage: cdf token create --account USER --name TEXT | list | revoke ID');
}
