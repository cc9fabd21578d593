import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/index.tsx';

const messages = {
  zh: { title: '没有这个页面', sub: '地址不存在，或不在您的权限范围内。', home: '回到首页' },
  en: { title: 'No such page', sub: 'The address does not exist, or is outside what you may see.', home: 'Back to the start' },
};

/** What an address outside the person's role or scope shows: the same as one that does not exist. */
export function NotFound() {
  const t = useT(messages);
  const navigate = useNavigate();
  return <Result status="404" title={t('title')} subTitle={t('sub')} data-testid="not-found"
    extra={<Button type="primary" onClick={() => navigate('/')}>{t('home')}</Button>} />;
}
