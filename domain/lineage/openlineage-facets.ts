// The OpenLineage vocabulary the factory speaks: who produces the events, which spec versions the
// facets follow, and small constructors that never forget a facet's `_producer` and `_schemaURL`
// (the spec requires both on every facet; a lineage server may drop a facet without them).

/** A URI naming this project as the producer of every event and facet. */
export const PRODUCER = 'https://credit-data-factory.local/cdf';

/** Our own schema for run events; its $defs also define our custom facet. */
export const RUN_EVENT_SCHEMA_ID = 'https://credit-data-factory.local/schemas/openlineage/run-event.schema.json';

/** The spec versions the events name: core 2-0-2 and the facet versions current with it. */
export const SPEC_URL = {
  runEvent: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  parent: 'https://openlineage.io/spec/facets/1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet',
  errorMessage: 'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet',
  jobType: 'https://openlineage.io/spec/facets/2-0-2/JobTypeJobFacet.json#/$defs/JobTypeJobFacet',
  documentation: 'https://openlineage.io/spec/facets/1-0-1/DocumentationJobFacet.json#/$defs/DocumentationJobFacet',
  schema: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
  columnLineage: 'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
  rowLineage: `${RUN_EVENT_SCHEMA_ID}#/$defs/RowLineageRunFacet`,
} as const;

export interface Facet {
  _producer: string;
  _schemaURL: string;
  [key: string]: unknown;
}

export interface DatasetRef {
  namespace: string;
  name: string;
}

export interface OlDataset extends DatasetRef {
  facets: Record<string, Facet>;
}

export const EventType = { start: 'START', complete: 'COMPLETE', fail: 'FAIL' } as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

export interface RunEvent {
  eventType: EventType;
  eventTime: string;
  producer: string;
  schemaURL: string;
  run: { runId: string; facets: Record<string, Facet> };
  job: DatasetRef & { facets: Record<string, Facet> };
  inputs: OlDataset[];
  outputs: OlDataset[];
}

export const facet = (schemaURL: string, body: Record<string, unknown>): Facet => ({ _producer: PRODUCER, _schemaURL: schemaURL, ...body });

export interface SchemaField {
  name: string;
  type: string;
  description?: string;
}

export const schemaFacet = (fields: SchemaField[]): Facet => facet(SPEC_URL.schema, { fields });

/** How an output column relates to an input column (column-lineage facet 1-2-0). */
export interface Transformation {
  type: 'DIRECT' | 'INDIRECT';
  subtype: 'IDENTITY' | 'TRANSFORMATION' | 'AGGREGATION' | 'JOIN' | 'FILTER' | 'CONDITIONAL';
  description: string;
  masking: boolean;
}

export interface InputField extends DatasetRef {
  field: string;
  transformations: Transformation[];
}

export const direct = (subtype: 'IDENTITY' | 'TRANSFORMATION', description: string): Transformation => ({
  type: 'DIRECT',
  subtype,
  description,
  masking: false,
});
export const indirect = (subtype: 'JOIN' | 'FILTER' | 'CONDITIONAL', description: string): Transformation => ({
  type: 'INDIRECT',
  subtype,
  description,
  masking: false,
});
export const IDENTITY = direct('IDENTITY', '原样 / identical');
