// 分发 / Deliveries: what the distribution step sent, held back or failed, newest first and paged
// on the server; a status filter with the count of each status (the withheld count and the
// withheld list are one reading), and each batch linked to its run in the Temporal web UI.
import { LinkOutlined } from '@ant-design/icons';
import { Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { formatNumber, formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useBilingual, useT } from '../../i18n/index.tsx';
import { useTemporalLink } from './useTemporalLink.ts';

type Answer = paths['/api/deliveries']['get']['responses'][200]['content']['application/json'];
type Delivery = Answer['deliveries'][number];
type Status = 'all' | 'delivered' | 'withheld' | 'failing';

const messages = {
  zh: {
    title: '分发', sub: '每个订阅收到、未下发或投递失败的记录，最新的在前', all: '全部', delivered: '已送达', withheld: '未下发', failing: '投递失败',
    time: '时间', subscription: '订阅', dataset: '数据集', batch: '批次', status: '状态', records: '送达条数', held: '未下发条数', attempts: '尝试次数',
    run: '在 Temporal 中查看运行', partly: '部分未下发', none: '—', lastError: '最近错误',
  },
  en: {
    title: 'Deliveries', sub: 'What each subscription received, what was held back and what fails, newest first', all: 'All', delivered: 'Delivered',
    withheld: 'Withheld', failing: 'Failing', time: 'Time', subscription: 'Subscription', dataset: 'Dataset', batch: 'Batch', status: 'Status',
    records: 'Records sent', held: 'Records held back', attempts: 'Attempts', run: 'Open the run in Temporal', partly: 'partly withheld', none: '—',
    lastError: 'Last error',
  },
};

export default function DeliveriesPage() {
  const t = useT(messages);
  const b = useBilingual();
  const labels = useLabels();
  const runLink = useTemporalLink();
  const [status, setStatus] = useState<Status>('all');
  const [counts, setCounts] = useState<Answer['counts'] | undefined>();
  const statusTag = (d: Delivery) => {
    if (d.status === 'delivered') {
      return (
        <Space size={4}>
          <Tag color="green">{t('delivered')}</Tag>
          {d.withheld > 0 ? <Tag color="gold">{t('partly')}</Tag> : null}
        </Space>
      );
    }
    if (d.status === 'failing') return <Tooltip title={`${t('lastError')}: ${d.lastError ?? ''}`}><Tag color="red">{t('failing')}</Tag></Tooltip>;
    return <Tag color="gold">{t('withheld')}：{labels.label('withheld', d.status.replace(/^withheld:/, ''))}</Tag>;
  };
  const columns: ColumnsType<Delivery> = [
    { key: 'time', title: t('time'), dataIndex: 'createdAt', render: (v: string) => formatTime(v), width: 170 },
    { key: 'subscription', title: t('subscription'), render: (_, d) => (d.subscriptionName ? b(d.subscriptionName) : d.subscription) },
    { key: 'dataset', title: t('dataset'), dataIndex: 'dataset', render: (v: string | null) => (v ? labels.label('datasets', v) : t('none')) },
    {
      key: 'batch', title: t('batch'), dataIndex: 'batchId',
      render: (id: string | null) => {
        if (!id) return t('none');
        const href = runLink(id);
        return href ? (
          <Tooltip title={t('run')}>
            <Typography.Link href={href} target="_blank" rel="noreferrer" data-testid="temporal-link">
              <LinkOutlined /> <Typography.Text code>{id.slice(0, 12)}</Typography.Text>
            </Typography.Link>
          </Tooltip>
        ) : <Typography.Text code>{id.slice(0, 12)}</Typography.Text>;
      },
    },
    { key: 'status', title: t('status'), render: (_, d) => statusTag(d) },
    { key: 'records', title: t('records'), dataIndex: 'records', align: 'right', render: (n: number) => formatNumber(n) },
    { key: 'withheld', title: t('held'), dataIndex: 'withheld', align: 'right', render: (n: number) => formatNumber(n) },
    { key: 'attempts', title: t('attempts'), dataIndex: 'attempts', align: 'right' },
  ];
  const option = (s: Status) => ({
    value: s,
    label: <span data-testid={`status-${s}`}>{t(s)}{counts ? ` (${formatNumber(counts[s === 'all' ? 'all' : s])})` : ''}</span>,
  });
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      <Segmented<Status>
        data-testid="status-filter"
        style={{ marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={(['all', 'delivered', 'withheld', 'failing'] as const).map(option)}
      />
      <ServerTable<Delivery>
        testId="deliveries-table"
        columns={columns}
        rowKey={(d) => String(d.id)}
        deps={[status]}
        pageSize={50}
        fetchPage={async ({ limit, offset }) => {
          const a = await unwrap(api.GET('/api/deliveries', { params: { query: { limit, offset, ...(status === 'all' ? {} : { status }) } } }));
          setCounts(a.counts);
          return { total: a.total, items: a.deliveries, totalIsEstimate: a.totalIsEstimate };
        }}
      />
    </>
  );
}
