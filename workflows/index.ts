// Every workflow the worker registers.
export { ingestBatch } from './ingest-batch.ts';
