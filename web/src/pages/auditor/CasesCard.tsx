// The record's joint measures (联合奖惩), forward from the record: each delivery that carried it to a
// department with a measure, the case it opened and the department's feedback (record → delivery
// → measure → feedback), as of the page's moment. Read from the record's lineage.
import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatTime } from '../../components/format.ts';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual, useT } from '../../i18n/index.tsx';

type Lineage = paths['/api/lineage/records/{id}']['get']['responses'][200]['content']['application/json'];
type CaseLink = NonNullable<Lineage['cases']>[number];

const messages = {
  zh: {
    title: '联合奖惩：分发 → 措施 → 反馈', delivery: '分发', department: '部门', measure: '措施', version: '版本', opened: '推送时间', due: '反馈期限',
    status: '状态', feedback: '反馈', by: '反馈人', at: '反馈时间', open: '待反馈', closed: '已反馈', overdue: '逾期', disputed: '异议待裁定',
    applied: '已实施', not_applicable: '不适用', not_encountered: '未遇到该主体', disputedOutcome: '主体有异议', governance_result: '基层治理结果',
    resolved: '裁定：{a}', upheld: '维持列入', corrected: '更正主体为 {u}', none: '—', empty: '该记录未触发联合奖惩措施',
  },
  en: {
    title: 'Joint measures: delivery → measure → feedback', delivery: 'Delivery', department: 'Department', measure: 'Measure', version: 'Version',
    opened: 'Pushed', due: 'Due by', status: 'Status', feedback: 'Feedback', by: 'By', at: 'Answered', open: 'Awaiting', closed: 'Answered',
    overdue: 'Overdue', disputed: 'Disputed', applied: 'Applied', not_applicable: 'Not applicable', not_encountered: 'Subject not encountered',
    disputedOutcome: 'Subject disputed', governance_result: 'Governance result', resolved: 'Decided: {a}', upheld: 'listing upheld',
    corrected: 'subject corrected to {u}', none: '—', empty: 'This record triggered no joint measure',
  },
};
type Key = keyof typeof messages.zh;
const COLOR: Record<string, string> = { open: 'blue', overdue: 'red', closed: 'green', disputed: 'orange' };

export function CasesCard({ id, asOf }: { id: string; asOf?: string }) {
  const t = useT(messages);
  const b = useBilingual();
  const loaded = useLoad(() => unwrap(api.GET('/api/lineage/records/{id}', { params: { path: { id }, query: asOf ? { asOf } : {} } })), [id, asOf]);
  const outcome = (o: string | null | undefined) => (o ? t((o === 'disputed' ? 'disputedOutcome' : o) as Key) : t('none'));
  const detail = (c: CaseLink) => {
    const d = (c.detail ?? {}) as Record<string, string>;
    const r = c.resolution as { action?: string; uscc?: string } | null | undefined;
    const words = [d['where'], d['when'], d['reason'], d['claim'], d['text']].filter(Boolean).join(' · ');
    const decided = r?.action ? t('resolved', { a: r.action === 'link' ? t('corrected', { u: r.uscc ?? '' }) : t('upheld') }) : '';
    return [words, decided].filter(Boolean).join(' · ') || t('none');
  };
  const columns: ColumnsType<CaseLink> = [
    { key: 'delivery', title: t('delivery'), render: (_, c) => <Typography.Text code>{c.deliveryKey}</Typography.Text> },
    { key: 'department', title: t('department'), render: (_, c) => b(c.departmentName) || c.department },
    { key: 'measure', title: t('measure'), render: (_, c) => b(c.measureName) || c.measure },
    { key: 'version', title: t('version'), dataIndex: 'version', align: 'right' },
    { key: 'opened', title: t('opened'), dataIndex: 'openedAt', render: (v: string) => formatTime(v) },
    { key: 'due', title: t('due'), dataIndex: 'dueAt', render: (v: string) => formatTime(v) },
    { key: 'status', title: t('status'), render: (_, c) => <Tag color={COLOR[c.status]}>{t(c.status as Key)}</Tag> },
    {
      key: 'feedback', title: t('feedback'),
      render: (_, c) => <span>{outcome(c.outcome)}<br /><Typography.Text type="secondary">{detail(c)}</Typography.Text></span>,
    },
    { key: 'by', title: t('by'), render: (_, c) => c.feedbackBy ?? t('none') },
    { key: 'at', title: t('at'), render: (_, c) => (c.feedbackAt ? formatTime(c.feedbackAt) : t('none')) },
  ];
  return (
    <Card size="small" title={t('title')} data-testid="record-cases">
      {loaded.error ? <ErrorAlert error={loaded.error} /> : null}
      <Table<CaseLink> size="small" columns={columns} dataSource={loaded.data?.cases ?? []} loading={loaded.loading} pagination={false}
        rowKey={(c) => String(c.id)} locale={{ emptyText: t('empty') }} />
    </Card>
  );
}
