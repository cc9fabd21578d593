// `cdf account …`: the operator keeps people's accounts. The CLI runs where the database
// credentials are, so it acts as the operator (admin); every change is audited as such.
import { accountsPage, createAccount, setPassword, unlockAccount } from '../../services/auth/accounts.ts';
import type { Role } from '../../services/identity.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';

const ROLES = ['agency', 'steward', 'auditor', 'admin'];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const s = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export async function accountCommand(io: Io, args: Parsed): Promise<number> {
  const [sub, username] = args.positionals;
  const who = cliIdentity(args.as);
  const password = args.values['password-stdin'] ? await readStdin() : undefined;
  if (sub === 'add' && username) {
    const role = s(args.values.role);
    if (!role || !ROLES.includes(role)) throw usage(`--role 应为 ${ROLES.join('、')} 之一`, `--role must be one of ${ROLES.join(', ')}`);
    const r = await withContext((ctx) => createAccount(ctx.db, who, {
      username, role: role as Role, unmask: Boolean(args.values.unmask),
      ...(s(args.values.agency) ? { agency: s(args.values.agency)! } : {}), ...(s(args.values.region) ? { region: s(args.values.region)! } : {}),
      ...(s(args.values['display-name']) ? { displayName: s(args.values['display-name'])! } : {}),
      ...(s(args.values['oidc-subject']) ? { oidcSubject: s(args.values['oidc-subject'])! } : {}),
      ...(password ? { password } : {}),
    }));
    if (io.json) printJson(io, r);
    else {
      io.out(io.lang === 'en' ? `account ${username} created (${role})` : `已建立账号 ${username}（${role}）`);
      if (r.password) io.out(io.lang === 'en' ? `password (shown once): ${r.password}` : `密码（只显示这一次）：${r.password}`);
    }
    return 0;
  }
  if (sub === 'list') {
    const r = await withContext((ctx) => accountsPage(ctx.db, { limit: 1000, offset: 0 }));
    if (io.json) printJson(io, r);
    else {
      for (const a of r.accounts) {
        const flags = `${a.unmask ? ' unmask' : ''}${a.lockedUntil ? ' locked' : ''}`;
        io.out(`${a.username.padEnd(24)} ${a.role.padEnd(8)} ${a.agency ?? a.region ?? ''}${flags}`);
      }
    }
    return 0;
  }
  if (sub === 'unlock' && username) {
    await withContext((ctx) => unlockAccount(ctx.db, who, username));
    io.out(io.lang === 'en' ? `account ${username} unlocked` : `账号 ${username} 已解锁`);
    return 0;
  }
  if (sub === 'password' && username) {
    const generated = await withContext((ctx) => setPassword(ctx.db, who, username, password));
    io.out(io.lang === 'en' ? `password of ${username} set` : `已重设 ${username} 的密码`);
    if (generated) io.out(io.lang === 'en' ? `password (shown once): ${generated}` : `密码（只显示这一次）：${generated}`);
    return 0;
  }
  const forms = 'add USER --role R … | list | unlock USER | password USER';
  throw usage(`用法：cdf account ${forms}`, `usage: cdf account ${forms}`);
}
