import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Channel } from '../../catalog/catalog-file.ts';
import { usageError } from '../../domain/errors.ts';
import { batchesFor, exportRejects, getBatch } from '../../services/batches.ts';
import type { ServiceContext } from '../../services/context.ts';
import {
  documentUploadForm, getBatchSchema, listBatchesSchema, rejectsSchema, reportSchema, uploadSchema, variationSchema,
} from '../schemas/batches.ts';
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

  app.get('/api/batches', { config: readers, schema: listBatchesSchema },
    async (req) => ({ batches: await batchesFor(ctx.db, req.identity) }));

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
