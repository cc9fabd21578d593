// Pulls from agencies' own systems (activities/pull.ts, services/pulls.ts): what the operator
// reads when a scheduled pull cannot run. A source that is down is the connectors' code (retried,
// then shown as failing); these are the pull's own.
import type { CodeFamily } from '../text.ts';

export const PULL_CODES = {
  CDF_PULL_NOT_CONFIGURED: {
    kind: 'not_found',
    title: { zh: '目录中没有该抽取', en: 'no such pull in the catalogue' },
    next: {
      zh: '在目录中为该单位的数据集条目配置 pull（连接器与配置），导入目录后再运行；或检查单位、数据集与渠道是否写对',
      en: 'give the agency\'s catalogue entry for the dataset a pull (connector and configuration) and import the catalogue; ' +
        'or check the agency, dataset and channel',
    },
  },
  // A pull that failed for a reason that is not ours to name (the run's own failure text is kept).
  CDF_PULL_FAILED: {
    kind: 'transient',
    title: { zh: '抽取失败', en: 'pull failed' },
    next: {
      zh: '查看失败原因；数据源恢复后下一次计划会自动重试，也可在“数据抽取”中立即运行',
      en: 'read why it failed; the next scheduled run retries once the source is back, or run it now from Pulls',
    },
  },
  CDF_PULL_COLUMN_MISSING: {
    kind: 'data',
    title: { zh: '抽取的数据缺少映射的列', en: 'a mapped column is missing from the pulled data' },
    next: {
      zh: '检查目录中该抽取的 columns 映射是否与源表或接口返回的列名一致',
      en: 'check that the pull\'s columns map in the catalogue names the columns the source table or API returns',
    },
  },
} as const satisfies CodeFamily;
