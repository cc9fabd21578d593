// 批次运行 / Batch runs: every batch, newest first and paged on the server, each linked to its
// workflow run in the Temporal web UI (history, retries, the step it waits in). A pulled batch has
// no file a person chose: where the file name would be, it shows the source, query and cursor range.
import { LinkOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { formatNumber, formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useT } from '../../i18n/index.tsx';
import { useCatalogNames } from './useCatalogNames.ts';
import { useTemporalLink } from './useTemporalLink.ts';

type Batch = paths['/api/batches']['get']['responses'][200]['content']['application/json']['batches'][number];
type Origin = NonNullable<Batch['origin']>;

const messages = {
  zh: {
    title: '批次运行', sub: '每个批次的处理运行，可在 Temporal 界面查看历史与重试', time: '接收时间', agency: '数源单位', dataset: '数据集', channel: '通道',
    status: '状态', step: '环节', rows: '行数', run: '运行', open: '在 Temporal 中查看', source: '文件或来源', from: '来源：{source} · {query} · 游标 {range}',
    start: '起始', full: '从头重读',
  },
  en: {
    title: 'Batch runs', sub: 'Each batch\'s run: its history and retries are in the Temporal web UI', time: 'Received', agency: 'Agency', dataset: 'Dataset',
    channel: 'Channel', status: 'Status', step: 'Step', rows: 'Rows', run: 'Run', open: 'Open in Temporal', source: 'File or source',
    from: 'Source: {source} · {query} · cursor {range}', start: 'start', full: 'full re-read',
  },
};

export default function BatchesPage() {
  const t = useT(messages);
  const labels = useLabels();
  const names = useCatalogNames();
  const runLink = useTemporalLink();
  const color: Record<string, string> = { done: 'green', failed: 'red', running: 'blue' };
  const originText = (o: Origin) => {
    const range = `${o.cursorFrom ?? t('start')} → ${o.cursorTo ?? ''}${o.full ? ` (${t('full')})` : ''}`;
    return t('from', { source: o.source ?? '', query: o.query ?? '', range });
  };
  // A long query or file name is cut to one line; the whole of it is on hover.
  const source = (r: Batch) => {
    const text = r.origin ? originText(r.origin) : (r.fileName ?? '');
    return <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 320 }} data-testid={r.origin ? 'batch-origin' : undefined}>{text}</Typography.Text>;
  };
  const columns: ColumnsType<Batch> = [
    { key: 'time', title: t('time'), dataIndex: 'createdAt', render: (v: string) => formatTime(v), width: 170 },
    { key: 'agency', title: t('agency'), dataIndex: 'agency', render: (v: string) => names.agency(v) },
    { key: 'dataset', title: t('dataset'), dataIndex: 'dataset', render: (v: string) => labels.label('datasets', v) },
    { key: 'channel', title: t('channel'), dataIndex: 'channel', render: (v: string) => labels.label('channels', v) },
    { key: 'source', title: t('source'), render: (_, r) => source(r) },
    { key: 'status', title: t('status'), render: (_, r) => <Tag color={color[r.status] ?? 'default'}>{labels.label('batchStatuses', r.status)}</Tag> },
    { key: 'step', title: t('step'), dataIndex: 'step', render: (v: string | null) => (v ? labels.label('steps', v) : '') },
    { key: 'rows', title: t('rows'), align: 'right', render: (_, r) => formatNumber(r.figures.rows) },
    {
      key: 'run', title: t('run'),
      render: (_, r) => {
        const href = runLink(r.id);
        if (!href) return null;
        return <Typography.Link href={href} target="_blank" rel="noreferrer" data-testid="batch-run-link"><LinkOutlined /> {t('open')}</Typography.Link>;
      },
    },
  ];
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      <ServerTable<Batch>
        testId="batches-table"
        columns={columns}
        rowKey="id"
        pageSize={20}
        fetchPage={async ({ limit, offset }) => {
          const a = await unwrap(api.GET('/api/batches', { params: { query: { limit, offset } } }));
          return { total: a.total, items: a.batches };
        }}
      />
    </>
  );
}
