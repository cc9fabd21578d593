// 我的数据集 / My datasets: what the catalogue asks this agency to send, how often, when it last
// did, when the next is due and whether it is late (the server's timeliness rules: calendar periods
// in China time); a row opens its fields explained in plain words, with the code lists
// and the templates to fill in.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual, useT } from '../../i18n/index.tsx';
import type { AssignedDataset, DatasetField } from './types.ts';

const messages = {
  zh: {
    title: '我的数据集', sub: '目录分配给本单位、需要按时报送的数据集。展开一行可查看字段说明与代码表，并下载模板。', dataset: '数据集', channel: '报送通道',
    frequency: '报送频率', last: '最近上报', never: '尚未上报', overdue: '逾期', overdueDays: '已逾期 {n} 天', neverSent: '从未报送', onTime: '按时',
    templates: '模板', csv: 'CSV 模板', xlsx: 'Excel 模板', field: '字段（表头）', column: '列代码', required: '必填', yes: '必填', no: '选填',
    rule: '填写要求', codes: '代码表', status: '状态', due: '下次截止', dueAt: '应于 {t} 前报送', wasDue: '截止时间 {t}',
  },
  en: {
    title: 'My datasets', sub: 'The datasets the catalogue assigns to your agency. Open a row for its fields explained, the code lists and the templates.',
    dataset: 'Dataset', channel: 'Channel', frequency: 'Frequency', last: 'Last upload', never: 'Not yet uploaded', overdue: 'Overdue',
    overdueDays: 'Overdue by {n} days', neverSent: 'Never sent', onTime: 'On time', templates: 'Templates', csv: 'CSV template', xlsx: 'Excel template',
    field: 'Field (header)', column: 'Column code', required: 'Required', yes: 'Required', no: 'Optional', rule: 'What to write', codes: 'Code list',
    status: 'Status', due: 'Next due', dueAt: 'due by {t}', wasDue: 'was due by {t}',
  },
};

function FieldsTable({ fields }: { fields: DatasetField[] }) {
  const t = useT(messages);
  const b = useBilingual();
  const columns: ColumnsType<DatasetField> = [
    { key: 'field', title: t('field'), render: (_, f) => <Typography.Text strong>{b(f)}</Typography.Text>, width: 240 },
    { key: 'column', title: t('column'), dataIndex: 'column', width: 130, render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
    {
      key: 'required', title: t('required'), width: 160,
      render: (_, f) => {
        if (f.required) return <Tag color="red">{t('yes')}</Tag>;
        return f.requiredWhen ? <Typography.Text type="warning">{b(f.requiredWhen)}</Typography.Text> : <Tag>{t('no')}</Tag>;
      },
    },
    { key: 'rule', title: t('rule'), render: (_, f) => b(f.format) },
    {
      key: 'codes', title: t('codes'),
      render: (_, f) => (f.codeList ? <Space size={[4, 4]} wrap>{f.codeList.map((c) => <Tag key={c}>{c}</Tag>)}</Space> : null),
    },
  ];
  return <Table<DatasetField> size="small" rowKey="name" columns={columns} dataSource={fields} pagination={false} data-testid="fields-table" />;
}

export function TemplateButtons({ dataset }: { dataset: AssignedDataset }) {
  const t = useT(messages);
  return (
    <Space>
      <Button size="small" icon={<DownloadOutlined />} href={dataset.templates.csv} download data-testid={`template-csv-${dataset.dataset}`}>{t('csv')}</Button>
      <Button size="small" icon={<DownloadOutlined />} href={dataset.templates.xlsx} download data-testid={`template-xlsx-${dataset.dataset}`}>
        {t('xlsx')}
      </Button>
    </Space>
  );
}

export default function DatasetsPage() {
  const t = useT(messages);
  const b = useBilingual();
  const labels = useLabels();
  const loaded = useLoad(() => unwrap(api.GET('/api/agency/datasets')), []);
  const columns: ColumnsType<AssignedDataset> = [
    { key: 'dataset', title: t('dataset'), render: (_, d) => <Typography.Text strong>{b(d.name)}</Typography.Text> },
    { key: 'channel', title: t('channel'), render: (_, d) => d.channels.map((c) => b(c.name)).join('、') },
    { key: 'frequency', title: t('frequency'), render: (_, d) => b(d.frequency) },
    {
      key: 'last', title: t('last'),
      render: (_, d) => (d.lastUpload
        ? <Link to={`/agency/batches/${d.lastUpload.batchId}`}>{formatTime(d.lastUpload.at)} · {labels.label('batchStatuses', d.lastUpload.status)}</Link>
        : <Typography.Text type="secondary">{t('never')}</Typography.Text>),
    },
    {
      key: 'status', title: t('status'),
      render: (_, d) => (!d.overdue.overdue ? <Tag color="green">{t('onTime')}</Tag>
        : <Tag color="red" data-testid="overdue-tag">{d.overdue.dueAt ? t('overdueDays', { n: d.overdue.days }) : t('neverSent')}</Tag>),
    },
    {
      key: 'due', title: t('due'),
      render: (_, d) => (d.overdue.dueAt
        ? <Typography.Text type={d.overdue.overdue ? 'danger' : undefined} data-testid={`due-${d.dataset}`}>
          {t(d.overdue.overdue ? 'wasDue' : 'dueAt', { t: formatTime(d.overdue.dueAt) })}
        </Typography.Text>
        : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { key: 'templates', title: t('templates'), render: (_, d) => <TemplateButtons dataset={d} /> },
  ];
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      {loaded.error ? <ErrorAlert error={loaded.error} /> : null}
      <Table<AssignedDataset>
        data-testid="datasets-table"
        rowKey="dataset"
        loading={loaded.loading}
        columns={columns}
        dataSource={loaded.data?.datasets ?? []}
        pagination={false}
        expandable={{ expandedRowRender: (d) => <FieldsTable fields={d.fields} /> }}
      />
    </>
  );
}
