// The small interface every connector implements. Sources stream lines and never validate: the
// pipeline owns the layout (header, title and footer lines), batching and validation. Sinks
// deliver a change set and say where it went.

import type { SourceLine } from '../domain/layout/source-line.ts';

export type { SourceLine, SourceRow } from '../domain/layout/source-line.ts';

export interface OpenedSource {
  encoding: string;
  /** A workbook's sheet as asked for; found is false when it has no such visible sheet. */
  sheet?: { index: number; found: boolean };
  /** A sheet stores no trailing empty cells: its rows are padded to the header's width. */
  gridded: boolean;
  /** Every non-blank line from the first, streamed once. */
  lines(): AsyncGenerator<SourceLine>;
  close(): Promise<void>;
}

/** What check() finds: an expected failure is a value with a stable code and a bilingual
 * explanation, never a throw, so an operator's "can this connector work?" always gets an answer. */
export type CheckResult = { ok: true } | { ok: false; code: string; zh: string; en: string };

export interface SourceConnector {
  kind: 'source';
  id: string;
  /** Whether this connector reads the file (by name and first bytes). */
  accepts(fileName: string, head: Buffer): boolean;
  /** `sheet`: for a workbook, which visible sheet (0, the first, by default). */
  open(filePath: string, opts?: { sheet?: number }): Promise<OpenedSource>;
  /** Whether it can read: for a file source, the file exists and is readable (not whether it is valid). */
  check(filePath: string): Promise<CheckResult>;
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
  /** Whether it can deliver with this configuration (as deliver() receives it), without delivering. */
  check(config: Record<string, unknown>): Promise<CheckResult>;
}
