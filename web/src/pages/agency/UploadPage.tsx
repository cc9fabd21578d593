// 上传 / Upload: choose one of the agency's datasets, drop the file, watch its bytes go up and
// then the batch's own progress pushed by the server (rows read, accepted, rejected, the step), and
// read the report in plain words when it is done. A refused file shows why, and no older report.
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Card, Form, Progress, Select, Space, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client.ts';
import type { ErrorBody } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatNumber } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual, useT } from '../../i18n/index.tsx';
import { TemplateButtons } from './DatasetsPage.tsx';
import { uploadWithProgress, useBatchEvents } from './live.ts';
import { BatchReport } from './Report.tsx';

const STEPS = ['receive', 'clean', 'link', 'compare', 'sync', 'distribute'] as const;

const messages = {
  zh: {
    title: '上传', sub: '选择数据集，把文件拖到下面（CSV：UTF-8、GBK 或 GB18030；Excel .xlsx；或 UTF-8 的 JSON、JSON Lines：.json、.ndjson、.jsonl）。',
    dataset: '数据集', pick: '请选择本单位的数据集',
    drop: '把文件拖到这里，或点击选择文件', hint: '表头可用标准中文名或列代码；表头上方的标题、单位行和下方的合计会被识别并跳过。JSON 文件中每条记录为一个对象，键名即表头，值为文字或数字。',
    sending: '正在上传文件：{sent} / {total}', live: '已读取 {received} 行，已校验 {cleaned} 行：接受 {accepted} 行，拒收 {rejected} 行',
    step: '当前环节：{step}', duplicate: '这个文件已经上传过，下面是当时的结果。', failed: '处理失败', lost: '与服务器的连接中断，可在批次历史中查看结果。',
    open: '在批次历史中打开', templates: '模板',
  },
  en: {
    title: 'Upload', sub: 'Choose the dataset and drop the file below (CSV in UTF-8, GBK or GB18030; an Excel .xlsx; or JSON or JSON Lines in UTF-8: ' +
      '.json, .ndjson, .jsonl).', dataset: 'Dataset',
    pick: 'Choose one of your datasets', drop: 'Drop the file here, or click to choose one',
    hint: 'Headers may be the standard\'s Chinese names or the column codes; title and unit lines above and totals below are recognised and skipped. ' +
      'In a JSON file each record is an object whose keys are the headers and whose values are texts or numbers.',
    sending: 'Uploading the file: {sent} / {total}', live: 'Read {received} rows, checked {cleaned}: {accepted} accepted, {rejected} rejected',
    step: 'Now: {step}', duplicate: 'This file was uploaded before; here is what came of it.', failed: 'Processing failed',
    lost: 'The connection to the server was lost; the result will be in the batch history.', open: 'Open in the batch history', templates: 'Templates',
  },
};

/** A failed batch's error as the pipeline stored it (an error body: code, messages, context). */
const failure = (error: unknown): ApiError | null => {
  const body = error as Partial<ErrorBody> & { messageEn?: string } | null;
  if (!body?.code || !body.message) return null;
  return new ApiError(422, { ...body, messageZh: body.messageZh ?? body.message } as ErrorBody);
};

const bytes = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

export default function UploadPage() {
  const t = useT(messages);
  const b = useBilingual();
  const labels = useLabels();
  const datasets = useLoad(() => unwrap(api.GET('/api/agency/datasets')), []);
  const [dataset, setDataset] = useState<string>();
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>();
  const [batch, setBatch] = useState<{ id: string; duplicate: boolean } | null>(null);
  const { events, failed } = useBatchEvents(batch?.id ?? null);
  const last = events.at(-1);
  const chosen = datasets.data?.datasets.find((d) => d.dataset === dataset);

  const send = async (file: File) => {
    if (!dataset) return;
    // A new file: whatever was on screen belonged to the previous one.
    setBatch(null);
    setError(undefined);
    setSent({ sent: 0, total: file.size });
    try {
      const r = await uploadWithProgress(file, { dataset }, (s, total) => setSent({ sent: s, total }));
      setBatch({ id: r.batchId, duplicate: r.duplicate });
    } catch (e) {
      setError(e);
    } finally {
      setSent(null);
    }
  };

  const current = last?.step ? STEPS.indexOf(last.step as (typeof STEPS)[number]) : -1;
  const done = last?.final && last.status === 'done';
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      <Space direction="vertical" style={{ width: '100%' }} size="large">
        <Card size="small">
          <Form layout="inline">
            <Form.Item label={t('dataset')}>
              <Select
                data-testid="dataset-select" style={{ minWidth: 260 }} placeholder={t('pick')} value={dataset} onChange={setDataset}
                options={(datasets.data?.datasets ?? []).map((d) => ({ value: d.dataset, label: b(d.name) }))}
              />
            </Form.Item>
            {chosen && <Form.Item label={t('templates')}><TemplateButtons dataset={chosen} /></Form.Item>}
          </Form>
        </Card>
        {datasets.error ? <ErrorAlert error={datasets.error} /> : null}
        <Upload.Dragger
          data-testid="upload-dragger" disabled={!dataset || sent !== null} multiple={false} showUploadList={false}
          accept=".csv,.txt,.xlsx,.json,.ndjson,.jsonl" beforeUpload={(file) => { void send(file); return false; }}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{dataset ? t('drop') : t('pick')}</p>
          <p className="ant-upload-hint">{t('hint')}</p>
        </Upload.Dragger>
        {sent && (
          <Card size="small" data-testid="upload-bytes">
            <Typography.Text>{t('sending', { sent: bytes(sent.sent), total: bytes(sent.total) })}</Typography.Text>
            <Progress percent={sent.total ? Math.floor((sent.sent / sent.total) * 100) : 0} />
          </Card>
        )}
        {error ? <ErrorAlert error={error} /> : null}
        {batch && (
          <Card size="small" data-testid="live-progress">
            {batch.duplicate && <Alert type="info" showIcon message={t('duplicate')} style={{ marginBottom: 12 }} />}
            <Steps
              size="small"
              current={done ? STEPS.length : Math.max(current, 0)}
              status={last?.status === 'failed' ? 'error' : done ? 'finish' : 'process'}
              items={STEPS.map((s) => ({ title: labels.label('steps', s) }))}
            />
            {last && (
              <Space direction="vertical" style={{ marginTop: 12 }}>
                <Typography.Text data-testid="live-figures">
                  {t('live', {
                    received: formatNumber(last.received), cleaned: formatNumber(last.cleaned),
                    accepted: formatNumber(last.accepted), rejected: formatNumber(last.rejected),
                  })}
                </Typography.Text>
                <Typography.Text type="secondary" data-testid="live-step">
                  {t('step', { step: b(last.stepName) || labels.label('batchStatuses', last.status) })}
                </Typography.Text>
              </Space>
            )}
            {failed && <Alert type="warning" showIcon message={t('lost')} style={{ marginTop: 12 }} />}
            {last?.final && last.status === 'failed' && (
              <div style={{ marginTop: 12 }}>
                {failure(last.error) ? <ErrorAlert error={failure(last.error)} /> : <Alert type="error" showIcon message={t('failed')} />}
              </div>
            )}
            <div style={{ marginTop: 8 }}><Link to={`/agency/batches/${batch.id}`}>{t('open')}</Link></div>
          </Card>
        )}
        {batch && done && <BatchReport batchId={batch.id} />}
      </Space>
    </>
  );
}
