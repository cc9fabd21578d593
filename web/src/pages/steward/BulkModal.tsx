// 批量应用 / Apply to similar: first what it would decide (how many items share this one's pattern,
// what the pattern is, a sample), then, on confirmation, exactly those items; if the set changed
// meanwhile the server refuses and the steward previews again.
import { Alert, Button, Descriptions, Modal, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatNumber, formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useBilingual, useT } from '../../i18n/index.tsx';
import type { BulkPreview, BulkResult, Decision, QueueItem } from './types.ts';
import { SUBJECT } from './types.ts';

const messages = {
  zh: {
    title: '批量应用到同类事项', pattern: '同类的含义', kind: '类型', dataset: '数据集', rule: '规则', fields: '不一致的字段', decision: '决定', count: '同类待处理事项',
    sample: '样例', more: '同类事项超过一次可处理的数量，应用后请再次预览其余的', apply: '应用到这 {n} 项', cancel: '取消', done: '已处理 {ok} 项，未成功 {bad} 项',
    subject: '主体', created: '收到时间', close: '关闭', subjectLink: '关联主体', same: '同一类型、数据集、规则，且不一致的字段及各字段的差异形态相同',
  },
  en: {
    title: 'Apply to similar items', pattern: 'What "similar" means', kind: 'Kind', dataset: 'Dataset', rule: 'Rule', fields: 'Fields that differ',
    decision: 'Decision', count: 'Similar open items', sample: 'Sample', more: 'More items are similar than one request decides: preview again for the rest',
    apply: 'Apply to these {n}', cancel: 'Cancel', done: '{ok} decided, {bad} not', subject: 'Subject', created: 'Received', close: 'Close',
    subjectLink: 'Linked subject',
    same: 'the same kind, dataset and rule, and the same differing fields with the same shape of difference',
  },
};

export function BulkModal({ taskId, decision, note, onClose }: { taskId: number; decision: Decision | null; note: string; onClose(done: boolean): void }) {
  const t = useT(messages);
  const b = useBilingual();
  const labels = useLabels();
  const [preview, setPreview] = useState<BulkPreview>();
  const [result, setResult] = useState<BulkResult>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!decision) return;
    setPreview(undefined); setResult(undefined); setError(undefined);
    unwrap(api.POST('/api/steward/bulk/preview', { body: { taskId, decision } })).then(setPreview, setError);
  }, [taskId, decision]);
  const apply = async () => {
    if (!preview || !decision) return;
    setBusy(true);
    try {
      setResult(await unwrap(api.POST('/api/steward/bulk/apply', { body: { taskId, decision, token: preview.token, ...(note ? { note } : {}) } })));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const footer = result
    ? [<Button key="close" type="primary" onClick={() => onClose(true)} data-testid="bulk-close">{t('close')}</Button>]
    : [
        <Button key="cancel" onClick={() => onClose(false)}>{t('cancel')}</Button>,
        <Button key="apply" type="primary" disabled={!preview || busy} loading={busy} onClick={() => void apply()} data-testid="bulk-apply">
          {t('apply', { n: formatNumber(preview?.count ?? 0) })}
        </Button>,
      ];
  return (
    <Modal open={Boolean(decision)} title={t('title')} onCancel={() => onClose(Boolean(result))} footer={footer} width={860} data-testid="bulk-modal">
      {error ? <ErrorAlert error={error} /> : null}
      {result ? <Alert type={result.failed ? 'warning' : 'success'} showIcon data-testid="bulk-result"
        title={t('done', { ok: formatNumber(result.applied), bad: formatNumber(result.failed) })} /> : null}
      {preview ? (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('count')}>
              <Typography.Text strong data-testid="bulk-count">{formatNumber(preview.count)}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('decision')}>{b(preview.decision.actionName)}</Descriptions.Item>
            <Descriptions.Item label={t('pattern')}>{t('same')}</Descriptions.Item>
            <Descriptions.Item label={t('kind')}>{b(preview.pattern.kindName)}</Descriptions.Item>
            <Descriptions.Item label={t('dataset')}>{labels.label('datasets', preview.pattern.dataset)}</Descriptions.Item>
            <Descriptions.Item label={t('rule')}>{b(preview.pattern.ruleName)}</Descriptions.Item>
            <Descriptions.Item label={t('fields')}>{preview.pattern.differs.map((f) => <Tag key={f.field}>{b(f.label)}</Tag>)}</Descriptions.Item>
          </Descriptions>
          {preview.more ? <Alert type="info" showIcon title={t('more')} style={{ marginTop: 8 }} /> : null}
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('sample')}</Typography.Title>
          <Table<QueueItem> size="small" pagination={false} rowKey={(r) => String(r.id)} dataSource={preview.sample} data-testid="bulk-sample"
            columns={[
              { key: 'subject', title: t('subject'), render: (_, r) => r.subjectName ?? '—' },
              {
                key: 'fields', title: t('fields'),
                render: (_, r) => (r.differs ?? []).map((f) => <Tag key={f}>{f === SUBJECT ? t('subjectLink') : labels.field(r.dataset, f)}</Tag>),
              },
              { key: 'created', title: t('created'), render: (_, r) => formatTime(r.createdAt) },
            ]} />
        </>
      ) : null}
    </Modal>
  );
}
