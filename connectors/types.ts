// The small interface every connector implements. Sources stream rows and never validate: the
// pipeline owns batching and validation. Sinks deliver a change set and say where it went.

export interface SourceRow {
  /** 1-based data row number (the header is row 0), as an agency counts rows in its file. */
  rowNo: number;
  cells: string[];
}

export interface OpenedSource {
  headers: string[];
  encoding: string;
  /** Rows after the header, streamed; rows whose cells are all empty are skipped but counted. */
  rows(): AsyncGenerator<SourceRow>;
  close(): Promise<void>;
}

export interface SourceConnector {
  kind: 'source';
  id: string;
  /** Whether this connector reads the file (by name and first bytes). */
  accepts(fileName: string, head: Buffer): boolean;
  open(filePath: string): Promise<OpenedSource>;
}

export interface DeliveryRecord {
  op: 'upsert' | 'tombstone';
  goldenId: number;
  version: number;
  dataset: string;
  subjectUscc: string | null;
  fields: Record<string, unknown>;
  /** For a department subscribing to a list: the joint punishment measures this record triggers. */
  measures?: Array<{ code: string; name: { zh: string; en: string }; action: 'prompt' | 'block'; basis: string }>;
  /** For a public subscription: the last day this record may be published. */
  publishUntil?: string;
}

export interface DeliveryResult {
  location: string;
  records: number;
  tombstones: number;
}

export interface SinkConnector {
  kind: 'sink';
  id: string;
  /** Delivers records under an idempotency key: delivering the same key twice has one effect. */
  deliver(config: Record<string, unknown>, key: string, records: AsyncIterable<DeliveryRecord>): Promise<DeliveryResult>;
}
