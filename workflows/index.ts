// Every workflow the worker registers.
export { ingestBatch } from './ingest-batch.ts';
export { publicationExpiry } from './publication-expiry.ts';
