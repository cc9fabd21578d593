// A golden record's lineage (route /auditor/records/:id): who it is about and its status, its
// versions over time, the graph from source rows to deliveries, an as-of moment (Beijing time) at
// which roles are shown as they were then, a per-field trace back to its source row, and merges
// both ways, and the joint measures its deliveries opened with the departments' feedback. The id
// stays a string from the address to the API: it is never parsed as a number.
import { Alert, Button, Card, DatePicker, Descriptions, Flex, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual, useLang, useT } from '../../i18n/index.tsx';
import { CasesCard } from './CasesCard.tsx';
import { EvidenceDrawer } from './EvidenceDrawer.tsx';
import type { GraphNode } from './graph-types.ts';
import { LineageChart } from './LineageChart.tsx';

const messages = {
  zh: {
    title: '标准记录 #{id}', subject: '主体', status: '状态', version: '当前版本', dataset: '数据集', asOf: '时点（北京时间）', now: '现在',
    asOfShown: '显示的是 {t} 时的样子', versions: '版本', graph: '血缘图', trace: '追溯字段', tracePick: '选择一个字段，高亮它的来路',
    traceValue: '该字段的值：{v}', mergedInto: '本记录已于 {t} 合并到', mergedFrom: '于 {t} 合并进本记录：', record: '标准记录 #{id}',
    decidedBy: '决定人 {who}', nodes: '节点（点击查看证据）', changed: '变更：{f}', first: '首个版本', back: '返回查询', listSep: '、',
  },
  en: {
    title: 'Golden record #{id}', subject: 'Subject', status: 'Status', version: 'Current version', dataset: 'Dataset', asOf: 'As of (Beijing time)',
    now: 'Now', asOfShown: 'Shown as it stood at {t}', versions: 'Versions', graph: 'Lineage graph', trace: 'Trace a field',
    tracePick: 'Pick a field to highlight its path', traceValue: 'Its value: {v}', mergedInto: 'Merged at {t} into',
    mergedFrom: 'Merged into this record at {t}:',
    record: 'golden record #{id}', decidedBy: 'decided by {who}', nodes: 'Nodes (click for the evidence)', changed: 'changed: {f}', first: 'first version',
    back: 'Back to search', listSep: ', ',
  },
};

