// The demo factory's people: one account per role, so a visitor can sign in as each and see what
// that role sees. Their passwords are generated at the first start and kept in the data folder
// (mode 0600) for the next; none is written in the code.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { accountByName } from '../../db/accounts.ts';
import type { Db } from '../../db/connect.ts';
import type { Identity, Role } from '../identity.ts';
import { createAccount } from './accounts.ts';
import { generatePassword } from './passwords.ts';

export interface DemoAccount { username: string; role: Role; agency?: string; region?: string; unmask?: boolean; zh: string; en: string; password: string }

const PEOPLE: Array<Omit<DemoAccount, 'password'>> = [
  { username: 'admin', role: 'admin', zh: '运维管理员', en: 'operator (admin)' },
  { username: 'market', role: 'agency', agency: 'city_market_regulation', zh: '市市场监管委（数源单位）', en: 'City Market Regulation (agency)' },
  { username: 'tax', role: 'agency', agency: 'city_tax', zh: '市税务局（数源单位）', en: 'City Tax Service (agency)' },
  { username: 'steward', role: 'steward', region: '120000', zh: '市级数据管理员', en: 'city steward' },
  { username: 'heping-steward', role: 'steward', region: '120101', zh: '和平区数据管理员', en: 'Heping district steward' },
  { username: 'auditor', role: 'auditor', region: '120000', unmask: true, zh: '市级审计（可查看未脱敏信息）', en: 'city auditor (may unmask)' },
  { username: 'heping-auditor', role: 'auditor', region: '120101', zh: '和平区审计', en: 'Heping district auditor' },
];

const operator: Identity = { user: 'cdf-start', role: 'admin', via: 'cli' };

/** Creates the demo accounts that are missing; the passwords as first generated. */
export async function ensureDemoAccounts(db: Db, dataDir: string): Promise<DemoAccount[]> {
  const file = path.join(dataDir, 'demo-accounts.json');
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const out: DemoAccount[] = [];
  for (const p of PEOPLE) {
    const password = saved[p.username] ?? generatePassword();
    saved[p.username] = password;
    if (!(await accountByName(db, p.username))) {
      await createAccount(db, operator, {
        username: p.username, role: p.role, password, ...(p.agency ? { agency: p.agency } : {}), ...(p.region ? { region: p.region } : {}),
        ...(p.unmask ? { unmask: true } : {}), displayName: p.zh,
      });
    }
    out.push({ ...p, password });
  }
  writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  return out;
}
