// The frame every signed-in page sits in: the role's menu on the left, who is signed in, the
// language switch and sign-out on top.
import { Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useLang, useT } from '../i18n/index.tsx';
import { routesFor } from './routes.tsx';
import { useMe, useSession } from './session.tsx';
import { roleNames } from './roles.ts';


const messages = {
  zh: { product: '信用数据工厂', signOut: '退出登录', account: '我的账号', switchTo: 'English' },
  en: { product: 'Credit data factory', signOut: 'Sign out', account: 'My account', switchTo: '中文' },
};

export function Shell() {
  const me = useMe();
  const { signOut } = useSession();
  const { lang, setLang } = useLang();
  const t = useT(messages);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = useMemo(() => routesFor(me.role).filter((r) => r.menu).map((r) => ({
    key: r.path, icon: r.menu?.icon, label: r.menu?.[lang],
  })), [me.role, lang]);
  // The menu entry whose path is the longest prefix of the address is the current one.
  const selected = items.map((i) => i.key).filter((k) => pathname === k || pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0];
  const agency = me.agencyName?.[lang] ?? me.agency;
  const region = me.regionName?.[lang] ?? me.region;
  const who = `${me.user} · ${roleNames[me.role][lang]}${agency ? ` · ${agency}` : ''}${region ? ` · ${region}` : ''}`;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="light" breakpoint="lg" collapsedWidth={0} style={{ borderRight: '1px solid #f0f0f0' }}>
        <Typography.Title level={5} style={{ padding: '16px 20px', margin: 0 }}>{t('product')}</Typography.Title>
        <Menu mode="inline" items={items} selectedKeys={selected ? [selected] : []} onClick={(e) => navigate(e.key)} data-testid="nav" />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', borderBottom: '1px solid #f0f0f0' }}>
          <Space style={{ float: 'right' }}>
            <Button type="text" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="switch-language">{t('switchTo')}</Button>
            <Dropdown menu={{
              items: [{ key: 'account', label: t('account') }, { key: 'signout', label: t('signOut'), danger: true }],
              onClick: (e) => (e.key === 'account' ? navigate('/account') : void signOut().then(() => navigate('/'))),
            }}>
              <Button type="text" data-testid="user-menu">{who}</Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
