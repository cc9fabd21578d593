// 目录 / Catalogue: the regions (city → district → street), their agencies and the entries in
// force there as a tree, entries inherited from a level above marked; a version selector; the
// selected node's details beside it. The second tab compares two versions (CatalogDiff.tsx).
import { Card, Col, Descriptions, Empty, Row, Select, Space, Tabs, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual, useLang, useT } from '../../i18n/index.tsx';
import { CatalogDiff } from './CatalogDiff.tsx';
import { fieldName, valueText } from './catalog-words.ts';

type TreeAnswer = paths['/api/catalog/tree']['get']['responses'][200]['content']['application/json'];
type Node = TreeAnswer['nodes'][number];
export type Versions = paths['/api/catalog/versions']['get']['responses'][200]['content']['application/json']['versions'];

const messages = {
  zh: {
    title: '目录', sub: '区划 → 数源单位 → 目录条目；标“继承”的条目来自上级区划', tree: '目录树', diff: '版本对比', version: '版本',
    versionOf: '第 {v} 版 · {who} · {when}', details: '详情', pick: '在左侧选择一个节点', inherited: '继承自 {from}', inheritedTag: '继承',
    region: '区划', agency: '数源单位', entry: '目录条目', kind: '节点类型', authoritative: '权威', entries: '{n} 个条目',
  },
  en: {
    title: 'Catalogue', sub: 'Regions → agencies → entries; entries marked "inherited" come from a level above', tree: 'Tree', diff: 'Compare versions',
    version: 'Version', versionOf: 'version {v} · {who} · {when}', details: 'Details', pick: 'Pick a node on the left', inherited: 'inherited from {from}',
    inheritedTag: 'inherited', region: 'Region', agency: 'Agency', entry: 'Entry', kind: 'Node', authoritative: 'authoritative', entries: '{n} entries',
  },
};

export default function CatalogPage() {
  const t = useT(messages);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'diff' ? 'diff' : 'tree';
  const versions = useLoad(() => unwrap(api.GET('/api/catalog/versions')).then((a) => a.versions), []);
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      {versions.error ? <ErrorAlert error={versions.error} /> : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'diff' ? { tab: 'diff' } : {})}
        items={[
          { key: 'tree', label: t('tree'), children: <CatalogTree versions={versions.data ?? []} /> },
          { key: 'diff', label: t('diff'), children: <CatalogDiff versions={versions.data ?? []} /> },
        ]}
      />
    </>
  );
}

export function VersionSelect(props: { versions: Versions; value: number | undefined; onChange(v: number): void; testId: string }) {
  const t = useT(messages);
  return (
    <Select<number>
      data-testid={props.testId}
      style={{ minWidth: 320 }}
      value={props.value}
      onChange={props.onChange}
      options={[...props.versions].reverse().map((v) => ({
        value: v.id, label: t('versionOf', { v: v.id, who: v.importedBy, when: formatTime(v.importedAt) }),
      }))}
    />
  );
}

function CatalogTree({ versions }: { versions: Versions }) {
  const t = useT(messages);
  const b = useBilingual();
  const { lang } = useLang();
  const labels = useLabels();
  const [version, setVersion] = useState<number | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const tree = useLoad(() => unwrap(api.GET('/api/catalog/tree', { params: { query: version ? { version } : {} } })), [version]);
  const nodes = useMemo(() => tree.data?.nodes ?? [], [tree.data]);
  const names = useMemo(() => {
    const of = (kind: Node['kind']) => new Map(nodes.filter((n) => n.kind === kind).map((n) => [n.code, b(n.name)]));
    const regions = of('region');
    const agencies = of('agency');
    return { region: (code: string) => regions.get(code) ?? code, agency: (code: string) => agencies.get(code) ?? code };
  }, [nodes, b]);
  const title = (n: Node) => {
    const inherited = n.inherited ? <Tag color="gold" data-testid="inherited-tag">{t('inheritedTag')}</Tag> : null;
    if (n.kind === 'region') return <span>{b(n.name)} <Tag>{valueText(lang, n.level, labels.label)}</Tag></span>;
    if (n.kind === 'agency') return <span>{b(n.name)} {inherited}</span>;
    const e = n.entry as Record<string, unknown>;
    return (
      <span>
        {labels.label('datasets', String(e.dataset))} · {labels.label('channels', String(e.channel))} <Tag>{valueText(lang, e.frequency, labels.label)}</Tag>
        {e.authoritative ? <Tag color="blue">{t('authoritative')}</Tag> : null}{inherited}
      </span>
    );
  };
  const treeData = useMemo(() => {
    const children = new Map<string | null, Node[]>();
    for (const n of nodes) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
    const build = (parent: string | null): TreeDataNode[] => (children.get(parent) ?? []).map((n) => ({
      key: n.key, title: title(n), isLeaf: !children.has(n.key), children: build(n.key),
    }));
    return build(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nodes, lang, labels]);
  const node = nodes.find((n) => n.key === selected);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Text>{t('version')}</Typography.Text>
        <VersionSelect
          testId="tree-version" versions={versions} value={version ?? tree.data?.version}
          onChange={(v) => { setVersion(v); setSelected(undefined); }}
        />
      </Space>
      {tree.error ? <ErrorAlert error={tree.error} /> : null}
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Card size="small" loading={tree.loading && !tree.data}>
            <Tree
              data-testid="catalog-tree"
              showLine
              defaultExpandedKeys={nodes.filter((n) => n.parent === null).map((n) => n.key)}
              treeData={treeData}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected(keys[0] === undefined ? undefined : String(keys[0]))}
              height={640}
            />
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card size="small" title={t('details')} data-testid="node-details">
            {node ? <NodeDetails node={node} names={names} count={nodes.filter((n) => n.parent === node.key).length} />
              : <Empty description={t('pick')} />}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

interface Names { region(code: string): string; agency(code: string): string }

function NodeDetails({ node, names, count }: { node: Node; names: Names; count: number }) {
  const t = useT(messages);
  const b = useBilingual();
  const { lang } = useLang();
  const labels = useLabels();
  const fields: Array<[string, string]> = [[t('kind'), t(node.kind)], [fieldName(lang, 'name'), b(node.name)], [fieldName(lang, 'code'), node.code]];
  if (node.kind === 'region') fields.push([fieldName(lang, 'level'), valueText(lang, node.level, labels.label)]);
  if (node.agency) {
    fields.push([fieldName(lang, 'uscc'), node.agency.uscc ?? ''], [fieldName(lang, 'region'), names.region(node.agency.region ?? '')]);
    fields.push([t('entry'), t('entries', { n: count })]);
  }
  if (node.entry) {
    const e = node.entry as Record<string, unknown>;
    fields.splice(1, 2);
    for (const [k, v] of Object.entries(e)) {
      const shown = k === 'region' ? names.region(String(v)) : k === 'agency' ? names.agency(String(v)) : valueText(lang, v, labels.label);
      fields.push([fieldName(lang, k), shown]);
    }
  }
  if (node.inherited && node.inheritedFrom) fields.push(['', t('inherited', { from: names.region(node.inheritedFrom) })]);
  return (
    <Descriptions size="small" column={1} bordered>
      {fields.map(([k, v], i) => <Descriptions.Item key={i} label={k || ' '}>{k ? v : <Tag color="gold">{v}</Tag>}</Descriptions.Item>)}
    </Descriptions>
  );
}
