// The signed-in person's own page: who they are, their role and binding, and their API tokens.
import { Button, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ServerTable } from '../components/ServerTable.tsx';
import { formatTime } from '../components/format.ts';
import { useLang, useT } from '../i18n/index.tsx';
import type { PageRoute } from './route-types.ts';
import { useMe } from './session.tsx';
import { roleNames } from './roles.ts';

const messages = {
  zh: {
    title: '我的账号', user: '用户名', role: '角色', agency: '数源单位', region: '区划', unmask: '可查看未脱敏个人信息',
    tokens: 'API 令牌', tokenHelp: '供机构系统调用 API；令牌只显示一次，请妥善保存。', newToken: '新建令牌', name: '名称', scopes: '权限',
    days: '有效天数', lastUsed: '最近使用', expires: '到期', revoke: '吊销', revoked: '已吊销', create: '创建', shown: '新令牌（只显示这一次）',
    yes: '是', no: '否', read: '只读', upload: '上传', write: '读写', never: '从未使用',
  },
  en: {
    title: 'My account', user: 'User', role: 'Role', agency: 'Agency', region: 'Region', unmask: 'May see personal data unmasked',
    tokens: 'API tokens', tokenHelp: 'For an agency system calling the API; a token is shown once, so keep it safe.', newToken: 'New token', name: 'Name',
    scopes: 'Scope', days: 'Valid for (days)', lastUsed: 'Last used', expires: 'Expires', revoke: 'Revoke', revoked: 'revoked', create: 'Create',
    shown: 'New token (shown this once)', yes: 'yes', no: 'no', read: 'read', upload: 'upload', write: 'read and write', never: 'never',
  },
};

type TokenRow = { id: string; name: string; scopes: string[]; lastUsedAt?: string | null; expiresAt?: string | null; revokedAt?: string | null };

function AccountPage() {
  const me = useMe();
  const t = useT(messages);
  const { lang } = useLang();
  const [creating, setCreating] = useState(false);
  const [made, setMade] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const [form] = Form.useForm<{ name: string; scope: 'read' | 'upload' | 'write'; days: number }>();
  const create = async () => {
    const v = await form.validateFields();
    try {
      const r = await unwrap(api.POST('/api/tokens', { body: { name: v.name, scopes: [v.scope], days: v.days } }));
      setMade((r as { token: string }).token);
      setCreating(false);
      setVersion((n) => n + 1);
    } catch (e) { setError(e); }
  };
  const revoke = async (id: string) => {
    try { await unwrap(api.DELETE('/api/tokens/{id}', { params: { path: { id } } })); setVersion((n) => n + 1); } catch (e) { setError(e); }
  };
  return (
    <>
      <PageHeader title={t('title')} />
      <Descriptions bordered size="small" column={2} items={[
        { key: 'u', label: t('user'), children: me.user },
        { key: 'r', label: t('role'), children: roleNames[me.role][lang] },
        ...(me.agency ? [{ key: 'a', label: t('agency'), children: me.agencyName?.[lang] ?? me.agency }] : []),
        ...(me.region ? [{ key: 'g', label: t('region'), children: me.regionName?.[lang] ?? me.region }] : []),
        { key: 'm', label: t('unmask'), children: me.unmask ? t('yes') : t('no') },
      ]} />
      <PageHeader title={<span style={{ fontSize: 18 }}>{t('tokens')}</span>} sub={t('tokenHelp')}
        extra={<Button type="primary" onClick={() => setCreating(true)}>{t('newToken')}</Button>} />
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {made && <Typography.Paragraph copyable={{ text: made }} code data-testid="new-token">{t('shown')}: {made}</Typography.Paragraph>}
      <ServerTable<TokenRow>
        rowKey="id" deps={[version]}
        fetchPage={async (q) => {
          const r = await unwrap(api.GET('/api/tokens', { params: { query: { limit: q.limit, offset: q.offset } } }));
          return { total: r.total, items: r.tokens as TokenRow[] };
        }}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('scopes'), dataIndex: 'scopes', render: (s: string[]) => s.map((x) => <Tag key={x}>{t(x as 'read')}</Tag>) },
          { title: t('lastUsed'), dataIndex: 'lastUsedAt', render: (v?: string | null) => (v ? formatTime(v) : t('never')) },
          { title: t('expires'), dataIndex: 'expiresAt', render: (v?: string | null) => formatTime(v) },
          {
            key: 'x', render: (_: unknown, row) => (row.revokedAt ? <Tag>{t('revoked')}</Tag>
              : <Button size="small" danger onClick={() => void revoke(row.id)}>{t('revoke')}</Button>),
          },
        ]}
      />
      <Modal open={creating} title={t('newToken')} onOk={() => void create()} okText={t('create')} onCancel={() => setCreating(false)}>
        <Form form={form} layout="vertical" initialValues={{ scope: 'read', days: 90 }}>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
          <Space>
            <Form.Item name="scope" label={t('scopes')}>
              <Select style={{ width: 160 }} options={(['read', 'upload', 'write'] as const).map((s) => ({ value: s, label: t(s) }))} />
            </Form.Item>
            <Form.Item name="days" label={t('days')}><InputNumber min={1} max={366} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}

export const accountRoutes: PageRoute[] = [
  { path: '/account', roles: ['agency', 'steward', 'auditor', 'admin'], element: <AccountPage /> },
];
