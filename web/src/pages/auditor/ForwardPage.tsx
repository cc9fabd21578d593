// 批次溯源 / Forward lineage: from a batch (and optionally one row) to the golden records its rows
// became sources of, the versions they made and the deliveries that carried them. The rows are
// paged by the server; a record opens its lineage page.
import { Button, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useBilingual, useT } from '../../i18n/index.tsx';
import { useDeliveryName } from './lineage-labels.ts';

type Answer = paths['/api/lineage/batches/{id}']['get']['responses'][200]['content']['application/json'];
type Row = Answer['rows'][number] & { versions: string; roleName?: { zh: string; en: string }; statusName?: { zh: string; en: string } };
type Delivery = Answer['deliveries'][number];

const messages = {
  zh: {
    title: '批次溯源', sub: '从一个批次（或其中一行）到它生成的标准记录、版本和分发', batch: '批次号', row: '行号（可选）', go: '溯源',
    rowNo: '行',
    record: '标准记录', role: '该行的角色', status: '记录状态', versions: '生成的版本', deliveries: '分发', subscription: '订阅', outcome: '结果',
    records: '记录数', at: '时间', open: '查看血缘', none: '输入批次号后溯源',
  },
  en: {
    title: 'Forward lineage', sub: 'From a batch (or one of its rows) to the golden records, versions and deliveries it made', batch: 'Batch id',
    row: 'Row (optional)', go: 'Trace', rowNo: 'Row', record: 'Golden record', role: 'Role of the row', status: 'Record status', versions: 'Versions made',
    deliveries: 'Deliveries', subscription: 'Subscription', outcome: 'Outcome', records: 'Records', at: 'Time', open: 'Lineage',
    none: 'Type a batch id to trace',
  },
};

export default function ForwardPage() {
  const t = useT(messages);
  const deliveryName = useDeliveryName();
  const b = useBilingual();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const batch = params.get('batch') ?? '';
  const row = params.get('row') ?? '';
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const [subs, setSubs] = useState<Answer['subscriptionNames']>({});
  const columns: ColumnsType<Row> = [
    { key: 'row', title: t('rowNo'), dataIndex: 'rowNo', width: 80 },
    {
      key: 'record', title: t('record'),
      render: (_: unknown, r) => <Link to={`/auditor/records/${r.goldenId}`} data-testid={`forward-record-${r.goldenId}`}>#{r.goldenId}</Link>,
    },
    { key: 'role', title: t('role'), render: (_: unknown, r) => <Tag>{b(r.roleName)}</Tag> },
    { key: 'status', title: t('status'), render: (_: unknown, r) => b(r.statusName) },
    { key: 'versions', title: t('versions'), dataIndex: 'versions' },
  ];
  const deliveryColumns: ColumnsType<Delivery> = [
    { key: 'sub', title: t('subscription'), render: (_: unknown, d) => b(subs[d.subscription]) || d.subscription },
    {
      key: 'status', title: t('outcome'),
      render: (_: unknown, d) => <Tag color={d.status === 'delivered' ? 'green' : 'orange'}>{deliveryName(d.status, labels)}</Tag>,
    },
    { key: 'records', title: t('records'), dataIndex: 'records' },
    { key: 'at', title: t('at'), render: (_: unknown, d) => formatTime(d.createdAt) },
  ];
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      <Form
        layout="inline"
        initialValues={{ batch, row: row ? Number(row) : undefined }}
        onFinish={(v: { batch: string; row?: number | null }) => setParams({ batch: v.batch.trim(), ...(v.row ? { row: String(v.row) } : {}) })}
        style={{ marginBottom: 16 }}
      >
        <Form.Item name="batch" label={t('batch')} rules={[{ required: true }]}><Input data-testid="forward-batch" style={{ width: 320 }} /></Form.Item>
        <Form.Item name="row" label={t('row')}><InputNumber data-testid="forward-row" min={1} /></Form.Item>
        <Button type="primary" htmlType="submit" data-testid="forward-go">{t('go')}</Button>
      </Form>
      {batch ? (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <ServerTable<Row>
            testId="forward-rows"
            columns={columns}
            rowKey={(r) => `${r.rowNo}`}
            deps={[batch, row]}
            fetchPage={async ({ limit, offset }) => {
              const a = await unwrap(api.GET('/api/lineage/batches/{id}', {
                params: { path: { id: batch }, query: { limit, offset, ...(row ? { row: Number(row) } : {}) } },
              }));
              setDeliveries(a.deliveries);
              setSubs(a.subscriptionNames);
              const items = a.rows.map((r) => ({
                ...r, roleName: r.role ? a.roleNames[r.role] : undefined, statusName: a.records.find((x) => x.goldenId === r.goldenId)?.statusName,
                versions: a.versions.filter((v) => v.rowNo === r.rowNo && v.goldenId === r.goldenId)
                  .map((v) => `v${v.version} · ${formatTime(v.validFrom)}`).join(' / '),
              }));
              return { total: a.total, items, totalIsEstimate: a.totalIsEstimate };
            }}
          />
          <div>
            <Typography.Title level={5}>{t('deliveries')}</Typography.Title>
            <Table<Delivery> data-testid="forward-deliveries" size="small" rowKey={(d) => String(d.id)} columns={deliveryColumns} dataSource={deliveries}
              pagination={{ pageSize: 20 }} />
          </div>
        </Space>
      ) : <Typography.Text type="secondary">{t('none')}</Typography.Text>}
    </>
  );
}
