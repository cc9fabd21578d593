// 数据抽取 / Pulls: each catalogue entry the factory pulls from an agency's own system (a database,
// an HTTP API) on its Temporal schedule, failing sources first, with how the last pull went and,
// for the operator, a pull run now (or a full re-read) whose outcome is shown at once.
import { ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { formatNumber, formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useBilingual, useLang, useT } from '../../i18n/index.tsx';
import type { Lang, Translate } from '../../i18n/index.tsx';
import { VALUE_NAMES } from './catalog-words.ts';

type Pull = paths['/api/pulls']['get']['responses'][200]['content']['application/json']['pulls'][number];
type Ran = paths['/api/pulls/run']['post']['responses'][200]['content']['application/json'];
interface Outcome { pull: Pull; full: boolean; ran?: Ran; error?: unknown }

const messages = {
  zh: {
    title: '数据抽取', sub: '按计划从数源单位自己的系统（数据库、接口）抽取的数据，失败中的在前', agency: '数源单位', dataset: '数据集', frequency: '更新频率',
    connector: '连接方式', lastSuccess: '最近成功', rows: '最近抽取行数', batch: '最近批次', status: '状态', actions: '操作', ok: '正常',
    failing: '失败中', since: '自 {time} 起', failures: '连续失败 {n} 次', never: '从未运行', noSuccess: '尚未成功', pullNow: '立即抽取', full: '从头重读',
    fullTitle: '从头重读全部数据？', fullText: '将忽略游标，从数据源读取全部数据；未变化的记录会被识别为重复，不产生新版本。', yes: '重读', no: '取消',
    lastError: '最近一次失败', none: '—', batchLink: '查看该批次的去向（批次溯源）', nothingNew: '{what}：没有新数据',
    pulled: '{what}：抽取 {n} 行，生成批次', duplicate: '{what}：读到 {n} 行，与已接收的数据相同，没有新批次',
    stale: '{what}：另一次抽取同时推进了游标，本次读到的数据已丢弃', started: '{what}：已开始抽取', failed: '{what}：抽取失败', refresh: '刷新',
    sqlPull: '数据库抽取', httpPull: '接口抽取', scheduled: '计划：{id}',
  },
  en: {
    title: 'Pulls', sub: 'Data pulled on a schedule from agencies\' own systems (databases, APIs); failing sources first', agency: 'Agency',
    dataset: 'Dataset', frequency: 'Frequency', connector: 'Connection', lastSuccess: 'Last success', rows: 'Rows last pulled', batch: 'Last batch',
    status: 'Status', actions: 'Actions', ok: 'OK', failing: 'Failing', since: 'since {time}', failures: '{n} failures in a row', never: 'Never run',
    noSuccess: 'not yet succeeded', pullNow: 'Pull now', full: 'Full re-read', fullTitle: 'Read everything again?',
    fullText: 'The cursor is ignored and the source is read from the beginning; unchanged records are recognised as duplicates and make no new versions.',
    yes: 'Re-read', no: 'Cancel', lastError: 'Last failure', none: '—', batchLink: 'Where this batch went (forward lineage)',
    nothingNew: '{what}: nothing new', pulled: '{what}: {n} rows pulled into batch',
    duplicate: '{what}: {n} rows read, the same as data already received: no new batch',
    stale: '{what}: another pull moved the cursor meanwhile; the rows this one read were dropped', started: '{what}: pull started',
    failed: '{what}: the pull failed', refresh: 'Refresh', sqlPull: 'database pull', httpPull: 'API pull', scheduled: 'Schedule: {id}',
  },
};

const CONNECTORS: Record<string, 'sqlPull' | 'httpPull'> = { 'sql-pull': 'sqlPull', 'http-pull': 'httpPull' };

/** "3 分钟前" / "3 minutes ago": the largest unit that fits. */
function relative(lang: Lang, iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const fmt = new Intl.RelativeTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { numeric: 'auto' });
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [['day', 86_400], ['hour', 3_600], ['minute', 60]];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return fmt.format(Math.round(seconds / size), unit);
  return fmt.format(seconds, 'second');
}

const batchLink = (id: string, title: string) => (
  <Tooltip title={title}>
    <Link to={`/auditor/forward?batch=${encodeURIComponent(id)}`} data-testid="pull-batch-link"><Typography.Text code>{id.slice(0, 12)}</Typography.Text></Link>
  </Tooltip>
);

