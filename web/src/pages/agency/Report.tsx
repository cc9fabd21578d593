// A batch's validation report in plain words: its figures, then one panel per reason (how many
// rows, what was expected with an example, what to do) with the offending cells paged on the
// server; the rejects download only when something was rejected.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Collapse, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, unwrap } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { formatNumber, formatRate } from '../../components/format.ts';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual, useT } from '../../i18n/index.tsx';
import type { Cell, Figures, Reason } from './types.ts';

const messages = {
  zh: {
    rows: '读取行数', accepted: '接受', rejected: '拒收', duplicates: '重复', suspected: '疑似重复', conflicts: '冲突', newRecords: '新建标准记录',
    newVersions: '已有记录的新版本', conversion: '换码率', reasons: '拒收原因', noRejects: '没有被拒的行，全部通过校验。', rowsN: '{n} 行',
    fieldLine: '{field}（{n} 行）— 应填写：{expected}', nextLine: '怎么改：{next}',
    row: '行号', line: '文件行', field: '字段', value: '原值', why: '说明', download: '下载被拒行（CSV）',
    downloadHint: '改正后可直接重新上传该文件：说明列会被忽略。', empty: '（空）',
  },
  en: {
    rows: 'Rows read', accepted: 'Accepted', rejected: 'Rejected', duplicates: 'Duplicates', suspected: 'Suspected duplicates', conflicts: 'Conflicts',
    newRecords: 'New golden records', newVersions: 'New versions of records held', conversion: 'Conversion rate', reasons: 'Why rows were rejected',
    noRejects: 'No row was rejected: everything passed.', rowsN: '{n} row(s)', fieldLine: '{field} ({n} row(s)) — expected: {expected}',
    nextLine: 'How to fix: {next}', row: 'Row', line: 'Line in file',
    field: 'Field', value: 'Value received', why: 'Explanation', download: 'Download rejects (CSV)',
    downloadHint: 'Correct the file and upload it again as it is: the explanation columns are ignored.', empty: '(empty)',
  },
};

export function FigureCards({ figures }: { figures: Figures }) {
  const t = useT(messages);
  const items: Array<[string, number | string]> = [
    [t('rows'), formatNumber(figures.rows)], [t('accepted'), formatNumber(figures.accepted)], [t('rejected'), formatNumber(figures.rejected)],
    [t('duplicates'), formatNumber(figures.duplicates)], [t('suspected'), formatNumber(figures.suspectedDuplicates)],
    [t('conflicts'), formatNumber(figures.conflicts)], [t('newRecords'), formatNumber(figures.newRecords)],
    [t('newVersions'), formatNumber(figures.newVersions)], [t('conversion'), formatRate(figures.conversionRate)],
  ];
  return (
    <Row gutter={[16, 16]} data-testid="batch-figures">
      {items.map(([title, value]) => <Col key={title} xs={12} sm={8} md={6} lg={4}><Card size="small"><Statistic title={title} value={value} /></Card></Col>)}
    </Row>
  );
}

function CellsTable({ batchId, reason }: { batchId: string; reason: string }) {
  const t = useT(messages);
  const b = useBilingual();
  const columns: ColumnsType<Cell> = [
    { key: 'row', title: t('row'), dataIndex: 'row', width: 80 },
    { key: 'line', title: t('line'), dataIndex: 'line', width: 90 },
    { key: 'field', title: t('field'), render: (_, c) => b({ zh: c.fieldZh, en: c.fieldEn }) },
    {
      key: 'value', title: t('value'),
      render: (_, c) => (c.value ? <Typography.Text code>{c.value}</Typography.Text> : <Typography.Text type="secondary">{t('empty')}</Typography.Text>),
    },
    { key: 'why', title: t('why'), render: (_, c) => b(c) },
  ];
  return (
    <ServerTable<Cell>
      testId={`cells-${reason}`}
      columns={columns}
      rowKey={(c) => `${c.row}-${c.field ?? ''}-${c.zh}`}
      pageSize={10}
      fetchPage={async ({ limit, offset }) => {
        const page = await unwrap(api.GET('/api/batches/{id}/report/cells', { params: { path: { id: batchId }, query: { reason, limit, offset } } }));
        return { total: page.total, items: page.cells };
      }}
    />
  );
}

function ReasonPanel({ batchId, reason }: { batchId: string; reason: Reason }) {
  const t = useT(messages);
  const b = useBilingual();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {reason.fields.filter((f) => f.expected.zh).map((f) => (
        <Typography.Paragraph key={f.field ?? 'row'} style={{ margin: 0 }}>
          {t('fieldLine', { field: b(f), n: formatNumber(f.rows), expected: b(f.expected) })}
        </Typography.Paragraph>
      ))}
      {b(reason.next) && <Typography.Text type="secondary">{t('nextLine', { next: b(reason.next) })}</Typography.Text>}
      <CellsTable batchId={batchId} reason={reason.code} />
    </Space>
  );
}

/** The report of a finished batch: figures, reasons and the rejects download. */
export function BatchReport({ batchId }: { batchId: string }) {
  const t = useT(messages);
  const b = useBilingual();
  const loaded = useLoad(() => unwrap(api.GET('/api/batches/{id}/report/reasons', { params: { path: { id: batchId } } })), [batchId]);
  if (loaded.error) return <ErrorAlert error={loaded.error} />;
  const report = loaded.data;
  if (!report) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large" data-testid="batch-report">
      <FigureCards figures={report.figures} />
      <Card title={t('reasons')} size="small"
        extra={report.figures.rejected > 0 ? (
          <Button icon={<DownloadOutlined />} href={`/api/batches/${encodeURIComponent(batchId)}/rejects?format=csv`} download data-testid="download-rejects">
            {t('download')}
          </Button>
        ) : null}>
        {report.reasons.length === 0 ? <Empty description={t('noRejects')} /> : (
          <>
            <Alert type="info" showIcon message={t('downloadHint')} style={{ marginBottom: 12 }} />
            <Collapse
              data-testid="reasons"
              defaultActiveKey={[report.reasons[0]!.code]}
              items={report.reasons.map((r) => ({
                key: r.code,
                label: <Space><Typography.Text strong>{b(r.title)}</Typography.Text><Tag color="red">{t('rowsN', { n: formatNumber(r.rows) })}</Tag></Space>,
                children: <ReasonPanel batchId={batchId} reason={r} />,
              }))}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
