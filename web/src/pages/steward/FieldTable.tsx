// The item's fields side by side: A (what is held) | B (what arrived), each value with where it came
// from, the differing rows marked, and for each differing row the steward's choice (a, b, or a value
// typed in). The focused row answers the keys a, b and e (TaskPage binds them).
import { Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { InputRef } from 'antd';
import { useEffect, useRef } from 'react';
import { formatTime } from '../../components/format.ts';
import { useBilingual, useT } from '../../i18n/index.tsx';
import type { Choice, FieldPair, Source } from './types.ts';

const messages = {
  zh: {
    field: '字段', a: 'A 现有值', b: 'B 新收到', choice: '采用', differs: '不一致', pick: '未选择', takeA: '保留 A', takeB: '采用 B', entered: '录入：{v}',
    row: '第 {n} 行', empty: '（空）', enter: '输入正确的值，回车确认，Esc 取消', record: '标准记录 {id} 第 {v} 版',
  },
  en: {
    field: 'Field', a: 'A held', b: 'B incoming', choice: 'Take', differs: 'differs', pick: 'not chosen', takeA: 'keep A', takeB: 'take B',
    entered: 'entered: {v}',
    row: 'row {n}', empty: '(empty)', enter: 'Type the right value, Enter to confirm, Esc to cancel', record: 'golden record {id} version {v}',
  },
};

export interface Row extends FieldPair { key: string }

export function SourceLine({ s }: { s: Source | null | undefined }) {
  const t = useT(messages);
  const b = useBilingual();
  if (!s) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {b(s.agencyName ?? null) || s.agency} · {s.fileName} · {t('row', { n: s.rowNo })} · {formatTime(s.receivedAt)}
      {s.goldenId ? ` · ${t('record', { id: s.goldenId, v: s.version ?? '' })}` : ''}
    </Typography.Text>
  );
}

interface Props {
  rows: Row[];
  sources: { a: Source | null; b: Source | null };
  choices: Record<string, Choice>;
  focus: number;
  editing: string | null;
  errorField: string | null;
  decidable: boolean;
  onFocus(i: number): void;
  onEdit(field: string | null): void;
  onValue(field: string, value: string): void;
}

export function FieldTable(p: Props) {
  const t = useT(messages);
  const b = useBilingual();
  const input = useRef<InputRef>(null);
  useEffect(() => { if (p.editing) input.current?.focus(); }, [p.editing]);
  const value = (v: string | null) => (v === null ? '—' : v === '' ? <Typography.Text type="secondary">{t('empty')}</Typography.Text> : v);
  const choiceText = (r: Row) => {
    const c = p.choices[r.name];
    if (!c) return <Typography.Text type="warning">{t('pick')}</Typography.Text>;
    if (c.take === 'a') return <Tag color="blue">{t('takeA')}</Tag>;
    if (c.take === 'b') return <Tag color="green">{t('takeB')}</Tag>;
    return <Tag color="gold">{t('entered', { v: c.value ?? '' })}</Tag>;
  };
  const columns: ColumnsType<Row> = [
    {
      key: 'field', title: t('field'), width: 200,
      render: (_, r) => <>{b(r.label)}{r.differs ? <Tag color="orange" style={{ marginLeft: 6 }}>{t('differs')}</Tag> : null}</>,
    },
    {
      key: 'a', title: <>{t('a')}<br /><SourceLine s={p.sources.a} /></>,
      render: (_, r) => <span data-testid={`a-${r.name}`} style={r.differs ? { fontWeight: 600 } : {}}>{value(r.a)}</span>,
    },
    {
      key: 'b', title: <>{t('b')}<br /><SourceLine s={p.sources.b} /></>,
      render: (_, r) => <span data-testid={`b-${r.name}`} style={r.differs ? { fontWeight: 600 } : {}}>{value(r.b)}</span>,
    },
    ...(p.decidable ? [{
      key: 'choice', title: t('choice'), width: 260,
      render: (_: unknown, r: Row) => {
        if (p.editing === r.name) {
          return (
            <Input ref={input} size="small" placeholder={t('enter')} defaultValue={p.choices[r.name]?.value ?? r.b ?? ''} data-testid={`edit-${r.name}`}
              onPressEnter={(e) => { p.onValue(r.name, (e.target as HTMLInputElement).value); p.onEdit(null); }}
              onKeyDown={(e) => { if (e.key === 'Escape') p.onEdit(null); }} />
          );
        }
        return r.differs || p.choices[r.name] ? <span data-testid={`choice-${r.name}`}>{choiceText(r)}</span> : null;
      },
    }] : []),
  ];
  return (
    <Table<Row>
      size="small" pagination={false} columns={columns} dataSource={p.rows} rowKey="key" data-testid="field-table"
      onRow={(r, i) => ({
        onClick: () => p.onFocus(i ?? 0),
        style: {
          ...(r.differs ? { background: '#fff7e6' } : {}),
          ...(i === p.focus ? { boxShadow: 'inset 3px 0 0 #1677ff', background: '#e6f4ff' } : {}),
          ...(p.errorField === r.name ? { outline: '2px solid #ff4d4f' } : {}),
        },
        ...({ 'data-field': r.name, 'data-focused': i === p.focus ? 'true' : 'false' } as Record<string, string>),
      })}
    />
  );
}
