// 联合奖惩反馈 / Measure feedback: the joint measures pushed to this department, overdue first and
// then by deadline (the server pages and orders them), each answered with a form: the outcome and,
// as it needs, where and when the measure was applied, why it does not apply, who the subject
// really is (a dispute goes to a data steward), or a street's governance result.
import { Button, Form, Input, Modal, Segmented, Select, Space, Tag, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useBilingual, useT } from '../../i18n/index.tsx';
import type { Translate } from '../../i18n/index.tsx';

type Answer = paths['/api/cases']['get']['responses'][200]['content']['application/json'];
type Case = Answer['cases'][number];
type Body = NonNullable<paths['/api/cases/{id}/feedback']['post']['requestBody']>['content']['application/json'];
type Outcome = Body['outcome'];
type Status = 'all' | 'open' | 'overdue' | 'closed' | 'disputed';
const OUTCOMES: Outcome[] = ['applied', 'not_applicable', 'not_encountered', 'disputed', 'governance_result'];

const messages = {
  zh: {
    title: '联合奖惩反馈', sub: '推送给本部门的联合奖惩措施：主体来办事时执行措施，并在期限内反馈执行情况；逾期的排在最前',
    all: '全部', open: '待反馈', overdue: '逾期', closed: '已反馈', disputed: '异议待裁定', subject: '主体（统一社会信用代码）', measure: '措施',
    list: '名单', record: '记录', due: '反馈期限', status: '状态', outcome: '反馈结果', answer: '反馈', block: '拦截', prompt: '提示',
    applied: '已实施', not_applicable: '不适用', not_encountered: '未遇到该主体', disputed_outcome: '主体有异议', governance_result: '基层治理结果',
    where: '实施地点或系统', when: '实施时间', reason: '原因', claim: '主体实际是谁、依据是什么', text: '治理结果', send: '提交', cancel: '取消',
    saved: '已提交反馈', sentToSteward: '异议已转数据管理员裁定', formTitle: '反馈：{measure}', required: '请填写此项', none: '—',
  },
  en: {
    title: 'Measure feedback', sub: 'Joint measures pushed to this department: apply them when the subject comes to you and report back by the deadline; '
      + 'overdue ones first',
    all: 'All', open: 'Awaiting feedback', overdue: 'Overdue', closed: 'Answered', disputed: 'Disputed', subject: 'Subject (USCC)', measure: 'Measure',
    list: 'List', record: 'Record', due: 'Due by', status: 'Status', outcome: 'Outcome', answer: 'Answer', block: 'block', prompt: 'prompt',
    applied: 'Applied', not_applicable: 'Not applicable', not_encountered: 'Subject not encountered', disputed_outcome: 'Subject disputed',
    governance_result: 'Grassroots governance result', where: 'Where (a hall or a system)', when: 'When', reason: 'Why',
    claim: 'Who the subject really is, and why', text: 'The result', send: 'Send', cancel: 'Cancel', saved: 'Feedback sent',
    sentToSteward: 'The dispute goes to a data steward', formTitle: 'Answer: {measure}',
    required: 'Please fill this in', none: '—',
  },
};

const STATUS_COLOR: Record<string, string> = { open: 'blue', overdue: 'red', closed: 'green', disputed: 'orange' };
const NEEDS: Record<Outcome, Array<'where' | 'when' | 'reason' | 'claim' | 'text'>> = {
  applied: ['where', 'when'], not_applicable: ['reason'], not_encountered: [], disputed: ['claim'], governance_result: ['text'],
};

