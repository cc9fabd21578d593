// One batch's report (/agency/batches/:id): what was sent, its figures and reasons in plain words,
// and the variation report (which normalisations the file needed). Another agency's batch, like an
// unknown one, is "not found".
import { Card, Descriptions, Space, Table, Tag } from 'antd';
import { useParams } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client.ts';
import { NotFound } from '../../app/NotFound.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatNumber, formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual, useT } from '../../i18n/index.tsx';
import { BatchReport } from './Report.tsx';

const messages = {
  zh: {
    title: '批次报告', file: '文件', dataset: '数据集', time: '上传时间', status: '状态', step: '当前环节', variation: '变化报告：文件需要的规范化',
    variationSub: '这些写法被自动改成了标准写法；按标准修改模板可减少这些改动。', rule: '规范化', cells: '单元格', rows: '行', layout: '跳过的版式行', none: '无',
  },
  en: {
    title: 'Batch report', file: 'File', dataset: 'Dataset', time: 'Uploaded', status: 'Status', step: 'Current step',
    variation: 'Variation report: normalisations the file needed',
    variationSub: 'These were rewritten to the standard\'s form; fixing the template after the standard avoids them.', rule: 'Normalisation', cells: 'Cells',
    rows: 'Rows', layout: 'Layout lines skipped', none: 'None',
  },
};

export default function BatchPage() {
  const t = useT(messages);
  const b = useBilingual();
  const labels = useLabels();
  const id = useParams().id ?? '';
  const report = useLoad(() => unwrap(api.GET('/api/batches/{id}/report', { params: { path: { id } } })), [id]);
  const err = report.error;
  if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return <NotFound />;
  if (err) return <ErrorAlert error={err} />;
  const r = report.data;
  if (!r) return null;
  const batch = r.batch;
  return (
    <>
      <PageHeader title={t('title')} sub={batch.fileName} />
      <Space direction="vertical" style={{ width: '100%' }} size="large">
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="batch-facts" items={[
          { key: 'file', label: t('file'), children: batch.fileName },
          { key: 'dataset', label: t('dataset'), children: labels.label('datasets', batch.dataset) },
          { key: 'time', label: t('time'), children: formatTime(batch.createdAt) },
          { key: 'status', label: t('status'), children: <Tag>{labels.label('batchStatuses', batch.status)}</Tag> },
        ]} />
        {batch.status === 'done' ? <BatchReport batchId={batch.id} /> : null}
        <Card size="small" title={t('variation')} data-testid="variation">
          <p>{t('variationSub')}</p>
          <Table
            size="small" pagination={false} rowKey="rule"
            dataSource={r.variation.rules}
            locale={{ emptyText: t('none') }}
            columns={[
              { key: 'rule', title: t('rule'), render: (_, x) => b(x) },
              { key: 'cells', title: t('cells'), align: 'right', render: (_, x) => formatNumber(x.cells) },
              { key: 'rows', title: t('rows'), align: 'right', render: (_, x) => formatNumber(x.rows) },
            ]}
          />
          {r.variation.layout.length > 0 && (
            <p style={{ marginTop: 12 }}>{t('layout')}：{r.variation.layout.map((l) => `${b(l)} × ${formatNumber(l.lines)}`).join('；')}</p>
          )}
        </Card>
      </Space>
    </>
  );
}
