// Sending outside: deliveries to subscribers and lineage events. A subscriber or server that is
// down may come back, so these are transient: Temporal retries them.
import type { CodeFamily } from '../text.ts';

const lineageNext = {
  zh: '检查血缘服务（CDF_OPENLINEAGE_URL 或 CDF_OPENLINEAGE_FILE）；恢复后自动重试',
  en: 'check the lineage server (CDF_OPENLINEAGE_URL or CDF_OPENLINEAGE_FILE); it is retried by itself',
};

export const DELIVERY_CODES = {
  CDF_DELIVERY_FAILED: {
    kind: 'transient',
    title: { zh: '投递失败，将重试', en: 'delivery failed, to be retried' },
    next: { zh: '检查订阅方的服务是否可用；恢复后按序自动补发', en: 'check the subscriber\'s service is up; it catches up in order by itself' },
  },
  CDF_DELIVERY_ORDER: {
    kind: 'transient',
    title: { zh: '等待更早的批次送达', en: 'waiting for an earlier batch' },
    next: { zh: '无需操作：更早的批次送达后本批次随后分发', en: 'nothing to do: this batch follows once the earlier one is delivered' },
  },
  CDF_OPENLINEAGE_UNREACHABLE: {
    kind: 'transient',
    title: { zh: '无法连接血缘服务', en: 'lineage server unreachable' },
    next: lineageNext,
  },
  CDF_OPENLINEAGE_REFUSED: {
    kind: 'transient',
    title: { zh: '血缘服务拒收事件', en: 'lineage server refused the events' },
    next: lineageNext,
  },
  CDF_OPENLINEAGE_FILE: {
    kind: 'transient',
    title: { zh: '无法写入血缘事件文件', en: 'lineage event file not writable' },
    next: lineageNext,
  },
  // Not raised by the factory: the benchmark's name for a batch whose run failed (bench/run/uploads.ts).
  CDF_BENCH_BATCH_FAILED: {
    kind: 'bug',
    title: { zh: '基准测试中批次失败', en: 'batch failed in a benchmark' },
    next: { zh: '查看 worker 日志中该批次的错误', en: 'read the batch\'s error in the worker log' },
  },
} as const satisfies CodeFamily;
