// The labels every client shows (services/labels.ts): they name kinds of data, never any data
// itself, yet like every route but health, sign-in and the public view they are for signed-in
// callers; the UI loads them once after sign-in.
import type { FastifyInstance } from 'fastify';
import { labels } from '../../services/labels.ts';
import { errors, openObject, zhEn } from '../schemas/common.ts';

const table = (zh: string, en: string) => openObject(`${zh}：代码 → { zh, en }`, `${en}: code → { zh, en }`);

const labelsSchema = {
  operationId: 'labels', tags: ['system'], summary: zhEn('界面显示的名称', 'the names a client shows'),
  description: zhEn('数据集、通道、批次状态、步骤、未下发原因、待处理事项的名称，以及每个错误代码的标题和下一步；无需身份',
    'names of datasets, channels, batch statuses, steps, withheld reasons and queue items, and each error code\'s title and next step;'
    + ' no identity needed'),
  response: {
    200: {
      type: 'object', required: ['datasets', 'fields', 'channels', 'steps', 'batchStatuses', 'withheld', 'stewardKinds', 'stewardReasons', 'errors'],
      properties: {
        datasets: table('数据集名称（来自目录的数据集定义）', 'dataset names (from the catalogue\'s definitions)'),
        fields: openObject('各数据集的字段名称：数据集 → 字段代码 → { zh, en }', 'each dataset\'s field names: dataset → field code → { zh, en }'),
        channels: table('通道名称', 'channel names'),
        steps: table('流水线步骤与状态', 'pipeline steps and states'),
        batchStatuses: table('批次状态', 'batch statuses'),
        withheld: table('未下发的原因', 'why a delivery was withheld'),
        stewardKinds: table('待处理事项的类型', 'kinds of queue item'),
        stewardReasons: table('待处理事项的原因', 'why a queue item was raised'),
        errors: openObject('错误代码 → { kind, title, next }', 'error code → { kind, title, next }'),
      },
    },
    ...errors(),
  },
} as const;

export function labelRoutes(app: FastifyInstance): void {
  app.get('/api/labels', { config: { roles: ['agency', 'steward', 'auditor', 'admin'] }, schema: labelsSchema }, async () => labels());
}
