// Lineage for auditors (services/lineage/): backward from a golden record (and a field, as of a
// moment: record.ts), its graph from source rows to deliveries (graph.ts), forward from a batch or
// a row (batch.ts). Read from the tables the pipeline writes; nothing is recomputed.
export { recordLineage } from './lineage/record.ts';
export type { MergeLink, RecordLineage, SourceLineage } from './lineage/record.ts';
export { batchLineage } from './lineage/batch.ts';
export type { BatchLineage, BatchPage } from './lineage/batch.ts';
export { parseRecordId } from './lineage/record-id.ts';
