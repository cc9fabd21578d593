import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Channel } from '../../catalog/catalog-file.ts';
import { usageError } from '../../domain/errors.ts';
import { batchHistory, exportRejects, figuresOf, getBatch } from '../../services/batches.ts';
import { batchEvents } from '../../services/agency/events.ts';
import { reasonCells, reasonGroups } from '../../services/agency/reasons.ts';
import type { ServiceContext } from '../../services/context.ts';
import {
  batchEventsSchema, documentUploadForm, getBatchSchema, listBatchesSchema, rejectsSchema, reportCellsSchema, reportReasonsSchema, reportSchema,
  uploadSchema, variationSchema,
} from '../schemas/batches.ts';
import { pageOfRequest } from '../paging.ts';
import { validationReport } from '../../services/report.ts';
import { upload, waitForBatch } from '../../services/upload.ts';
import { variationByAgency } from '../../services/variation.ts';

export function batchRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const readers = { roles: ['agency', 'steward', 'auditor', 'admin'] as const };

  const uploadConfig = { roles: ['agency', 'admin'] as const, scope: 'upload' as const, swaggerTransform: documentUploadForm };
  const uploadOptions = { config: uploadConfig, schema: uploadSchema };
  app.post('/api/uploads', uploadOptions, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const file = await req.file();
    if (!file) throw usageError('CDF_UPLOAD_NO_FILE', { zh: '请求中没有文件（multipart 字段 file）', en: 'the request has no file (multipart field "file")' });
    const fields = file.fields as Record<string, { value?: string } | undefined>;
    const pick = (k: string) => q[k] ?? fields[k]?.value;
    const agency = pick('agency') ?? req.identity.agency;
    const dataset = pick('dataset');
    if (!agency || !dataset) throw usageError('CDF_UPLOAD_ARGS', { zh: '需要 agency 和 dataset 参数', en: 'agency and dataset are required' });
    const result = await upload(ctx, req.identity, {
      fileName: file.filename,
      content: file.file,
      agency,
      dataset,
      ...(pick('channel') ? { channel: pick('channel') as Channel } : {}),
    });
    const batch = pick('wait') === 'true' ? await waitForBatch(ctx, result.batchId) : result.batch;
    return reply.status(result.duplicate ? 200 : 202).send({ batchId: result.batchId, workflowId: result.workflowId, duplicate: result.duplicate, batch });
  });

  app.get('/api/batches', { config: readers, schema: listBatchesSchema }, async (req) => {
    const { dataset, status, agency } = req.query as { dataset?: string; status?: string; agency?: string };
    const filters = { ...(dataset ? { dataset } : {}), ...(status ? { status } : {}), ...(agency ? { agency } : {}) };
    return batchHistory(ctx.db, req.identity, { ...pageOfRequest(req, 20), ...filters });
  });

  // Live progress: the scope is checked before the stream opens (an error is an ordinary answer);
  // then the batch row is read about every 500 ms until the batch ends or the client goes away.
  app.get('/api/batches/:id/events', { config: readers, schema: batchEventsSchema }, async (req, reply) => {
    const batch = await getBatch(ctx.db, req.identity, (req.params as { id: string }).id);
    const stop = new AbortController();
    // The response's close: the client went away (the request's own close fires once it is read).
    reply.raw.on('close', () => stop.abort());
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    try {
      for await (const ev of batchEvents(ctx.db, batch, { signal: stop.signal })) {
        reply.raw.write(ev ? `event: ${ev.final ? 'final' : 'progress'}\ndata: ${JSON.stringify(ev)}\n\n` : ': keep-alive\n\n');
      }
    } catch (e) {
      req.log.error(e);
      reply.raw.write(`event: error\ndata: ${JSON.stringify({ code: 'CDF_INTERNAL' })}\n\n`);
    } finally {
      reply.raw.end();
    }
  });

  app.get('/api/batches/:id/report/reasons', { config: readers, schema: reportReasonsSchema }, async (req) => {
    const batch = await getBatch(ctx.db, req.identity, (req.params as { id: string }).id);
    return { batchId: batch.id, figures: figuresOf(batch), reasons: await reasonGroups(ctx.db, batch) };
  });

  app.get('/api/batches/:id/report/cells', { config: readers, schema: reportCellsSchema }, async (req) => {
    const batch = await getBatch(ctx.db, req.identity, (req.params as { id: string }).id);
    return reasonCells(ctx.db, req.identity, batch, (req.query as { reason: string }).reason, pageOfRequest(req, 20));
  });

  app.get('/api/batches/:id', { config: readers, schema: getBatchSchema },
    async (req) => getBatch(ctx.db, req.identity, (req.params as { id: string }).id));

  app.get('/api/batches/:id/report', { config: readers, schema: reportSchema }, async (req) => {
    const batch = await getBatch(ctx.db, req.identity, (req.params as { id: string }).id);
    return validationReport(ctx.db, req.identity, batch);
  });

  // Which normalisations each agency's extracts needed, over the batches the caller may read.
  app.get('/api/quality/variation', { config: readers, schema: variationSchema }, async (req) => {
    const { agency, dataset } = req.query as { agency?: string; dataset?: string };
    return { agencies: await variationByAgency(ctx.db, req.identity, { ...(agency ? { agency } : {}), ...(dataset ? { dataset } : {}) }) };
  });

  app.get('/api/batches/:id/rejects', { config: readers, schema: rejectsSchema }, async (req, reply) => {
    const batch = await getBatch(ctx.db, req.identity, (req.params as { id: string }).id);
    const format = (req.query as { format?: string }).format === 'ndjson' ? 'ndjson' : 'csv';
    reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    if (format === 'csv') reply.header('content-disposition', `attachment; filename="${batch.id}-rejects.csv"`);
    return reply.send(Readable.from(exportRejects(ctx.db, req.identity, batch, format)));
  });
}
