// Providers and routes: the language (Ant Design's own texts follow it), who is signed in, the
// labels, and the pages of the signed-in person's role. Nothing but sign-in shows before that.
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { setApiLanguage } from '../api/client.ts';
import { LabelsProvider } from '../components/labels.tsx';
import { I18nProvider, useLang } from '../i18n/index.tsx';
import { NotFound } from './NotFound.tsx';
import { homeFor, routesFor } from './routes.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { Shell } from './Shell.tsx';
import { SignIn } from './SignIn.tsx';

function Pages() {
  const { me, loading } = useSession();
  if (loading) return <Spin fullscreen />;
  if (!me) return <SignIn />;
  return (
    <LabelsProvider key={me.user}>
      <Routes>
        <Route element={<Shell />}>
          <Route index element={<Navigate to={homeFor(me.role)} replace />} />
          {routesFor(me.role).map((r) => <Route key={r.path} path={r.path} element={r.element} />)}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </LabelsProvider>
  );
}

// Chinese faces first: the ones government desktops have (Microsoft YaHei), Apple's, then Linux's.
const theme = {
  token: {
    colorPrimary: '#1f5fbf', borderRadius: 4,
    fontFamily: "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', -apple-system, 'Segoe UI', Roboto, sans-serif",
  },
};

function Localised() {
  const { lang } = useLang();
  setApiLanguage(lang);
  useEffect(() => { document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'; }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Pages />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return <I18nProvider><Localised /></I18nProvider>;
}
