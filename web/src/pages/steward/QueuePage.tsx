// 待办 / Queue: what waits for a steward, a page at a time from the server with the total and a
// count on every kind, filtered by kind, dataset, region, agency, age and escalation, sorted by
// age, creation, dataset or score. Keyboard-first: j/k move the selection, Enter opens the item.
import { Badge, Checkbox, Flex, InputNumber, Radio, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { formatNumber, formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual, useT } from '../../i18n/index.tsx';
import type { Bilingual } from '../../i18n/index.tsx';
import { KeyLegend } from './KeyLegend.tsx';
import type { QueueAnswer, QueueItem, QueueQuery } from './types.ts';
import { SUBJECT } from './types.ts';
import { useKeys } from './useKeys.ts';

const messages = {
  zh: {
    title: '待办', sub: '需要您判断的事项：数据冲突、疑似重复、主体关联待确认、联合奖惩主体异议', all: '全部', kind: '类型', subject: '主体', dataset: '数据集',
    differs: '不一致的字段', agency: '上报单位', region: '主体所在区', created: '收到时间', score: '分数', state: '状态', escalated: '已升级',
    anyDataset: '全部数据集', anyRegion: '全部区', anyAgency: '全部单位', olderThan: '等待超过', days: '天', onlyEscalated: '只看已升级',
    status: '状态', open: '待处理', decided: '已处理', reopened: '来源变化重开', total: '{n} 项', totalMore: '超过 {n} 项',
    keyMove: '上下移动', keyOpen: '打开', keyFilter: '切换类型（1–5）', subjectLink: '关联主体',
  },
  en: {
    title: 'Queue', sub: 'Items waiting for your judgement: conflicts, suspected duplicates, uncertain subject links, measure disputes', all: 'All',
    kind: 'Kind',
    subject: 'Subject', dataset: 'Dataset', differs: 'Fields that differ', agency: 'Sent by', region: 'Subject\'s district', created: 'Received',
    score: 'Score', state: 'State', escalated: 'Escalated', anyDataset: 'Any dataset', anyRegion: 'Any district', anyAgency: 'Any agency',
    olderThan: 'Waiting over', days: 'days', onlyEscalated: 'Escalated only', status: 'Status', open: 'Open', decided: 'Decided',
    reopened: 'Reopened by a changed source', total: '{n} items', totalMore: 'over {n} items', keyMove: 'move down / up', keyOpen: 'open',
    keyFilter: 'switch kind (1–5)', subjectLink: 'Linked subject',
  },
};

const KINDS = ['conflict', 'suspected_duplicate', 'uncertain_link', 'case_dispute'] as const;
const KIND_COLORS: Record<string, string> = { conflict: 'orange', suspected_duplicate: 'purple', case_dispute: 'red' };

interface Named { code: string; name: Bilingual; level?: string }

export default function QueuePage() {
  const t = useT(messages);
  const b = useBilingual();
  const labels = useLabels();
  const navigate = useNavigate();
  const [kind, setKind] = useState<string>('');
  const [status, setStatus] = useState<'open' | 'decided' | 'reopened'>('open');
  const [dataset, setDataset] = useState<string>();
  const [region, setRegion] = useState<string>();
  const [agency, setAgency] = useState<string>();
  const [olderThan, setOlderThan] = useState<number | null>(null);
  const [escalated, setEscalated] = useState(false);
  const [answer, setAnswer] = useState<QueueAnswer>();
  const [items, setItems] = useState<QueueItem[]>([]);
  const [sel, setSel] = useState(0);
  const catalog = useLoad(() => unwrap(api.GET('/api/catalog')), []);
  const c = catalog.data?.catalog as { agencies?: Named[]; regions?: Named[] } | undefined;

  const fetchPage = useCallback(async (q: { limit: number; offset: number; sort?: string; order?: 'asc' | 'desc' }) => {
    const query: QueueQuery = {
      limit: q.limit, offset: q.offset, status, ...(kind ? { kind: kind as QueueQuery['kind'] } : {}), ...(dataset ? { dataset } : {}),
      ...(region ? { region } : {}), ...(agency ? { agency } : {}), ...(olderThan ? { olderThanDays: olderThan } : {}), ...(escalated ? { escalated } : {}),
      ...(q.sort ? { sort: q.sort as QueueQuery['sort'], ...(q.order ? { order: q.order } : {}) } : {}),
    };
    const a = await unwrap(api.GET('/api/steward/tasks', { params: { query } }));
    setAnswer(a);
    return { total: a.total, items: a.tasks, totalIsEstimate: a.totalIsEstimate };
  }, [kind, status, dataset, region, agency, olderThan, escalated]);
  // The same rows again (a reload) keep the selection; other rows start at the first.
  const shown = useRef('');
  const onLoaded = useCallback((rows: QueueItem[]) => {
    setItems(rows);
    const ids = rows.map((r) => r.id).join(',');
    if (ids !== shown.current) setSel(0);
    shown.current = ids;
  }, []);

  const open = (row: QueueItem | undefined) => { if (row) void navigate(`/steward/tasks/${row.id}`); };
  useKeys({
    j: () => setSel((s) => Math.min(s + 1, Math.max(items.length - 1, 0))),
    k: () => setSel((s) => Math.max(s - 1, 0)),
    ArrowDown: () => setSel((s) => Math.min(s + 1, Math.max(items.length - 1, 0))),
    ArrowUp: () => setSel((s) => Math.max(s - 1, 0)),
    Enter: () => open(items[sel]),
    // Out of a filter box and back to the list.
    Escape: () => (document.activeElement as HTMLElement | null)?.blur(),
    1: () => setKind(''), 2: () => setKind('conflict'), 3: () => setKind('suspected_duplicate'), 4: () => setKind('uncertain_link'),
    5: () => setKind('case_dispute'),
  });

  const fieldName = (r: QueueItem, f: string) => (f === SUBJECT ? t('subjectLink') : labels.field(r.dataset, f));
  const columns: ColumnsType<QueueItem> = useMemo(() => [
    { key: 'kind', title: t('kind'), render: (_, r) => <Tag color={KIND_COLORS[r.kind] ?? 'blue'}>
      {labels.label('stewardKinds', r.kind)}</Tag> },
    { key: 'subject', title: t('subject'), render: (_, r) => r.subjectName ?? '—' },
    { key: 'dataset', title: t('dataset'), sorter: true, render: (_, r) => labels.label('datasets', r.dataset) },
    { key: 'differs', title: t('differs'), render: (_, r) => (r.differs ?? []).map((f) => <Tag key={f}>{fieldName(r, f)}</Tag>) },
    { key: 'agency', title: t('agency'), render: (_, r) => b(r.agencyName ?? null) || r.agency },
    {
      key: 'region', title: t('region'),
      render: (_, r) => (r.subjectRegion ? b(c?.regions?.find((x) => x.code === r.subjectRegion)?.name) || r.subjectRegion : '—'),
    },
    { key: 'created', title: t('created'), sorter: true, render: (_, r) => formatTime(r.createdAt) },
    { key: 'score', title: t('score'), sorter: true, align: 'right', render: (_, r) => (r.score === null || r.score === undefined ? '' : r.score.toFixed(2)) },
    { key: 'state', title: t('state'), render: (_, r) => (r.escalatedAt ? <Tag color="red">{t('escalated')}</Tag> : null) },
  // eslint-disable-next-line react-hooks/exhaustive-deps
  ], [t, labels, b, c]);

  const count = (k: string) => (k ? answer?.counts.byKind[k] : undefined);
  const totalText = answer ? t(answer.totalIsEstimate ? 'totalMore' : 'total', { n: formatNumber(answer.total) }) : '';
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')}
        extra={<Typography.Title level={4} style={{ margin: 0 }} data-testid="queue-total">{totalText}</Typography.Title>} />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }} data-testid="queue-filters">
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as string)} optionType="button" data-testid="kind-filter">
          <Radio.Button value="">{t('all')}</Radio.Button>
          {KINDS.map((k) => (
            <Radio.Button key={k} value={k} data-testid={`kind-${k}`}>
              {labels.label('stewardKinds', k)} <Badge count={count(k) ?? 0} showZero overflowCount={9999} color={k === kind ? 'blue' : 'gray'} />
            </Radio.Button>
          ))}
        </Radio.Group>
        <Select style={{ width: 130 }} value={status} onChange={setStatus} data-testid="status-filter"
          options={(['open', 'decided', 'reopened'] as const).map((s) => ({ value: s, label: `${t(s)} ${formatNumber(answer?.counts.byStatus[s] ?? 0)}` }))} />
        <Select allowClear style={{ width: 180 }} placeholder={t('anyDataset')} value={dataset} onChange={setDataset} data-testid="dataset-filter"
          options={Object.keys(labels.tables.datasets).map((d) => ({ value: d, label: labels.label('datasets', d) }))} />
        <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} placeholder={t('anyRegion')} value={region} onChange={setRegion}
          data-testid="region-filter" options={(c?.regions ?? []).filter((r) => r.level === 'district').map((r) => ({ value: r.code, label: b(r.name) }))} />
        <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} placeholder={t('anyAgency')} value={agency} onChange={setAgency}
          data-testid="agency-filter" options={(c?.agencies ?? []).map((a) => ({ value: a.code, label: b(a.name) }))} />
        <InputNumber min={0} max={3650} value={olderThan} onChange={(v) => setOlderThan(v)} addonBefore={t('olderThan')} addonAfter={t('days')}
          style={{ width: 200 }} data-testid="age-filter" />
        <Checkbox checked={escalated} onChange={(e) => setEscalated(e.target.checked)} data-testid="escalated-filter">{t('onlyEscalated')}</Checkbox>
      </Flex>
      <KeyLegend testId="queue-keys" keys={[['j / k', t('keyMove')], ['Enter', t('keyOpen')], ['1–5', t('keyFilter')]]} />
      <ServerTable<QueueItem>
        testId="queue-table"
        columns={columns}
        rowKey={(r) => String(r.id)}
        pageSize={20}
        deps={[fetchPage]}
        fetchPage={fetchPage}
        onLoaded={onLoaded}
        onRow={(r, i) => ({
          onClick: () => setSel(i ?? 0), onDoubleClick: () => open(r),
          style: i === sel ? { background: '#e6f4ff', boxShadow: 'inset 3px 0 0 #1677ff' } : {},
          ...({ 'data-selected': i === sel ? 'true' : 'false', 'data-task': String(r.id) } as Record<string, string>),
        })}
      />
    </>
  );
}
