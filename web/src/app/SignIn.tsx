// The only page shown before sign-in: user name and password, or the organisation's identity
// provider when one is configured.
import { Alert, Button, Card, Divider, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLang, useT } from '../i18n/index.tsx';
import { useSession } from './session.tsx';

const messages = {
  zh: {
    product: '信用数据工厂', tagline: '清洗、比对、关联、同步、分发', username: '用户名', password: '密码', signIn: '登录',
    with: '使用 {name} 登录', provider: '统一身份认证', required: '请输入{what}', switchTo: 'English', expired: '登录已过期，请重新登录。',
  },
  en: {
    product: 'Credit data factory', tagline: 'Clean, compare, link, sync and distribute', username: 'User name', password: 'Password',
    signIn: 'Sign in', with: 'Sign in with {name}', provider: 'single sign-on', required: 'Enter your {what}', switchTo: '中文',
    expired: 'Your session ended; sign in again.',
  },
};

export function SignIn() {
  const { signIn } = useSession();
  const { lang, setLang } = useLang();
  const t = useT(messages);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [oidc, setOidc] = useState<{ label: string | null } | null>(null);
  const failed = new URLSearchParams(location.search).get('signin') === 'failed';
  useEffect(() => {
    unwrap(api.GET('/api/auth/providers')).then((p) => setOidc(p.oidc ?? null)).catch(() => setOidc(null));
  }, []);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try { await signIn(v.username, v.password); } catch (e) { setError(e); } finally { setBusy(false); }
  };
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <Card style={{ width: 380 }}>
        <Flex justify="space-between" align="baseline">
          <Typography.Title level={3} style={{ marginTop: 0 }}>{t('product')}</Typography.Title>
          <Button type="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="switch-language">{t('switchTo')}</Button>
        </Flex>
        <Typography.Paragraph type="secondary">{t('tagline')}</Typography.Paragraph>
        {failed && <Alert type="warning" title={t('expired')} style={{ marginBottom: 12 }} />}
        <ErrorAlert error={error} />
        <Form layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} style={{ marginTop: 12 }}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('required', { what: t('username') }) }]}>
            <Input autoComplete="username" autoFocus data-testid="username" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required', { what: t('password') }) }]}>
            <Input.Password autoComplete="current-password" data-testid="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin">{t('signIn')}</Button>
        </Form>
        {oidc && (
          <>
            <Divider plain />
            <Button block href="/api/auth/oidc/start">{t('with', { name: oidc.label ?? t('provider') })}</Button>
          </>
        )}
      </Card>
    </Flex>
  );
}
