// 查询 / Search: one box for a USCC, a name or a document number (or a record id); what the server
// read it as is shown beside it, the matches in a server-paged table; a row opens the record.
import { Alert, Input, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useBilingual, useT } from '../../i18n/index.tsx';

type Answer = paths['/api/records/search']['get']['responses'][200]['content']['application/json'];
type Item = Answer['items'][number];

const messages = {
  zh: {
    title: '查询', sub: '输入统一社会信用代码、名称或文号（任意括号写法），也可输入记录编号',
    placeholder: '如 91120104300010024R、鸿运商贸、津市监罚〔2026〕12号',
    search: '查询', readAs: '识别为：{k}', name: '主体名称', uscc: '统一社会信用代码', docno: '文号', dataset: '数据集', status: '状态', version: '版本',
    updated: '更新时间', open: '查看血缘', none: '输入内容后查询', id: '记录编号',
  },
  en: {
    title: 'Search', sub: 'Type a USCC, a name or a document number (any brackets), or a record id',
    placeholder: 'e.g. 91120104300010024R, 鸿运商贸, 津市监罚〔2026〕12号',
    search: 'Search', readAs: 'Read as: {k}', name: 'Subject', uscc: 'USCC', docno: 'Document number', dataset: 'Dataset', status: 'Status', version: 'Version',
    updated: 'Updated', open: 'Lineage', none: 'Type something to search for', id: 'Record id',
  },
};

export default function SearchPage() {
  const t = useT(messages);
  const b = useBilingual();
  const labels = useLabels();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  const [answer, setAnswer] = useState<Answer | undefined>();
  const columns: ColumnsType<Item> = [
    { key: 'id', title: t('id'), dataIndex: 'id', width: 100 },
    { key: 'name', title: t('name'), dataIndex: 'subjectName' },
    { key: 'uscc', title: t('uscc'), dataIndex: 'subjectUscc', render: (v: string | null) => <Typography.Text code>{v ?? '—'}</Typography.Text> },
    { key: 'docno', title: t('docno'), dataIndex: 'documentNumber' },
    { key: 'dataset', title: t('dataset'), dataIndex: 'dataset', render: (v: string) => labels.label('datasets', v) },
    { key: 'status', title: t('status'), render: (_: unknown, r) => <Tag color={r.status === 'active' ? 'green' : 'default'}>{b(r.statusName)}</Tag> },
    { key: 'version', title: t('version'), dataIndex: 'version', width: 70 },
    { key: 'updated', title: t('updated'), dataIndex: 'updatedAt', render: (v: string) => formatTime(v) },
  ];
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          <Input.Search
            data-testid="record-search"
            style={{ width: 520 }}
            allowClear
            enterButton={t('search')}
            placeholder={t('placeholder')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
          />
          {answer && q ? <Tag data-testid="search-kind" color="blue">{t('readAs', { k: b(answer.kindName) })}</Tag> : null}
        </Space>
        {answer?.hint ? <Alert type="warning" showIcon message={b(answer.hint)} /> : null}
        {q ? (
          <ServerTable<Item>
            testId="search-results"
            columns={columns}
            rowKey={(r) => String(r.id)}
            deps={[q]}
            onRow={(r) => ({ onClick: () => navigate(`/auditor/records/${encodeURIComponent(String(r.id))}`), style: { cursor: 'pointer' } })}
            fetchPage={async ({ limit, offset }) => {
              const a = await unwrap(api.GET('/api/records/search', { params: { query: { q, limit, offset } } }));
              setAnswer(a);
              return { total: a.total, items: a.items, totalIsEstimate: a.totalIsEstimate };
            }}
          />
        ) : <Typography.Text type="secondary">{t('none')}</Typography.Text>}
      </Space>
    </>
  );
}
