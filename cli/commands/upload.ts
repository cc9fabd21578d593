import { existsSync } from 'node:fs';
import type { Channel } from '../../catalog/catalog-file.ts';
import { dataError } from '../../domain/errors.ts';
import type { Batch } from '../../db/batches.ts';
import { uploadFile, waitForBatch } from '../../services/upload.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, say, usage } from '../output.ts';
import type { Io } from '../output.ts';
import { describeBatch } from './batch.ts';

export async function uploadCommand(io: Io, args: Parsed): Promise<number> {
  const [file] = args.positionals;
  const agency = args.values.agency as string | undefined;
  const dataset = args.values.dataset as string | undefined;
  if (!file || !agency || !dataset) {
    throw usage(
      '用法：cdf upload FILE --agency CODE --dataset CODE [--channel NAME] [--wait] [--json]',
      'usage: cdf upload FILE --agency CODE --dataset CODE [--channel NAME] [--wait] [--json]',
    );
  }
  if (!existsSync(file)) throw dataError('CDF_FILE_NOT_FOUND', { zh: `文件不存在：${file}`, en: `no such file: ${file}` }, { file });
  const channel = args.values.channel as Channel | undefined;
  const result = await withContext(async (ctx) => {
    const r = await uploadFile(ctx, cliIdentity(args.as), file, { agency, dataset, ...(channel ? { channel } : {}) });
    const batch: Batch = args.values.wait ? await waitForBatch(ctx, r.batchId) : r.batch;
    return { ...r, batch };
  });
  if (io.json) {
    printJson(io, {
      batchId: result.batchId,
      workflowId: result.workflowId,
      duplicate: result.duplicate,
      status: result.batch.status,
      counts: result.batch.counts,
      batch: result.batch,
    });
    return result.batch.status === 'failed' ? 1 : 0;
  }
  if (result.duplicate)
    io.out(
      say(io, {
        zh: `该文件已接收过，属于批次 ${result.batchId}，不会重复处理`,
        en: `this file was received before as batch ${result.batchId}; it is not processed again`,
      }),
    );
  else io.out(say(io, { zh: `已接收，批次 ${result.batchId}`, en: `received as batch ${result.batchId}` }));
  io.out(describeBatch(io, result.batch));
  return result.batch.status === 'failed' ? 1 : 0;
}