/** A picked moment, read as Beijing time whatever the browser's zone. */
const beijing = (d: Dayjs): string => `${d.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;

export default function RecordPage() {
  const t = useT(messages);
  const b = useBilingual();
  const { lang } = useLang();
  const labels = useLabels();
  const id = useParams().id ?? '';
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? undefined;
  const field = params.get('field') ?? undefined;
  const [picked, setPicked] = useState<GraphNode | undefined>();
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    setParams(next);
  };
  const loaded = useLoad(
    () => unwrap(api.GET('/api/lineage/records/{id}/graph', {
      params: { path: { id }, query: { ...(asOf ? { asOf } : {}), ...(field ? { field } : {}) } },
    })),
    [id, asOf, field],
  );
  const g = loaded.data;
  const dataset = g?.record.dataset ?? '';
  const fieldOptions = Object.entries(labels.tables.fields[dataset] ?? {}).map(([code, name]) => ({ value: code, label: name[lang] }));
  const versions = g?.nodes.filter((n) => n.column === 'version') ?? [];
  const traced = new Set(g?.trace?.nodes ?? []);
  return (
    <>
      <PageHeader
        title={t('title', { id })}
        sub={g ? labels.label('datasets', dataset) : undefined}
        extra={<Link to="/auditor/search">{t('back')}</Link>}
      />
      <ErrorAlert error={loaded.error} />
      {g ? (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions bordered size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('subject')}><Typography.Text code>{g.record.subjectUscc ?? '—'}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('status')}>
              <Tag data-testid="record-status" color={g.record.status === 'active' ? 'green' : 'orange'}>{b(g.record.statusName)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('version')}>v{g.record.version}</Descriptions.Item>
          </Descriptions>
          {g.mergedInto ? (
            <Alert type="warning" showIcon data-testid="merged-into" message={<>
              {t('mergedInto', { t: formatTime(g.mergedInto.at) })}{' '}
              <Link to={`/auditor/records/${g.mergedInto.goldenId}`}>{t('record', { id: g.mergedInto.goldenId })}</Link>
              {g.mergedInto.decidedBy ? ` · ${t('decidedBy', { who: g.mergedInto.decidedBy })}` : ''}
            </>} />
          ) : null}
          {g.mergedFrom.map((m) => (
            <Alert key={m.taskId} type="info" showIcon data-testid="merged-from" message={<>
              {t('mergedFrom', { t: formatTime(m.at) })}{' '}
              <Link to={`/auditor/records/${m.goldenId}`}>{t('record', { id: m.goldenId })}</Link>
              {m.decidedBy ? ` · ${t('decidedBy', { who: m.decidedBy })}` : ''}
            </>} />
          ))}
          <Flex gap={16} wrap align="center">
            <span>{t('asOf')}</span>
            <DatePicker
              data-testid="as-of"
              showTime
              format="YYYY-MM-DD HH:mm:ss"
              value={asOf ? dayjs(asOf) : null}
              onChange={(d) => set({ asOf: d ? beijing(d) : undefined })}
            />
            <Button onClick={() => set({ asOf: undefined })} data-testid="as-of-now">{t('now')}</Button>
            {g.asOf ? <Tag color="purple" data-testid="as-of-shown">{t('asOfShown', { t: formatTime(g.asOf) })}</Tag> : null}
            <span>{t('trace')}</span>
            <Select
              data-testid="trace-field"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 260 }}
              placeholder={t('tracePick')}
              value={field}
              options={fieldOptions}
              onChange={(v?: string) => set({ field: v })}
            />
            {g.trace ? <Typography.Text data-testid="trace-value">{t('traceValue', { v: g.trace.value ?? '—' })}</Typography.Text> : null}
          </Flex>
          <Flex gap={16} align="flex-start" wrap>
            <Card size="small" title={t('versions')} style={{ width: 280 }}>
              <Timeline items={versions.map((v) => ({
                key: v.id,
                children: (
                  <>
                    <Typography.Link onClick={() => setPicked(v)}>{b(v.title)}</Typography.Link>
                    <div><Typography.Text type="secondary">{formatTime(v.at)}</Typography.Text></div>
                    <div>
                      <Typography.Text type="secondary">
                        {v.fields.length ? t('changed', { f: v.fields.map((f) => labels.field(dataset, f)).join(t('listSep')) }) : t('first')}
                      </Typography.Text>
                    </div>
                  </>
                ),
              }))} />
            </Card>
            <Card size="small" title={t('graph')} style={{ flex: 1, minWidth: 480 }}>
              <LineageChart graph={g} lang={lang} onPick={setPicked} />
            </Card>
          </Flex>
          <Card size="small" title={t('nodes')}>
            <Flex gap={24} wrap data-testid="lineage-nodes">
              {g.columns.map((c) => (
                <Space key={c.id} direction="vertical" size={4}>
                  <Typography.Text strong>{b(c.name)}</Typography.Text>
                  {g.nodes.filter((n) => n.column === c.id).map((n) => (
                    <Button
                      key={n.id}
                      size="small"
                      data-testid={`node-${n.id}`}
                      data-traced={traced.has(n.id) ? 'yes' : 'no'}
                      type={traced.has(n.id) ? 'primary' : 'default'}
                      onClick={() => setPicked(n)}
                    >
                      {b(n.title)}{n.codeName ? ` · ${b(n.codeName)}` : ''}
                    </Button>
                  ))}
                </Space>
              ))}
            </Flex>
          </Card>
          <CasesCard id={id} asOf={asOf} />
          <EvidenceDrawer node={picked} graph={g} onClose={() => setPicked(undefined)} />
        </Space>
      ) : null}
    </>
  );
}
