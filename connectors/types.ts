// The small interface every connector implements. Sources stream lines and never validate: the
// pipeline owns the layout (header, title and footer lines), batching and validation. Sinks
// deliver a change set and say where it went.

import type { SinkPlaces } from '../catalog/sink-policy.ts';
import type { SourceLine } from '../domain/layout/source-line.ts';

export type { SourceLine, SourceRow } from '../domain/layout/source-line.ts';

/** Bounds a source is read within (runtime/config.ts), checked while it streams. */
export interface SourceLimits {
  maxColumns: number;
  maxCellBytes: number;
  /** A workbook's own bounds (runtime/config.ts; connectors/xlsx/limits.ts has their defaults): bytes
   * its parts may inflate to, each and all together; how many times its compressed size a part may
   * inflate to (beyond a floor of a few MB); entries in its shared-string table; non-blank rows. */
  xlsxMaxInflatedBytes?: number;
  xlsxMaxRatio?: number;
  xlsxMaxSharedStrings?: number;
  maxRows?: number;
}

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
  /** `sheet`: for a workbook, which visible sheet (0, the first, by default). `delimiter`: for a
   * text file, its delimiter (the standard's comma by default). `limits`: refused past them.
   * `fileName`: the sender's name for the file, for messages. `onProgress`: called about once a
   * second while a source works without yielding a line (inflating a workbook), so a caller can
   * heartbeat: slow is not dead. */
  open(
    filePath: string,
    opts?: { sheet?: number; delimiter?: string; limits?: SourceLimits; fileName?: string; onProgress?: () => void },
  ): Promise<OpenedSource>;
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
  /** Delivers records under an idempotency key: delivering the same key twice has one effect.
   * `places`: the operator's bounds (catalog/sink-policy.ts), checked again where only the sink can:
   * a file sink's real folder as it writes, a webhook's resolved address as it connects. */
  deliver(config: Record<string, unknown>, key: string, records: AsyncIterable<DeliveryRecord>, places: SinkPlaces): Promise<DeliveryResult>;
  /** Whether it can deliver with this configuration (as deliver() receives it), without delivering. */
  check(config: Record<string, unknown>): Promise<CheckResult>;
}

/** One record a pull connector read: the source's own column names and values (text, number,
 * boolean or null; times as ISO text, decimals and big integers as text, so nothing is rounded). */
export interface PulledRecord {
  values: Record<string, unknown>;
  /** This record's position for the next pull (its update time or id, with a tiebreak when the
   * connector needs one), opaque to everyone but the connector that made it. Records come in
   * cursor order, so the last record's cursor is where the next pull starts. */
  cursor: string | null;
}

/** Where pulled data came from, as lineage names it: never a password or token. */
export interface PullOrigin {
  /** The system read, e.g. "mysql://registry.example:3306/reg" or "https://api.example/v1/penalties". */
  source: string;
  /** The table or query (SQL), or the request without its secrets (HTTP). */
  query: string;
}

/** Reads an agency's own system (a database, an API) on a schedule. Configuration comes from the
 * catalogue entry's `pull.config`, checked against the connector's config schema; a secret is named
 * there by the environment variable that holds it (`passwordEnv`, `tokenEnv`), never written. */
export interface PullConnector {
  kind: 'pull';
  id: string;
  /** Records changed after `cursor` (every record when it is null, a full re-read), in cursor order,
   * page by page so memory stays bounded whatever the source holds. Retries a failed page with
   * back-off (`retries` times) before it throws; a thrown error is an outage, the caller records it.
   * `onProgress` is called at least once a page, so a caller can heartbeat. */
  pull(
    config: Record<string, unknown>,
    opts: { cursor: string | null; retries?: number; signal?: AbortSignal; onProgress?: () => void; env?: PullEnv },
  ): AsyncGenerator<PulledRecord>;
  /** The lineage of a pull with this configuration. */
  origin(config: Record<string, unknown>, env?: PullEnv): PullOrigin;
  /** Whether the source answers with this configuration (connects, the table or page is there). */
  check(config: Record<string, unknown>, env?: PullEnv): Promise<CheckResult>;
}

/** Where a connector reads the secrets its configuration names (`passwordEnv`, `urlEnv`, `tokenEnv`):
 * process.env when not given. The worker passes its own environment with CDF_FRONT_DATABASE_URL set
 * to the factory's database, so the exchange area (前置库, schema front) is reached the same way
 * from a worker process and from a test's in-process worker. */
export type PullEnv = Readonly<Record<string, string | undefined>>;
