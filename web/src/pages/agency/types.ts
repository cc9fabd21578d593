// The API's shapes the agency pages read (generated types, web/src/api/schema.d.ts).
import type { paths } from '../../api/schema.d.ts';

type Json<P extends keyof paths, M extends 'get'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

export type AgencyDatasets = Json<'/api/agency/datasets', 'get'>;
export type AssignedDataset = AgencyDatasets['datasets'][number];
export type DatasetField = AssignedDataset['fields'][number];
export type BatchRow = Json<'/api/batches', 'get'>['batches'][number];
export type Figures = BatchRow['figures'];
export type ReasonsReport = Json<'/api/batches/{id}/report/reasons', 'get'>;
export type Reason = ReasonsReport['reasons'][number];
export type Cell = Json<'/api/batches/{id}/report/cells', 'get'>['cells'][number];

/** What GET /api/batches/:id/events sends in each event's data (services/agency/events.ts). */
export interface ProgressEvent {
  batchId: string;
  status: string;
  step: string | null;
  stepName: { zh: string; en: string } | null;
  received: number;
  cleaned: number;
  accepted: number;
  rejected: number;
  final: boolean;
  figures: Figures | null;
  error: unknown;
}
