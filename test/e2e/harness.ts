// A factory for the browser tests: the demo loaded into a test database, the API serving the built
// web application on a free port, the demo's people with their passwords, and Debian's Chromium
// driven through playwright-core (no browser download: /usr/bin/chromium, or CDF_CHROMIUM).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApp } from '../../server/app.ts';
import { webDist } from '../../server/web.ts';
import { ensureDemoAccounts } from '../../services/auth/demo-accounts.ts';
import type { DemoAccount } from '../../services/auth/demo-accounts.ts';
import { loadDemo } from '../../services/demo.ts';
import type { DemoResult } from '../../services/demo.ts';
import { repoRoot } from '../helpers/cli.ts';
import { createTestFactory } from '../helpers/factory.ts';
import type { TestFactory } from '../helpers/factory.ts';

export type Lang = 'zh-CN' | 'en';
export interface Account { username: string; password: string }
export type AccountName = 'admin' | 'market' | 'tax' | 'steward' | 'hepingSteward' | 'auditor' | 'hepingAuditor';

export interface E2E {
  baseUrl: string;
  f: TestFactory;
  app: FastifyInstance;
  demo: DemoResult;
  accounts: Record<AccountName, Account>;
  browser: Browser;
  /** A fresh browser context (its own cookies) with the page in this language. */
  newPage(lang: Lang): Promise<Page>;
  /** Signs in through the form and waits for the application's frame. */
  signIn(page: Page, account: Account): Promise<void>;
  /** Saves a full-page screenshot as var/screenshots/<name>.png (outside git). */
  shot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export const screenshotDir = path.join(repoRoot, 'var', 'screenshots');

const chromiumPath = (): string => {
  const p = process.env.CDF_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(p)) throw new Error(`Chromium not found at ${p}: install Debian's chromium package (test.sh does) or set CDF_CHROMIUM`);
  return p;
};

const camel = (name: string): AccountName => name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()) as AccountName;

export async function startE2E(opts: { env?: NodeJS.ProcessEnv } = {}): Promise<E2E> {
  if (!existsSync(path.join(webDist, 'index.html'))) {
    throw new Error('web/dist is not built: run `npm run build:web` (npm test builds it before the tests)');
  }
  const f = await createTestFactory(opts.env ? { env: opts.env } : {});
  const demo = await loadDemo(f.ctx);
  const people: DemoAccount[] = await ensureDemoAccounts(f.ctx.db, f.config.dataDir);
  const accounts = Object.fromEntries(people.map((p) => [camel(p.username), { username: p.username, password: p.password }]));
  const app = await buildApp(f.ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath(), headless: true,
    // The flags keep Chromium from calling out of this closed network at start.
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  mkdirSync(screenshotDir, { recursive: true });
  return {
    baseUrl, f, app, demo, accounts: accounts as Record<AccountName, Account>, browser,
    async newPage(lang) {
      const context = await browser.newContext({ locale: lang, timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
      contexts.push(context);
      const short = lang === 'en' ? 'en' : 'zh';
      // The browser's own storage, set before the page's scripts run (a string: this file is not compiled for the DOM).
      await context.addInitScript(`if (!localStorage.getItem('cdf.lang')) localStorage.setItem('cdf.lang', '${short}');`);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      return page;
    },
    async signIn(page, account) {
      await page.goto(`${baseUrl}/`);
      await page.getByTestId('username').fill(account.username);
      await page.getByTestId('password').fill(account.password);
      await page.getByTestId('signin').click();
      await page.getByTestId('user-menu').waitFor();
    },
    async shot(page, name) {
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await app.close();
      await f.close();
    },
  };
}
