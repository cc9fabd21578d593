// 批次历史 / Batch history: the agency's batches newest first, paged and filtered on the server,
// with the quality figures of each; a row opens the batch's report.
import { Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { formatNumber, formatRate, formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual, useT } from '../../i18n/index.tsx';
import type { BatchRow } from './types.ts';

const messages = {
  zh: {
    title: '批次历史', sub: '本单位上传的批次，新的在前；点击一行查看校验报告。', time: '上传时间', dataset: '数据集', file: '文件', status: '状态',
    rows: '行数', accepted: '接受', rejected: '拒收', suspected: '疑似重复', conflicts: '冲突', newRecords: '新建记录', newVersions: '新版本', conversion: '换码率',
  },
  en: {
    title: 'Batch history', sub: 'Your agency\'s batches, newest first; click a row for its validation report.', time: 'Uploaded', dataset: 'Dataset',
    file: 'File', status: 'Status', rows: 'Rows', accepted: 'Accepted', rejected: 'Rejected', suspected: 'Suspected duplicates', conflicts: 'Conflicts',
    newRecords: 'New records', newVersions: 'New versions', conversion: 'Conversion rate',
  },
};

const COLOR: Record<string, string> = { done: 'green', failed: 'red', running: 'blue', received: 'default' };

export default function HistoryPage() {
  const t = useT(messages);
  const b = useBilingual();
  const labels = useLabels();
  const navigate = useNavigate();
  const mine = useLoad(() => unwrap(api.GET('/api/agency/datasets')), []);
  const num = (k: keyof BatchRow['figures'], title: string) => ({
    key: k, title, align: 'right' as const, render: (_: unknown, r: BatchRow) => formatNumber(r.figures[k] as number),
  });
  const columns: ColumnsType<BatchRow> = [
    { key: 'time', title: t('time'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
    {
      key: 'dataset', title: t('dataset'), dataIndex: 'dataset', render: (v: string) => labels.label('datasets', v),
      filters: (mine.data?.datasets ?? []).map((d) => ({ text: b(d.name), value: d.dataset })), filterMultiple: false,
    },
    { key: 'file', title: t('file'), dataIndex: 'fileName', render: (v: string) => <Typography.Text ellipsis style={{ maxWidth: 220 }}>{v}</Typography.Text> },
    {
      key: 'status', title: t('status'),
      filters: ['done', 'running', 'failed'].map((s) => ({ text: labels.label('batchStatuses', s), value: s })), filterMultiple: false,
      render: (_, r) => <Tag color={COLOR[r.status] ?? 'default'}>{labels.label('batchStatuses', r.status)}</Tag>,
    },
    num('rows', t('rows')), num('accepted', t('accepted')), num('rejected', t('rejected')), num('suspectedDuplicates', t('suspected')),
    num('conflicts', t('conflicts')), num('newRecords', t('newRecords')), num('newVersions', t('newVersions')),
    { key: 'conversion', title: t('conversion'), align: 'right', render: (_, r) => formatRate(r.figures.conversionRate) },
  ];
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      <ServerTable<BatchRow>
        testId="history-table"
        columns={columns}
        rowKey="id"
        onRow={(r) => ({ onClick: () => navigate(`/agency/batches/${r.id}`), style: { cursor: 'pointer' } })}
        fetchPage={async ({ limit, offset, filters }) => {
          const dataset = filters['dataset']?.[0];
          const status = filters['status']?.[0];
          const page = await unwrap(api.GET('/api/batches', {
            params: { query: { limit, offset, ...(dataset ? { dataset: String(dataset) } : {}), ...(status ? { status: String(status) } : {}) } },
          }));
          return { total: page.total, items: page.batches };
        }}
      />
    </>
  );
}
