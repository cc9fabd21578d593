// 订阅与授权 / Subscriptions & grants: the catalogue in force's subscriptions, conditional-sharing
// grants and joint punishment measures, each a table paged on the server.
import { Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, unwrap } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useLabels } from '../../components/labels.tsx';
import { useLang, useT } from '../../i18n/index.tsx';
import { fieldName, valueText } from './catalog-words.ts';
import { useCatalogNames } from './useCatalogNames.ts';

type Item = Record<string, unknown>;

const messages = {
  zh: { title: '订阅与授权', sub: '生效目录中的订阅、有条件共享授权与联合惩戒措施', subscriptions: '订阅', grants: '共享授权', measures: '联合惩戒措施', all: '全部' },
  en: {
    title: 'Subscriptions & grants', sub: 'The subscriptions, conditional-sharing grants and joint punishment measures of the catalogue in force',
    subscriptions: 'Subscriptions', grants: 'Grants', measures: 'Measures', all: 'all',
  },
};

const COLUMNS = {
  subscriptions: ['id', 'name', 'dataset', 'subscriber', 'sink', 'regions', 'public'],
  grants: ['subscriber', 'dataset', 'provider', 'purpose', 'basis', 'grantedBy', 'from', 'until'],
  measures: ['code', 'name', 'department', 'dataset', 'action', 'basis', 'dishonestyTypes'],
} as const;
type List = keyof typeof COLUMNS;

function ListTable({ list }: { list: List }) {
  const { lang } = useLang();
  const t = useT(messages);
  const labels = useLabels();
  const names = useCatalogNames();
  const columns: ColumnsType<Item> = COLUMNS[list].map((k) => ({
    key: k, title: fieldName(lang, k), dataIndex: k,
    render: (v: unknown) => {
      if (k === 'action') return <Tag color={v === 'block' ? 'red' : 'orange'}>{valueText(lang, v, labels.label)}</Tag>;
      if (k === 'provider' && !v) return t('all');
      if (k === 'subscriber' || k === 'provider' || k === 'department') return v ? names.agency(String(v)) : '—';
      if (k === 'regions' && Array.isArray(v)) return v.length ? v.map((r) => names.region(String(r))).join('、') : t('all');
      if (typeof v === 'boolean') return v ? <Tag color="blue">{valueText(lang, v, labels.label)}</Tag> : valueText(lang, v, labels.label);
      return valueText(lang, v, labels.label);
    },
  }));
  return (
    <ServerTable<Item>
      testId={`${list}-table`}
      columns={columns}
      rowKey={(r) => COLUMNS[list].map((k) => String(r[k] ?? '')).join('|')}
      fetchPage={async ({ limit, offset }) => {
        const q = { params: { query: { limit, offset } } };
        if (list === 'subscriptions') {
          const a = await unwrap(api.GET('/api/catalog/subscriptions', q));
          return { total: a.total, items: a.subscriptions as Item[] };
        }
        if (list === 'grants') {
          const a = await unwrap(api.GET('/api/catalog/grants', q));
          return { total: a.total, items: a.grants as Item[] };
        }
        const a = await unwrap(api.GET('/api/catalog/measures', q));
        return { total: a.total, items: a.measures as Item[] };
      }}
    />
  );
}

export default function SubscriptionsPage() {
  const t = useT(messages);
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      <Tabs items={(Object.keys(COLUMNS) as List[]).map((l) => ({ key: l, label: t(l), children: <ListTable list={l} /> }))} />
    </>
  );
}
