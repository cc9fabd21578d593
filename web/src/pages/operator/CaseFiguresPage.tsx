// 联合奖惩反馈统计 / Measure feedback figures: per department, measure and list, how many pushes
// opened a case, how many the department answered, how many are overdue or disputed, the share
// answered, and the median and mean time to feedback. One small table: the server groups it.
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatNumber, formatRate } from '../../components/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useBilingual, useT } from '../../i18n/index.tsx';

type Figure = paths['/api/cases/figures']['get']['responses'][200]['content']['application/json']['figures'][number];

const messages = {
  zh: {
    title: '联合奖惩反馈统计', sub: '按部门、措施和名单：推送后开立的案件、已反馈、逾期、异议、反馈率和反馈用时', department: '部门', measure: '措施',
    list: '名单', opened: '推送（开案）', closed: '已反馈', overdue: '逾期', disputed: '异议待裁定', open: '待反馈', late: '超期反馈', rate: '反馈率',
    median: '用时中位数（小时）', mean: '平均用时（小时）', none: '—',
  },
  en: {
    title: 'Measure feedback figures', sub: 'Per department, measure and list: cases opened by pushes, answered, overdue, disputed, the share answered and the '
      + 'time to feedback', department: 'Department', measure: 'Measure', list: 'List', opened: 'Opened', closed: 'Answered', overdue: 'Overdue',
    disputed: 'Disputed', open: 'Awaiting', late: 'Answered late', rate: 'Closure rate', median: 'Median hours', mean: 'Mean hours', none: '—',
  },
};

export default function CaseFiguresPage() {
  const t = useT(messages);
  const b = useBilingual();
  const labels = useLabels();
  const loaded = useLoad(async () => (await unwrap(api.GET('/api/cases/figures', {}))).figures, []);
  const hours = (h: number | null) => (h === null ? t('none') : formatNumber(h));
  const num = (n: number) => formatNumber(n);
  const columns: ColumnsType<Figure> = [
    { key: 'department', title: t('department'), render: (_, f) => b(f.departmentName) || <Typography.Text code>{f.department}</Typography.Text> },
    { key: 'measure', title: t('measure'), render: (_, f) => b(f.measureName) || f.measure },
    { key: 'list', title: t('list'), dataIndex: 'dataset', render: (v: string) => labels.label('datasets', v) },
    { key: 'opened', title: t('opened'), dataIndex: 'opened', align: 'right', render: num },
    { key: 'closed', title: t('closed'), dataIndex: 'closed', align: 'right', render: num },
    { key: 'open', title: t('open'), dataIndex: 'open', align: 'right', render: num },
    { key: 'overdue', title: t('overdue'), dataIndex: 'overdue', align: 'right', render: num },
    { key: 'disputed', title: t('disputed'), dataIndex: 'disputed', align: 'right', render: num },
    { key: 'late', title: t('late'), dataIndex: 'late', align: 'right', render: num },
    { key: 'rate', title: t('rate'), dataIndex: 'closureRate', align: 'right', render: (r: number) => formatRate(r) },
    { key: 'median', title: t('median'), dataIndex: 'medianHours', align: 'right', render: hours },
    { key: 'mean', title: t('mean'), dataIndex: 'meanHours', align: 'right', render: hours },
  ];
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      {loaded.error ? <ErrorAlert error={loaded.error} /> : null}
      <Table<Figure>
        data-testid="case-figures" size="small" columns={columns} dataSource={loaded.data ?? []} loading={loaded.loading} pagination={false}
        rowKey={(f) => `${f.department}:${f.measure}:${f.dataset}`}
      />
    </>
  );
}