export default function PullsPage() {
  const t = useT(messages);
  const b = useBilingual();
  const { lang } = useLang();
  const labels = useLabels();
  const admin = useMe().role === 'admin';
  const [reload, setReload] = useState(0);
  const [running, setRunning] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // The expand column only when a row on the page has a failure to show: otherwise an empty column.
  const [anyError, setAnyError] = useState(false);
  const keyOf = (p: Pull) => `${p.agency}|${p.dataset}|${p.channel}`;

  const run = async (pull: Pull, full: boolean) => {
    setRunning(`${keyOf(pull)}|${full}`);
    setOutcome(null);
    try {
      const ran = await unwrap(api.POST('/api/pulls/run', { body: { agency: pull.agency, dataset: pull.dataset, channel: pull.channel, full, wait: true } }));
      setOutcome({ pull, full, ran });
    } catch (error) {
      setOutcome({ pull, full, error });
    } finally {
      setRunning(null);
      setReload((n) => n + 1);
    }
  };

  const statusTag = (p: Pull) => {
    const s = p.state;
    if (s?.failing_since || (s?.failures ?? 0) > 0) {
      // Two short lines under the tag: the column stays narrow and the actions on screen.
      const since = formatTime(s?.failing_since ?? s?.last_attempt_at);
      return (
        <Space direction="vertical" size={0}>
          <Tag color="red" data-testid="pull-failing">{t('failing')}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('since', { time: since })}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('failures', { n: s?.failures ?? 0 })}</Typography.Text>
        </Space>
      );
    }
    if (s?.last_success_at) return <Tag color="green" data-testid="pull-ok">{t('ok')}</Tag>;
    return <Tag data-testid="pull-never">{s ? t('noSuccess') : t('never')}</Tag>;
  };

  const columns: ColumnsType<Pull> = [
    { key: 'agency', title: t('agency'), width: 200, render: (_, p) => b(p.agencyName) },
    { key: 'dataset', title: t('dataset'), dataIndex: 'dataset', render: (v: string) => labels.label('datasets', v) },
    { key: 'frequency', title: t('frequency'), dataIndex: 'frequency', render: (v: string) => VALUE_NAMES[v]?.[lang] ?? v },
    {
      key: 'connector', title: t('connector'),
      render: (_, p) => <Tooltip title={t('scheduled', { id: p.scheduleId })}>{CONNECTORS[p.connector] ? t(CONNECTORS[p.connector]!) : p.connector}</Tooltip>,
    },
    {
      key: 'lastSuccess', title: t('lastSuccess'),
      render: (_, p) => (p.state?.last_success_at
        ? <Tooltip title={formatTime(p.state.last_success_at)}><span data-testid="pull-last-success">{relative(lang, p.state.last_success_at)}</span></Tooltip>
        : t('none')),
    },
    { key: 'rows', title: t('rows'), align: 'right', render: (_, p) => (p.state?.last_rows == null ? t('none') : formatNumber(p.state.last_rows)) },
    { key: 'batch', title: t('batch'), render: (_, p) => (p.state?.last_batch_id ? batchLink(p.state.last_batch_id, t('batchLink')) : t('none')) },
    { key: 'status', title: t('status'), width: 150, render: (_, p) => statusTag(p) },
  ];
  if (admin) {
    columns.push({
      key: 'actions', title: t('actions'),
      // One above the other: the row stays within a laptop's width even with a failure shown.
      render: (_, p) => (
        <Space direction="vertical" size={4}>
          <Button size="small" type="primary" icon={<SyncOutlined />} data-testid="pull-now" loading={running === `${keyOf(p)}|false`}
            disabled={running !== null} onClick={() => void run(p, false)}>{t('pullNow')}</Button>
          <Popconfirm title={t('fullTitle')} description={<div style={{ maxWidth: 320 }}>{t('fullText')}</div>} okText={t('yes')} cancelText={t('no')}
            onConfirm={() => run(p, true)}>
            <Button size="small" data-testid="pull-full" loading={running === `${keyOf(p)}|true`} disabled={running !== null}>{t('full')}</Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  const lastError = useCallback((p: Pull) => {
    const e = p.state?.last_error as { zh?: string; en?: string } | null | undefined;
    return e ? (e[lang] ?? e.zh ?? e.en ?? '') : '';
  }, [lang]);
  const onLoaded = useCallback((items: Pull[]) => setAnyError(items.some((p) => Boolean(lastError(p)))), [lastError]);

  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')}
        extra={<Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)}>{t('refresh')}</Button>} />
      {outcome ? <OutcomeAlert outcome={outcome} t={t} what={`${b(outcome.pull.agencyName)} · ${labels.label('datasets', outcome.pull.dataset)}`}
        onClose={() => setOutcome(null)} /> : null}
      <ServerTable<Pull>
        testId="pulls-table"
        columns={columns}
        rowKey={keyOf}
        deps={[reload]}
        pageSize={20}
        onLoaded={onLoaded}
        expandable={{
          showExpandColumn: anyError,
          rowExpandable: (p) => Boolean(lastError(p)),
          expandedRowRender: (p) => <Alert type="error" showIcon message={t('lastError')} description={lastError(p)} data-testid="pull-last-error" />,
        }}
        fetchPage={async ({ limit, offset }) => {
          const a = await unwrap(api.GET('/api/pulls', { params: { query: { limit, offset } } }));
          return { total: a.total, items: a.pulls };
        }}
      />
    </>
  );
}

function OutcomeAlert({ outcome, t, what, onClose }: {
  outcome: Outcome; t: Translate<keyof typeof messages.zh>; what: string; onClose(): void;
}) {
  if (outcome.error) {
    return (
      <div data-testid="pull-outcome">
        <Alert type="error" showIcon message={t('failed', { what })} closable onClose={onClose} style={{ marginBottom: 12 }} />
        <ErrorAlert error={outcome.error} />
      </div>
    );
  }
  const r = outcome.ran?.result;
  let message;
  let type: 'success' | 'info' | 'warning' = 'info';
  if (!r) message = t('started', { what });
  else if (r.stale) [message, type] = [t('stale', { what }), 'warning'];
  else if (r.batchId && !r.duplicate) {
    message = <Space size={4}>{t('pulled', { what, n: formatNumber(r.rows ?? 0) })}{batchLink(r.batchId, t('batchLink'))}</Space>;
    type = 'success';
  } else if (r.duplicate || (r.rows ?? 0) > 0) message = t('duplicate', { what, n: formatNumber(r.rows ?? 0) });
  else message = t('nothingNew', { what });
  return <Alert data-testid="pull-outcome" type={type} showIcon message={message} closable onClose={onClose} style={{ marginBottom: 12 }} />;
}
