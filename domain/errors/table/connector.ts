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
  CDF_SINK_UNAVAILABLE: {
    kind: 'transient',
    title: { zh: '投递目标暂不可用', en: 'delivery target unavailable' },
    next: {
      zh: '请订阅方检查其服务、文件夹或数据库的可用性与权限；恢复后自动补发',
      en: 'ask the subscriber to check its service, folder or database and its permissions; it catches up once they are back',
    },
  },
} as const satisfies CodeFamily;
