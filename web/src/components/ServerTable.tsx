// A table whose pages, sort and filters are the server's: only one page is ever in the browser,
// whatever the list's length. Long pages render virtualised.
import { Table, Typography } from 'antd';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { FilterValue, SorterResult } from 'antd/es/table/interface';
import { useEffect, useState } from 'react';
import type { DependencyList, Key } from 'react';
import { useT } from '../i18n/index.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { formatNumber } from './format.ts';
import { useLoad } from './useLoad.ts';

export interface PageQuery {
  limit: number;
  offset: number;
  sort?: string;
  order?: 'asc' | 'desc';
  /** The column filters antd collected, by column key. */
  filters: Record<string, Key[]>;
}
export interface Page<T> { total: number; items: T[]; totalIsEstimate?: boolean }

export interface ServerTableProps<T> {
  columns: ColumnsType<T>;
  fetchPage(q: PageQuery): Promise<Page<T>>;
  rowKey: keyof T & string | ((row: T) => string);
  /** Inputs outside the table (a search box, a filter bar): a change goes back to page 1. */
  deps?: DependencyList;
  pageSize?: number;
  onRow?: TableProps<T>['onRow'];
  rowClassName?: TableProps<T>['rowClassName'];
  expandable?: TableProps<T>['expandable'];
  /** Told each page's rows, e.g. to move a keyboard selection over them. */
  onLoaded?(items: T[]): void;
  testId?: string;
}

const messages = {
  zh: { total: '共 {n} 条', about: '约 {n} 条' },
  en: { total: '{n} in all', about: 'about {n} in all' },
};

export function ServerTable<T extends object>(props: ServerTableProps<T>) {
  const t = useT(messages);
  const [page, setPage] = useState({ current: 1, pageSize: props.pageSize ?? 20 });
  const [sort, setSort] = useState<{ sort?: string; order?: 'asc' | 'desc' }>({});
  const [filters, setFilters] = useState<Record<string, Key[]>>({});
  const outer = props.deps ?? [];
  // Back to page 1 when an outside input changes (not on mount: that would ask for page 1 twice).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setPage((p) => (p.current === 1 ? p : { ...p, current: 1 })), outer);
  const loaded = useLoad(
    () => props.fetchPage({ limit: page.pageSize, offset: (page.current - 1) * page.pageSize, ...sort, filters }),
    [page, sort, filters, ...outer],
  );
  const { onLoaded } = props;
  useEffect(() => { if (loaded.data) onLoaded?.(loaded.data.items); }, [loaded.data, onLoaded]);

  const onChange = (p: TablePaginationConfig, f: Record<string, FilterValue | null>, s: SorterResult<T> | SorterResult<T>[]) => {
    const one = Array.isArray(s) ? s[0] : s;
    const field = one?.columnKey ?? one?.field;
    setSort(one?.order && field ? { sort: String(field), order: one.order === 'ascend' ? 'asc' : 'desc' } : {});
    setFilters(Object.fromEntries(Object.entries(f).filter(([, v]) => v && v.length).map(([k, v]) => [k, v as Key[]])));
    setPage({ current: p.current ?? 1, pageSize: p.pageSize ?? page.pageSize });
  };
  const data = loaded.data;
  return (
    <>
      {loaded.error ? <ErrorAlert error={loaded.error} /> : null}
      <Table<T>
        data-testid={props.testId}
        size="small"
        columns={props.columns}
        dataSource={data?.items ?? []}
        rowKey={props.rowKey}
        loading={loaded.loading}
        onChange={onChange}
        {...(props.onRow ? { onRow: props.onRow } : {})}
        {...(props.rowClassName ? { rowClassName: props.rowClassName } : {})}
        {...(props.expandable ? { expandable: props.expandable } : {})}
        {...(page.pageSize > 50 ? { virtual: true, scroll: { y: 640, x: 'max-content' } } : { scroll: { x: 'max-content' } })}
        pagination={{
          current: page.current, pageSize: page.pageSize, total: data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => <Typography.Text type="secondary">{t(data?.totalIsEstimate ? 'about' : 'total', { n: formatNumber(n) })}</Typography.Text>,
        }}
      />
    </>
  );
}