export default function FeedbackPage() {
  const t = useT(messages);
  const b = useBilingual();
  const labels = useLabels();
  const [status, setStatus] = useState<Status>('all');
  const [answering, setAnswering] = useState<Case | null>(null);
  const [reload, setReload] = useState(0);
  const outcomeName = (o: string) => t(o === 'disputed' ? 'disputed_outcome' : (o as Exclude<Outcome, 'disputed'>));
  const columns: ColumnsType<Case> = [
    { key: 'subject', title: t('subject'), dataIndex: 'subjectUscc', render: (v: string | null) => <Typography.Text code>{v ?? t('none')}</Typography.Text> },
    {
      key: 'measure', title: t('measure'),
      render: (_, c) => <Space size={4}>{b(c.measureName) || c.measure}<Tag>{c.action === 'block' ? t('block') : t('prompt')}</Tag></Space>,
    },
    { key: 'list', title: t('list'), dataIndex: 'dataset', render: (v: string) => labels.label('datasets', v) },
    { key: 'record', title: t('record'), dataIndex: 'goldenId' },
    { key: 'due', title: t('due'), dataIndex: 'dueAt', render: (v: string) => formatTime(v), width: 170 },
    {
      key: 'status', title: t('status'),
      render: (_, c) => <Tag color={STATUS_COLOR[c.overdue ? 'overdue' : c.status]}>{t(c.overdue && c.status === 'open' ? 'overdue' : c.status)}</Tag>,
    },
    { key: 'outcome', title: t('outcome'), render: (_, c) => (c.outcome ? outcomeName(c.outcome) : t('none')) },
    {
      key: 'answer', title: '',
      render: (_, c) => (c.status === 'open' || c.status === 'overdue'
        ? <Button size="small" type="primary" data-testid={`answer-${c.id}`} onClick={() => setAnswering(c)}>{t('answer')}</Button> : null),
    },
  ];
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      <Segmented<Status>
        data-testid="case-status" style={{ marginBottom: 12 }} value={status} onChange={setStatus}
        options={(['all', 'open', 'overdue', 'closed', 'disputed'] as const).map((s) => ({ value: s, label: t(s) }))}
      />
      <ServerTable<Case>
        testId="cases-table" columns={columns} rowKey={(c) => String(c.id)} deps={[status, reload]} pageSize={50}
        fetchPage={async ({ limit, offset }) => {
          const a = await unwrap(api.GET('/api/cases', { params: { query: { limit, offset, ...(status === 'all' ? {} : { status }) } } }));
          return { total: a.total, items: a.cases };
        }}
      />
      {answering
        ? <AnswerForm c={answering} t={t} outcomeName={outcomeName} title={b(answering.measureName) || answering.measure}
          onDone={() => { setAnswering(null); setReload((n) => n + 1); }} />
        : null}
    </>
  );
}

function AnswerForm(props: {
  c: Case; title: string; t: Translate<keyof typeof messages.zh>; outcomeName(o: string): string; onDone(): void;
}) {
  const { c, t } = props;
  const [form] = Form.useForm<{ outcome: Outcome } & Record<string, string>>();
  const outcome = Form.useWatch('outcome', form) ?? 'applied';
  const [error, setError] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const send = async () => {
    const v = await form.validateFields();
    const detail = Object.fromEntries(NEEDS[v.outcome].flatMap((k) => (v[k] ? [[k, v[k]]] : [])));
    setSending(true);
    try {
      const a = await unwrap(api.POST('/api/cases/{id}/feedback', { params: { path: { id: c.id } }, body: { outcome: v.outcome, detail } }));
      void message.success(a.status === 'disputed' ? t('sentToSteward') : t('saved'));
      props.onDone();
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal open title={t('formTitle', { measure: props.title })} okText={t('send')} cancelText={t('cancel')} onOk={() => void send()}
      onCancel={props.onDone} confirmLoading={sending} okButtonProps={{ 'data-testid': 'send-feedback' } as Record<`data-${string}`, string>}>
      {error ? <ErrorAlert error={error} onClose={() => setError(undefined)} /> : null}
      <Form form={form} layout="vertical" initialValues={{ outcome: 'applied' }}>
        <Form.Item name="outcome" label={t('outcome')} rules={[{ required: true, message: t('required') }]}>
          <Select data-testid="outcome" options={OUTCOMES.map((o) => ({ value: o, label: props.outcomeName(o) }))} />
        </Form.Item>
        {NEEDS[outcome].map((k) => (
          <Form.Item key={k} name={k} label={t(k)} rules={[{ required: true, message: t('required') }]}>
            {k === 'where' || k === 'when' ? <Input data-testid={`field-${k}`} /> : <Input.TextArea rows={3} data-testid={`field-${k}`} />}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
