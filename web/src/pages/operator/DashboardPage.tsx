// 质量看板 / Quality dashboard: per region, agency or dataset over a window, the conversion rate
// (换码率), the wrong-code rate (重错码率), double reporting, timeliness against the catalogue's
// frequency and rejects by reason, as charts with the numbers in a table beside; and the trend by
// day or week. Every figure is the server's (GET /api/quality/dashboard). Below, who is late now:
// each catalogue entry overdue (most overdue first), never seen, or on time, paged on the server
// (GET /api/quality/timeliness), with the on-time rate of its periods over the same window.
import { Card, Col, DatePicker, Row, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { formatNumber, formatRate, formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual, useLang, useT } from '../../i18n/index.tsx';
import { Chart } from './Chart.tsx';

type Dashboard = paths['/api/quality/dashboard']['get']['responses'][200]['content']['application/json'];
type Group = Dashboard['groups'][number];
type By = 'region' | 'agency' | 'dataset';
type TimelinessAnswer = paths['/api/quality/timeliness']['get']['responses'][200]['content']['application/json'];
type Entry = TimelinessAnswer['rows'][number];
type Status = 'all' | 'overdue' | 'never_seen' | 'on_time';

const messages = {
  zh: {
    title: '质量看板', sub: '按批次汇总：换码率、重错码率、重复报送、及时性与拒收原因', region: '按区划', agency: '按单位', dataset: '按数据集',
    day: '按日', week: '按周',
    name: '名称', batches: '批次', received: '接收行', rejected: '拒收行', conversion: '换码率', wrongCode: '重错码率（‰）', double: '重复报送',
    doubleRate: '重复报送率', timely: '按时率', periods: '及时性（应报期数）', onTime: '按时', late: '迟报', missing: '缺报', rejects: '拒收原因', trend: '趋势', none: '所选时间内没有批次',
    rows: '行', window: '时间范围', total: '合计', overdueNow: '当前逾期', neverSeenNow: '从未报送',
    tlTitle: '及时性', tlSub: '各目录条目当前是否逾期：逾期的在前（逾期最久的最前），其次从未报送，最后按时；按时率为上面所选时间范围内的各期',
    all: '全部', overdue: '逾期', never_seen: '从未报送', on_time: '按时', howLate: '状态', tlAgency: '数源单位', tlDataset: '数据集', tlRegion: '区划',
    frequency: '报送频率', lastArrival: '最近到达', byPull: '拉取', due: '下次截止', rate: '按时率（按时/迟报/缺报）', pullFailing: '拉取失败 {n} 次',
    failingSince: '自 {t} 起失败', since: '自 {t} 起应报', dash: '—',
  },
  en: {
    title: 'Quality dashboard', sub: 'Summed over batches: conversion rate, wrong-code rate, double reporting, timeliness and rejects by reason',
    region: 'By region', agency: 'By agency', dataset: 'By dataset', day: 'By day', week: 'By week', name: 'Name', batches: 'Batches',
    received: 'Rows received',
    rejected: 'Rows rejected', conversion: 'Conversion rate', wrongCode: 'Wrong codes (‰)', double: 'Double reported', doubleRate: 'Double reporting',
    timely: 'On time', periods: 'Timeliness (periods due)',
    onTime: 'On time', late: 'Late', missing: 'Missing', rejects: 'Rejects by reason', trend: 'Trend', none: 'No batches in this window',
    rows: 'rows', window: 'Window', total: 'Total', overdueNow: 'Overdue now', neverSeenNow: 'Never sent',
    tlTitle: 'Timeliness', tlSub: 'Whether each catalogue entry is late now: overdue first (most overdue first), then never sent, then on time; ' +
      'the on-time rate is over the periods of the window above',
    all: 'All', overdue: 'Overdue', never_seen: 'Never sent', on_time: 'On time', howLate: 'Status', tlAgency: 'Agency', tlDataset: 'Dataset',
    tlRegion: 'Region', frequency: 'Frequency', lastArrival: 'Last arrival', byPull: 'pull', due: 'Next due', rate: 'On-time rate (on time/late/missing)',
    pullFailing: 'pull failing ({n} in a row)', failingSince: 'failing since {t}', since: 'expected since {t}', dash: '—',
  },
};

const pct = (r: number) => Math.round(r * 1000) / 10;

export default function DashboardPage() {
  const t = useT(messages);
  const b = useBilingual();
  const { lang } = useLang();
  const labels = useLabels();
  const [by, setBy] = useState<By>('agency');
  const [bucket, setBucket] = useState<'day' | 'week'>('day');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const loaded = useLoad(() => unwrap(api.GET('/api/quality/dashboard', { params: { query: { by, bucket, from, to } } })), [by, bucket, from, to]);
  const d = loaded.data;
  const names = useMemo(() => (d?.groups ?? []).map((g) => b(g.name)), [d, b]);
  const groups = d?.groups ?? [];
  // Many groups: the names go to the tooltip and a zoom bar, not under the bars.
  const crowded = names.length > 12;
  const xAxis = { type: 'category' as const, data: names, axisLabel: crowded ? { show: false } : { rotate: 30, interval: 0, fontSize: 10 } };
  const zoom = crowded ? { dataZoom: [{ type: 'slider' as const, height: 14, bottom: 8 }] } : {};
  const grid = { left: 48, right: 16, bottom: crowded ? 40 : 72, top: 48 };
  // A rate of a group that sent nothing is no rate: left out of the chart, "—" in the table.
  const rate = (g: Group, v: number) => (g.batches ? v : null);
  const bar = (title: string, values: Array<number | null>, unit = ''): EChartsOption => ({
    title: { text: title, textStyle: { fontSize: 13 } }, tooltip: { trigger: 'axis' }, grid, xAxis, yAxis: { type: 'value', name: unit }, ...zoom,
    series: [{ type: 'bar', data: values, itemStyle: { color: '#1677ff' } }],
  });
  const charts = useMemo(() => ({
    conversion: bar(t('conversion'), groups.map((g) => rate(g, pct(g.conversionRate))), '%'),
    wrongCode: bar(t('wrongCode'), groups.map((g) => rate(g, g.wrongCodePerMille)), '‰'),
    double: bar(t('doubleRate'), groups.map((g) => rate(g, pct(g.doubleReportingRate))), '%'),
    timely: {
      title: { text: t('periods'), textStyle: { fontSize: 13 } }, tooltip: { trigger: 'axis' }, legend: { top: 0, right: 0 },
      grid, xAxis, yAxis: { type: 'value' }, ...zoom,
      series: (['onTime', 'late', 'missing'] as const).map((k, i) => ({
        name: t(k), type: 'bar', stack: 'periods', data: groups.map((g) => g.timeliness[k]), itemStyle: { color: ['#52c41a', '#faad14', '#ff4d4f'][i] },
      })),
    } satisfies EChartsOption,
    rejects: {
      title: { text: t('rejects'), textStyle: { fontSize: 13 } }, tooltip: { trigger: 'item' },
      series: [{
        type: 'pie', radius: ['30%', '55%'], top: 24, label: { formatter: '{b}\n{c}', width: 110, overflow: 'break', fontSize: 11 },
        data: (d?.totals.rejectsByReason ?? []).map((r) => ({ name: labels.tables.errors[r.code]?.title?.[lang] ?? r.code, value: r.rows })),
      }],
    } satisfies EChartsOption,
    trend: {
      title: { text: t('trend'), textStyle: { fontSize: 13 } }, tooltip: { trigger: 'axis' }, legend: { bottom: 0 },
      grid: { left: 56, right: 56, bottom: 64, top: 40 },
      xAxis: { type: 'category', data: (d?.trend ?? []).map((p) => p.period) },
      yAxis: [{ type: 'value', name: t('rows') }, { type: 'value', name: '%', max: 100 }],
      series: [
        { name: t('received'), type: 'bar', data: (d?.trend ?? []).map((p) => p.received), itemStyle: { color: '#91caff' } },
        { name: t('rejected'), type: 'bar', data: (d?.trend ?? []).map((p) => p.rejected), itemStyle: { color: '#ff7875' } },
        { name: t('conversion'), type: 'line', yAxisIndex: 1, data: (d?.trend ?? []).map((p) => pct(p.conversionRate)) },
        { name: t('doubleRate'), type: 'line', yAxisIndex: 1, data: (d?.trend ?? []).map((p) => pct(p.doubleReportingRate)) },
      ],
    } satisfies EChartsOption,
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [d, names, lang, labels]);
  const columns: ColumnsType<Group> = [
    { key: 'name', title: t('name'), render: (_, g) => b(g.name), fixed: 'left' },
    { key: 'batches', title: t('batches'), dataIndex: 'batches', align: 'right' },
    { key: 'received', title: t('received'), dataIndex: 'received', align: 'right', render: (n: number) => formatNumber(n) },
    { key: 'rejected', title: t('rejected'), dataIndex: 'rejected', align: 'right', render: (n: number) => formatNumber(n) },
    { key: 'conversion', title: t('conversion'), align: 'right', render: (_, g) => (g.batches ? formatRate(g.conversionRate) : '—') },
    { key: 'wrongCode', title: t('wrongCode'), align: 'right', render: (_, g) => (g.batches ? g.wrongCodePerMille : '—') },
    { key: 'double', title: t('double'), dataIndex: 'doubleReported', align: 'right', render: (n: number) => formatNumber(n) },
    {
      key: 'timely', title: t('timely'), align: 'right',
      render: (_, g) => `${formatRate(g.timeliness.onTimeRate)} (${g.timeliness.onTime}/${g.timeliness.late}/${g.timeliness.missing})`,
    },
    {
      key: 'overdueNow', title: t('overdueNow'), align: 'right',
      render: (_, g) => (g.timeliness.overdue ? <Typography.Text type="danger">{g.timeliness.overdue}</Typography.Text> : 0),
    },
    { key: 'neverSeenNow', title: t('neverSeenNow'), align: 'right', render: (_, g) => g.timeliness.neverSeen },
  ];
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<By>
          data-testid="group-by" value={by} onChange={setBy} options={(['region', 'agency', 'dataset'] as const).map((v) => ({ value: v, label: t(v) }))}
        />
        <Segmented<'day' | 'week'> value={bucket} onChange={setBucket} options={(['day', 'week'] as const).map((v) => ({ value: v, label: t(v) }))} />
        <Typography.Text>{t('window')}</Typography.Text>
        <DatePicker.RangePicker allowClear={false} value={range} onChange={(v) => { if (v?.[0] && v[1]) setRange([v[0], v[1]]); }} />
      </Space>
      {loaded.error ? <ErrorAlert error={loaded.error} /> : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} xxl={13}>
          <Row gutter={[12, 12]}>
            {(['conversion', 'wrongCode', 'double', 'timely'] as const).map((k) => (
              <Col xs={24} md={12} key={k}><Card size="small"><Chart testId={`chart-${k}`} option={charts[k]} /></Card></Col>
            ))}
            <Col xs={24} md={12}><Card size="small"><Chart testId="chart-rejects" option={charts.rejects} /></Card></Col>
            <Col xs={24} md={12}><Card size="small"><Chart testId="chart-trend" option={charts.trend} /></Card></Col>
          </Row>
        </Col>
        <Col xs={24} xxl={11}>
          <Card size="small">
            <Table<Group>
              data-testid="dashboard-table"
              size="small"
              loading={loaded.loading}
              rowKey="key"
              columns={columns}
              dataSource={groups}
              pagination={false}
              scroll={{ x: 'max-content', y: 720 }}
              locale={{ emptyText: t('none') }}
              summary={() => (d ? (
                <Table.Summary fixed>
                  <Table.Summary.Row data-testid="dashboard-total">
                    <Table.Summary.Cell index={0}>{t('total')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">{d.totals.batches}</Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">{formatNumber(d.totals.received)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">{formatNumber(d.totals.rejected)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">{formatRate(d.totals.conversionRate)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={5} align="right">{d.totals.wrongCodePerMille}</Table.Summary.Cell>
                    <Table.Summary.Cell index={6} align="right">{formatNumber(d.totals.doubleReported)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={7} align="right">{formatRate(d.totals.timeliness.onTimeRate)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={8} align="right">{d.totals.timeliness.overdue}</Table.Summary.Cell>
                    <Table.Summary.Cell index={9} align="right">{d.totals.timeliness.neverSeen}</Table.Summary.Cell>
                  </Table.Summary.Row>
                </Table.Summary>
              ) : null)}
            />
          </Card>
        </Col>
      </Row>
      <TimelinessTable from={from} to={to} />
    </>
  );
}

/** Why a pull failed, as the pull recorded it: its words when bilingual, else as it came. */
function errorWords(e: unknown, b: (x: { zh: string; en: string }) => string): string {
  if (e && typeof e === 'object' && 'zh' in e && 'en' in e) return b(e as { zh: string; en: string });
  return e === null || e === undefined ? '' : typeof e === 'string' ? e : JSON.stringify(e);
}

/** Who is late now: one row per catalogue entry, overdue first, paged and filtered on the server. */
function TimelinessTable({ from, to }: { from: string; to: string }) {
  const t = useT(messages);
  const b = useBilingual();
  const [status, setStatus] = useState<Status>('all');
  const [counts, setCounts] = useState<TimelinessAnswer['counts'] | undefined>();
  const statusTag = (e: Entry) => {
    const text = b(e.lateText);
    if (e.status === 'overdue') return <Tag color="red" data-testid="timeliness-overdue">{text}</Tag>;
    if (e.status === 'never_seen') return <Tag color="orange" data-testid="timeliness-never">{text}</Tag>;
    return <Tag color="green">{text}</Tag>;
  };
  const columns: ColumnsType<Entry> = [
    { key: 'status', title: t('howLate'), render: (_, e) => statusTag(e), width: 190 },
    { key: 'agency', title: t('tlAgency'), render: (_, e) => b(e.agencyName) },
    { key: 'dataset', title: t('tlDataset'), render: (_, e) => b(e.datasetName) },
    { key: 'region', title: t('tlRegion'), render: (_, e) => b(e.regionName) },
    { key: 'frequency', title: t('frequency'), render: (_, e) => b(e.frequencyName) },
    {
      key: 'last', title: t('lastArrival'),
      render: (_, e) => (e.lastArrival
        ? <Space size={4}>{formatTime(e.lastArrival)}{e.lastArrivalKind === 'pull' ? <Tag>{t('byPull')}</Tag> : null}</Space>
        : <Typography.Text type="secondary">{e.expectedSince ? t('since', { t: formatTime(e.expectedSince) }) : t('dash')}</Typography.Text>),
    },
    { key: 'due', title: t('due'), render: (_, e) => (e.due ? formatTime(e.due) : t('dash')) },
    {
      key: 'rate', title: t('rate'), align: 'right',
      render: (_, e) => `${formatRate(e.periods.onTimeRate)} (${e.periods.onTime}/${e.periods.late}/${e.periods.missing})`,
    },
    {
      key: 'pull', title: '',
      render: (_, e) => (e.pull && e.pull.failures > 0 ? (
        <Tooltip title={[e.pull.failingSince ? t('failingSince', { t: formatTime(e.pull.failingSince) }) : '', errorWords(e.pull.lastError, b)].join(' · ')}>
          <Tag color="volcano" data-testid="timeliness-pull-failing">{t('pullFailing', { n: e.pull.failures })}</Tag>
        </Tooltip>
      ) : null),
    },
  ];
  const option = (v: Status) => {
    const n = counts ? { all: counts.all, overdue: counts.overdue, never_seen: counts.neverSeen, on_time: counts.onTime }[v] : undefined;
    return { value: v, label: <span data-testid={`timeliness-status-${v}`}>{t(v)}{n === undefined ? '' : ` (${formatNumber(n)})`}</span> };
  };
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('tlTitle')} data-testid="timeliness-card">
      <Typography.Paragraph type="secondary">{t('tlSub')}</Typography.Paragraph>
      <Segmented<Status>
        style={{ marginBottom: 12 }} value={status} onChange={setStatus} options={(['all', 'overdue', 'never_seen', 'on_time'] as const).map(option)}
      />
      <ServerTable<Entry>
        testId="timeliness-table"
        columns={columns}
        rowKey={(e) => `${e.agency}/${e.dataset}/${e.channel}`}
        rowClassName={(e) => (e.status === 'overdue' ? 'timeliness-overdue-row' : '')}
        deps={[status, from, to]}
        pageSize={20}
        fetchPage={async ({ limit, offset }) => {
          const query = { limit, offset, from, to, ...(status === 'all' ? {} : { status }) };
          const a = await unwrap(api.GET('/api/quality/timeliness', { params: { query } }));
          setCounts(a.counts);
          return { total: a.total, items: a.rows };
        }}
      />
    </Card>
  );
}
