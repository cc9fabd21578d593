// The factory's own setup: the catalogue, dataset definitions, configuration, a running factory.
import type { CodeFamily } from '../text.ts';

export const SETUP_CODES = {
  CDF_CATALOG_SYNTAX: {
    kind: 'data',
    title: { zh: '目录文件无法解析', en: 'catalogue file cannot be parsed' },
    next: { zh: '改正 YAML 语法后重新导入', en: 'correct the YAML syntax and import it again' },
  },
  CDF_CATALOG_INVALID: {
    kind: 'data',
    title: { zh: '目录文件有错误', en: 'catalogue file has errors' },
    next: { zh: '按列出的各处错误改正后重新导入', en: 'correct each problem listed and import it again' },
  },
  CDF_CATALOG_EMPTY: {
    kind: 'not_found',
    title: { zh: '尚未导入目录', en: 'no catalogue imported' },
    next: { zh: '运行 cdf catalog import FILE 导入目录', en: 'import one with cdf catalog import FILE' },
  },
  CDF_CATALOG_VERSION_UNKNOWN: {
    kind: 'not_found',
    title: { zh: '目录版本不存在', en: 'no such catalogue version' },
    next: { zh: '用 cdf catalog versions 查看已有的版本', en: 'list the versions with cdf catalog versions' },
  },
  CDF_DATASET_UNKNOWN: {
    kind: 'usage',
    title: { zh: '未知的数据集', en: 'unknown dataset' },
    next: { zh: '从目录的数据集中选择', en: 'choose one of the catalogue\'s datasets' },
  },
  CDF_CONFIG_INVALID: {
    kind: 'usage',
    title: { zh: '配置无效', en: 'invalid configuration' },
    next: { zh: '按提示改正环境变量后重新启动', en: 'correct the environment variables named and start again' },
  },
  CDF_EMBEDDED_PG_UNAVAILABLE: {
    kind: 'usage',
    title: { zh: '内嵌 PostgreSQL 无法运行', en: 'the embedded PostgreSQL cannot run' },
    next: {
      zh: '按提示改正后重新启动，或设置 DATABASE_URL 指向一个 PostgreSQL 服务器（如 postgres://用户:密码@主机:5432/cdf）',
      en: 'correct what the message names and start again, or set DATABASE_URL to a PostgreSQL server (e.g. postgres://user:password@host:5432/cdf)',
    },
  },
  CDF_NOT_RUNNING: {
    kind: 'not_found',
    title: { zh: '工厂未运行', en: 'factory not running' },
    next: {
      zh: '先运行 ./start.sh，或设置 DATABASE_URL 和 TEMPORAL_ADDRESS',
      en: 'run ./start.sh first, or set DATABASE_URL and TEMPORAL_ADDRESS',
    },
  },
  // A file received and recorded while Temporal could not be reached: it is kept, and the factory
  // starts its processing once Temporal answers again (workflows/start-stranded.ts).
  CDF_ORCHESTRATOR_UNAVAILABLE: {
    kind: 'transient',
    title: { zh: '文件已收到，处理暂未开始', en: 'file received; processing not started yet' },
    next: {
      zh: '无需重新上传：编排服务（Temporal）恢复后几分钟内自动开始处理；也可稍后再上传同一文件，立即开始',
      en: 'no need to upload again: processing starts within minutes once the orchestrator (Temporal) is back; uploading the same file later starts it at once',
    },
  },
} as const satisfies CodeFamily;
