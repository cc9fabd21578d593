// A lineage node's evidence in plain words: the raw row as received (each cell under its header and
// the field it was read into), the clean rules' before and after, how the subject was linked, who
// decided what and when, a version's fields, a delivery's outcome. Codes are shown by their names.
import { Descriptions, Drawer, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useBilingual, useT } from '../../i18n/index.tsx';
import type { Graph, GraphNode } from './graph-types.ts';
import { useDeliveryName } from './lineage-labels.ts';

const messages = {
  zh: {
    file: '文件', row: '行号', agency: '提供单位', channel: '通道', received: '接收时间', role: '角色', sha: '文件 SHA-256', catalog: '目录版本',
    movedTo: '该行现属于', column: '表头', field: '字段', value: '原始值', before: '清洗前', after: '清洗后', rule: '规则', method: '关联方式',
    confidence: '置信度', subject: '关联到的主体', kind: '事项', action: '处理方式', decidedBy: '决定人', decidedAt: '决定时间', note: '理由',
    values: '录入的值', status: '状态', validFrom: '生效时间', source: '来源行', subscription: '订阅', outcome: '结果', records: '记录数',
    location: '位置', attempts: '尝试次数', error: '最后的错误', record: '标准记录 #{id}', unmapped: '（未读入）', open: '待处理', pair: '{k}：{v}', sep: '；',
  },
  en: {
    file: 'File', row: 'Row', agency: 'Agency', channel: 'Channel', received: 'Received', role: 'Role', sha: 'File SHA-256', catalog: 'Catalogue version',
    movedTo: 'The row now belongs to', column: 'Header', field: 'Field', value: 'As received', before: 'Before', after: 'After', rule: 'Rule',
    method: 'Linked by', confidence: 'Confidence', subject: 'Subject linked', kind: 'Item', action: 'Action', decidedBy: 'Decided by',
    decidedAt: 'Decided at', note: 'Why', values: 'Values entered', status: 'Status', validFrom: 'Valid from', source: 'Source row',
    subscription: 'Subscription', outcome: 'Outcome', records: 'Records', location: 'Location', attempts: 'Attempts', error: 'Last error',
    record: 'golden record #{id}', unmapped: '(not read)', open: 'open', pair: '{k}: {v}', sep: '; ',
  },
};

type Ev = Record<string, unknown>;
const str = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));

