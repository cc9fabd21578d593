// The application's frame in the browser: nothing but sign-in before it, a wrong password answered
// in the page's language, each role landing on its own menu, the language switch, deep links and
// an address outside the role answered as not found, and sign-out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E } from './harness.ts';
import type { E2E, Lang } from './harness.ts';

let e: E2E;
beforeAll(async () => { e = await startE2E(); });
afterAll(async () => { await e?.close(); });

const langs: Lang[] = ['zh-CN', 'en'];

describe.each(langs)('the shell in %s', (lang) => {
  const zh = lang === 'zh-CN';

  it('shows only the sign-in form before sign-in, and refuses a wrong password in plain words', async () => {
    const page = await e.newPage(lang);
    await page.goto(`${e.baseUrl}/auditor/records/1`);
    await page.getByTestId('signin').waitFor();
    expect(await page.getByTestId('nav').count()).toBe(0);
    await page.getByTestId('username').fill(e.accounts.steward.username);
    await page.getByTestId('password').fill('not-the-password');
    await page.getByTestId('signin').click();
    const alert = page.getByTestId('error-alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(zh ? /用户名或密码/ : /user name or password/i);
    await e.shot(page, `shell-signin-refused-${lang}`);
  });

  it('lands each role on its own pages, switches language and signs out', async () => {
    const page = await e.newPage(lang);
    await e.signIn(page, e.accounts.market);
    // Who is signed in, with the agency's name from the catalogue in the page's language, not its code.
    const who = await page.getByTestId('user-menu').innerText();
    expect(who).toContain('market');
    expect(who).toContain(zh ? '市市场监督管理委员会' : 'Market');
    expect(who).not.toContain('city_market_regulation');
    await e.shot(page, `shell-agency-home-${lang}`);
    // An address of another role is "not found", as the API answers out-of-scope resources.
    await page.goto(`${e.baseUrl}/operator/catalog`);
    await page.getByTestId('not-found').waitFor();
    await page.getByTestId('switch-language').click();
    await page.getByText(zh ? 'No such page' : '没有这个页面').waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByText(zh ? 'Sign out' : '退出登录').click();
    await page.getByTestId('signin').waitFor();
    // Signed out for real: the API refuses the old session.
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
  });
});
