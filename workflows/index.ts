// Every workflow the worker registers. Clients start them by these functions (the SDK sends only
// the function's name), with their inputs and results typed by workflows/contract.ts.
export { creditRepair } from './credit-repair.ts';
export { ingestBatch } from './ingest-batch.ts';
export { measureCase } from './measure-case.ts';
export { publicationExpiry } from './publication-expiry.ts';
export { pullSource } from './pull-source.ts';
export { startStrandedBatches } from './start-stranded.ts';
export { stewardAction } from './steward-action.ts';