export function EvidenceDrawer({ node, graph, onClose }: { node: GraphNode | undefined; graph: Graph; onClose(): void }) {
  const t = useT(messages);
  const b = useBilingual();
  const labels = useLabels();
  const deliveryName = useDeliveryName();
  const dataset = graph.record.dataset;
  const fieldName = (f: unknown) => (f ? labels.field(dataset, String(f)) : t('unmapped'));
  const e = (node?.evidence ?? {}) as Ev;
  const item = (label: string, value: React.ReactNode) => <Descriptions.Item label={label}>{value}</Descriptions.Item>;
  const body = () => {
    if (!node) return null;
    switch (node.kind) {
      case 'source': {
        const cells = (e.cells as Array<{ column: string; field: string | null; value: string }>) ?? [];
        const moved = e.movedTo as { goldenId: number; role: string } | undefined;
        return (
          <>
            <Descriptions size="small" column={1} bordered>
              {item(t('file'), str(e.fileName))}
              {item(t('row'), str(e.rowNo))}
              {item(t('agency'), b(e.agencyName as { zh: string; en: string }))}
              {item(t('channel'), labels.label('channels', String(e.channel)))}
              {item(t('received'), formatTime(e.receivedAt as string))}
              {item(t('role'), <Tag>{b(node.codeName)}</Tag>)}
              {item(t('catalog'), str(e.catalogVersion))}
              {item(t('sha'), <Typography.Text code copyable>{str(e.fileSha256)}</Typography.Text>)}
              {moved ? item(t('movedTo'), <Link to={`/auditor/records/${moved.goldenId}`}>{t('record', { id: moved.goldenId })}</Link>) : null}
            </Descriptions>
            <Table
              data-testid="raw-row"
              style={{ marginTop: 16 }}
              size="small"
              pagination={false}
              rowKey={(c) => `${c.column}|${c.field ?? ''}`}
              dataSource={cells}
              columns={[
                { key: 'column', title: t('column'), dataIndex: 'column' },
                { key: 'field', title: t('field'), render: (_: unknown, c) => fieldName(c.field) },
                { key: 'value', title: t('value'), render: (_: unknown, c) => <Typography.Text>{c.value}</Typography.Text> },
              ]}
            />
          </>
        );
      }
      case 'clean':
        return (
          <Table
            size="small"
            pagination={false}
            rowKey={(c) => `${c.field}|${c.ruleId}`}
            dataSource={(e.changes as Array<{ field: string; ruleId: string; ruleVersion: number; before: string | null; after: string | null }>) ?? []}
            columns={[
              { key: 'field', title: t('field'), render: (_: unknown, c) => fieldName(c.field) },
              { key: 'rule', title: t('rule'), render: (_: unknown, c) => `${c.ruleId} v${c.ruleVersion}` },
              { key: 'before', title: t('before'), render: (_: unknown, c) => str(c.before) },
              { key: 'after', title: t('after'), render: (_: unknown, c) => str(c.after) },
            ]}
          />
        );
      case 'link':
        return (
          <Descriptions size="small" column={1} bordered>
            {item(t('method'), b(node.codeName))}
            {item(t('confidence'), e.confidence === null || e.confidence === undefined ? '—' : `${Math.round(Number(e.confidence) * 100)}%`)}
            {item(t('subject'), str(e.subjectUscc))}
          </Descriptions>
        );
      case 'decision': {
        const values = (e.values as Record<string, string> | undefined) ?? {};
        return (
          <Descriptions size="small" column={1} bordered>
            {item(t('kind'), b(e.kindName as { zh: string; en: string }))}
            {item(t('status'), b(e.statusName as { zh: string; en: string }))}
            {item(t('action'), e.action ? b(node.codeName) : t('open'))}
            {item(t('decidedBy'), str(e.decidedBy))}
            {item(t('decidedAt'), formatTime(e.decidedAt as string | null))}
            {item(t('note'), str(e.note))}
            {item(t('source'), `${str(e.batchId)} · ${t('row')} ${str(e.rowNo)}`)}
            {Object.keys(values).length ? item(t('values'), Object.entries(values).map(([k, v]) => t('pair', { k: fieldName(k), v })).join(t('sep'))) : null}
          </Descriptions>
        );
      }
      case 'version': {
        const fields = (e.fields as Record<string, string>) ?? {};
        return (
          <>
            <Descriptions size="small" column={1} bordered>
              {item(t('validFrom'), formatTime(e.validFrom as string))}
              {item(t('source'), `${str(e.batchId)} · ${t('row')} ${str(e.rowNo)}`)}
            </Descriptions>
            <Table
              style={{ marginTop: 16 }}
              size="small"
              pagination={false}
              rowKey={(r) => r.field}
              dataSource={Object.entries(fields).map(([field, value]) => ({ field, value }))}
              columns={[
                { key: 'field', title: t('field'), render: (_: unknown, r) => fieldName(r.field) },
                { key: 'value', title: t('value'), dataIndex: 'value' },
              ]}
            />
          </>
        );
      }
      case 'delivery':
        return (
          <Descriptions size="small" column={1} bordered>
            {item(t('subscription'), str(e.subscription))}
            {item(t('outcome'), deliveryName(String(e.status), labels))}
            {item(t('records'), str(e.records))}
            {item(t('received'), formatTime(e.createdAt as string))}
            {item(t('attempts'), str(e.attempts))}
            {e.lastError ? item(t('error'), str(e.lastError)) : null}
            {e.location ? item(t('location'), str(e.location)) : null}
          </Descriptions>
        );
      default:
        return null;
    }
  };
  return (
    <Drawer open={Boolean(node)} onClose={onClose} width={640} title={node ? b(node.title) : ''} data-testid="evidence-drawer">
      {body()}
    </Drawer>
  );
}
