// 版本对比 / Compare versions: two catalogue versions side by side, per section what was added (its
// contents), removed (what it was) and changed (before and after, the changed fields highlighted).
import { Alert, Card, Descriptions, Empty, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLabels } from '../../components/labels.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import type { Versions } from './CatalogPage.tsx';
import { VersionSelect } from './CatalogPage.tsx';
import { fieldName, SECTION_NAMES, valueText } from './catalog-words.ts';
import { useCatalogNames } from './useCatalogNames.ts';

type Diff = paths['/api/catalog/diff']['get']['responses'][200]['content']['application/json'];
type SectionKey = keyof Diff['sections'];

const messages = {
  zh: {
    from: '从', to: '到', only: '目录只有一个版本，导入新版本后才能对比', same: '两个版本内容相同', added: '新增', removed: '删除', changed: '修改',
    item: '项目', change: '变化', before: '修改前', after: '修改后', pick: '选择两个版本',
  },
  en: {
    from: 'From', to: 'To', only: 'The catalogue has one version only: import another to compare', same: 'The two versions hold the same content',
    added: 'Added', removed: 'Removed', changed: 'Changed', item: 'Item', change: 'Change', before: 'Before', after: 'After', pick: 'Pick two versions',
  },
};

interface Row { key: string; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown; fields: string[] }

export function CatalogDiff({ versions }: { versions: Versions }) {
  const t = useT(messages);
  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<number | undefined>();
  useEffect(() => {
    // The newest version against the one before it, until the operator picks others.
    if (versions.length >= 2 && from === undefined && to === undefined) {
      setFrom(versions[versions.length - 2]!.id);
      setTo(versions[versions.length - 1]!.id);
    }
  }, [versions, from, to]);
  const diff = useLoad(
    () => (from && to ? unwrap(api.GET('/api/catalog/diff', { params: { query: { from, to } } })) : Promise.resolve(undefined)), [from, to],
  );
  if (versions.length === 1) return <Alert type="info" showIcon message={t('only')} data-testid="diff-only-one" />;
  const d = diff.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Typography.Text>{t('from')}</Typography.Text>
        <VersionSelect testId="diff-from" versions={versions} value={from} onChange={setFrom} />
        <Typography.Text>{t('to')}</Typography.Text>
        <VersionSelect testId="diff-to" versions={versions} value={to} onChange={setTo} />
      </Space>
      {diff.error ? <ErrorAlert error={diff.error} /> : null}
      {!d ? <Empty description={t('pick')} /> : (
        <div data-testid="diff-result">
          <Space size="large" style={{ marginBottom: 16 }}>
            <Statistic title={t('added')} value={d.counts.added} valueStyle={{ color: '#389e0d' }} />
            <Statistic title={t('removed')} value={d.counts.removed} valueStyle={{ color: '#cf1322' }} />
            <Statistic title={t('changed')} value={d.counts.changed} valueStyle={{ color: '#d48806' }} />
          </Space>
          {d.same ? <Alert type="success" showIcon message={t('same')} /> : null}
          {(Object.keys(d.sections) as SectionKey[]).map((s) => <Section key={s} section={s} changes={d.sections[s]} />)}
        </div>
      )}
    </Space>
  );
}

type Names = ReturnType<typeof useCatalogNames>;
const AGENCY_FIELDS = ['agency', 'subscriber', 'provider', 'department'];

/** A catalogue value in words, agencies and regions by their names. */
function shown(lang: 'zh' | 'en', k: string, v: unknown, names: Names, label: ReturnType<typeof useLabels>['label']): string {
  if (AGENCY_FIELDS.includes(k) && typeof v === 'string') return names.agency(v);
  if (k === 'region' && typeof v === 'string') return names.region(v);
  if (k === 'regions' && Array.isArray(v)) return v.map((r) => names.region(String(r))).join('、');
  return valueText(lang, v, label);
}

/** What an item is, in words: an entry as agency · dataset · region · channel, others by their name. */
function itemName(lang: 'zh' | 'en', item: unknown, key: string, names: Names, label: ReturnType<typeof useLabels>['label']): string {
  if (typeof item !== 'object' || item === null) return valueText(lang, item ?? key, label);
  const o = item as Record<string, unknown>;
  if (o.channel && o.agency && o.region) {
    const parts = [names.agency(String(o.agency)), label('datasets', String(o.dataset)), names.region(String(o.region)), label('channels', String(o.channel))];
    return parts.join(' · ');
  }
  if (o.name) return valueText(lang, o.name, label);
  if (o.subscriber) return `${names.agency(String(o.subscriber))} · ${label('datasets', String(o.dataset))}`;
  return key;
}

function Section({ section, changes }: { section: SectionKey; changes: Diff['sections'][SectionKey] }) {
  const t = useT(messages);
  const { lang } = useLang();
  const labels = useLabels();
  const names = useCatalogNames();
  const rows: Row[] = [
    ...changes.added.map((a): Row => ({ key: a.key, kind: 'added', after: a.after, fields: [] })),
    ...changes.removed.map((r): Row => ({ key: r.key, kind: 'removed', before: r.before, fields: [] })),
    ...changes.changed.map((c): Row => ({ key: c.key, kind: 'changed', before: c.before, after: c.after, fields: c.fields.map((f) => f.field) })),
  ];
  if (!rows.length) return null;
  const color = { added: 'green', removed: 'red', changed: 'orange' } as const;
  return (
    <Card size="small" title={SECTION_NAMES[section]?.[lang] ?? section} style={{ marginBottom: 12 }} data-testid={`diff-section-${section}`}>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey={(r) => `${r.kind}:${r.key}`}
        dataSource={rows}
        columns={[
          { key: 'kind', title: t('change'), width: 90, render: (_, r) => <Tag color={color[r.kind]}>{t(r.kind)}</Tag> },
          {
            key: 'key', title: t('item'), width: 260,
            render: (_, r) => <span data-testid="diff-item" title={r.key}>{itemName(lang, r.after ?? r.before, r.key, names, labels.label)}</span>,
          },
          { key: 'before', title: t('before'), render: (_, r) => <Item value={r.before} changed={r.fields} side="before" names={names} /> },
          { key: 'after', title: t('after'), render: (_, r) => <Item value={r.after} changed={r.fields} side="after" names={names} /> },
        ]}
      />
    </Card>
  );
}

/** One side of an item: its fields, those that changed highlighted (struck through before, marked after). */
function Item({ value, changed, side, names }: { value: unknown; changed: string[]; side: 'before' | 'after'; names: Names }) {
  const { lang } = useLang();
  const labels = useLabels();
  if (value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value !== 'object' || value === null) return <>{valueText(lang, value, labels.label)}</>;
  return (
    <Descriptions size="small" column={1}>
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => {
        const hit = changed.includes(k);
        const text = shown(lang, k, v, names, labels.label);
        return (
          <Descriptions.Item key={k} label={fieldName(lang, k)}>
            {hit ? <Typography.Text data-testid={`diff-${side}-${k}`} delete={side === 'before'} mark={side === 'after'} strong>{text}</Typography.Text> : text}
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}
