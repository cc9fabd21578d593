// A connector's check() (connectors/check.ts): whether a source or sink can work here, now. These
// codes are values of a check's result rather than thrown, shown where a subscription or source is
// checked.
import type { CodeFamily } from '../text.ts';

export const CONNECTOR_CODES = {
  CDF_SOURCE_UNREADABLE: {
    kind: 'data',
    title: { zh: '源文件无法读取', en: 'source file unreadable' },
    next: { zh: '检查文件是否存在、是否为文件以及读取权限', en: 'check the file exists, is a file and may be read' },
  },
  CDF_SINK_CONFIG: {
    kind: 'usage',
    title: { zh: '订阅的投递配置无效', en: 'invalid delivery configuration' },
    next: {
      zh: '按提示改正目录中该订阅的配置（地址、文件夹、表名）或设置所需的环境变量',
      en: 'correct the subscription\'s configuration in the catalogue (URL, folder, table) or set the environment variable it names',
    },
  },
  // The operator's configuration bounds where the catalogue may send data (a file sink's folder, a
  // webhook's host, the environment variable a secret is read from): checked at import and again
  // at each delivery (catalog/sink-policy.ts).
  CDF_SINK_NOT_ALLOWED: {
    kind: 'data',
    title: { zh: '投递目标不在允许范围内', en: 'delivery target not allowed' },
    next: {
      zh: '把该订阅改为允许的文件夹、主机或环境变量；确需放开时由运维设置 CDF_FILE_SINK_ROOTS、CDF_WEBHOOK_HOSTS 或 CDF_SECRET_ENV_ALLOW',
      en: 'point the subscription at an allowed folder, host or variable; to widen what is allowed, the operator sets '
        + 'CDF_FILE_SINK_ROOTS, CDF_WEBHOOK_HOSTS or CDF_SECRET_ENV_ALLOW',
    },
  },
  CDF_SINK_UNAVAILABLE: {
    kind: 'transient',
    title: { zh: '投递目标暂不可用', en: 'delivery target unavailable' },
    next: {
      zh: '请订阅方检查其服务、文件夹或数据库的可用性与权限；恢复后自动补发',
      en: 'ask the subscriber to check its service, folder or database and its permissions; it catches up once they are back',
    },
  },
  // A pull from an agency's own system (connectors/sql-pull, connectors/http-pull): its configuration
  // cannot work here (an environment variable unset, a saved cursor it did not write), the system
  // refused what was asked (credentials, a missing table, a 4xx), or it did not answer after retries.
  CDF_PULL_CONFIG: {
    kind: 'usage',
    title: { zh: '数据抽取配置无法使用', en: 'pull configuration unusable' },
    next: {
      zh: '按提示改正目录中该目录项的抽取配置，或设置它指名的环境变量',
      en: 'correct the entry\'s pull configuration in the catalogue, or set the environment variable it names',
    },
  },
  CDF_PULL_REFUSED: {
    kind: 'usage',
    title: { zh: '数源系统拒绝了抽取请求', en: 'source system refused the pull' },
    next: {
      zh: '核对凭据（口令、令牌或签名密钥）、表名、字段和接口地址，必要时请数源单位确认其系统的变更',
      en: 'check the credentials (password, token or signing key), table, columns and API address; ask the agency whether its system changed',
    },
  },
  CDF_PULL_UNAVAILABLE: {
    kind: 'transient',
    title: { zh: '数源系统暂不可用', en: 'source system unavailable' },
    next: {
      zh: '请数源单位检查其数据库或接口是否在运行、网络是否可达；恢复后下一次抽取从上次的位置继续',
      en: 'ask the agency to check its database or API is running and reachable; the next pull continues from where the last one stopped',
    },
  },
  // A workbook refused while it is read (connectors/xlsx/limits.ts): a zip bomb, or one too big to
  // read within the memory and time a worker has. The file is the sender's to change: never retried.
  CDF_XLSX_TOO_LARGE: {
    kind: 'data',
    title: { zh: 'Excel 工作簿解压后过大', en: 'Excel workbook too large once unzipped' },
    next: {
      zh: '在 Excel 或 WPS 中打开，“另存为”CSV UTF-8（逗号分隔），或把数据拆成几个较小的工作簿后重新上传',
      en: 'open it in Excel or WPS and "Save as" CSV UTF-8 (comma-delimited), or split the data into smaller workbooks, and upload again',
    },
  },
  CDF_XLSX_SHARED_STRINGS: {
    kind: 'data',
    title: { zh: 'Excel 工作簿的共享字符串过多', en: 'too many shared strings in the Excel workbook' },
    next: {
      zh: '在 Excel 或 WPS 中打开，“另存为”CSV UTF-8（逗号分隔），或把数据拆成几个较小的工作簿后重新上传',
      en: 'open it in Excel or WPS and "Save as" CSV UTF-8 (comma-delimited), or split the data into smaller workbooks, and upload again',
    },
  },
} as const satisfies CodeFamily;
