// A batch's ingestBatch started from another workflow (a pull, the stranded-batch sweep): under the
// batch's own workflow id, and abandoned when the starter closes, since a batch may wait days for
// its stewards. A failed run's id may be used again; a running or completed one's may not.
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { ingestWorkflowId } from './contract.ts';
import type { IngestBatchInput } from './contract.ts';
import { ingestBatch } from './ingest-batch.ts';

export async function startIngestChild(input: IngestBatchInput): Promise<void> {
  await startChild(ingestBatch, {
    workflowId: ingestWorkflowId(input.batchId), args: [input],
    parentClosePolicy: ParentClosePolicy.ABANDON, workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
  });
}
