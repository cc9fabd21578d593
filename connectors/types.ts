// The small interface every connector implements. Sources stream lines and never validate: the
// pipeline owns the layout (header, title and footer lines), batching and validation. Sinks
// deliver a change set and say where it went.

/** One non-blank line of a source, as the file holds it: sources know nothing of headers or
 * datasets; the pipeline decides which line is the header and where the data ends
 * (catalog/layout.ts). */
export interface SourceLine {
  /** 1-based record number: the CSV record or the sheet row. Blank records are counted, not yielded. */
  index: number;
  /** 1-based physical line where the record starts (a quoted CSV cell may span several lines). */
  line: number;
  cells: string[];
}

/** A data row after the header (catalog/layout-rows.ts makes them from SourceLines). */
export interface SourceRow {
  /** 1-based data row number (the header is row 0), as an agency counts rows in its file. */
  rowNo: number;
  /** Physical line of the file where the row starts. */
  line: number;
  cells: string[];
}

export interface OpenedSource {
  encoding: string;
  /** A sheet stores no trailing empty cells: its rows are padded to the header's width. */
  gridded: boolean;
  /** Every non-blank line from the first, streamed once. */
  lines(): AsyncGenerator<SourceLine>;
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
