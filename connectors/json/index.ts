// JSON source: an agency's JSON or JSON Lines file, and every pull the factory lands as JSON Lines.
// Records come as one object a line, as a list of objects, or as the list inside an exported API
// answer ({"code":0,"data":{"list":[…]}}). The pipeline wants lines of cells under a header line,
// and the header (every key of every record, in the order each first appears) needs the whole
// file: a first pass checks the file and collects the keys, a second cuts out each record and
// yields it as a line. Both stream (scan.ts): memory holds one chunk and one record, whatever the
// file's size. A file that cannot be read as it is is refused where it goes wrong, never guessed at.
import { open as openFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { checkReadableFile } from '../check.ts';
import { DecodeFault, strictDecoder } from '../csv/decode.ts';
import type { OpenedSource, SourceConnector, SourceLimits, SourceLine } from '../types.ts';
import { readHead } from '../read-head.ts';
import { jsonFault, utf16Fault, utf8Fault } from './faults.ts';
import { JsonFault } from './problems.ts';
import { JsonScanner, NotWrapped } from './scan.ts';
import type { ScanLimits, ScannedRecord, Shape } from './scan.ts';
import { cellsOf } from './values.ts';

const CHUNK_BYTES = 64 * 1024;
/** Work done between two turns of the event loop, at most: the worker's other tasks must run. */
const SLICE_MS = 20;
const PROGRESS_MS = 1000;
/** Without limits given (a connector check, a test), generous ones still bound memory. */
const NO_LIMITS: SourceLimits = { maxColumns: 16_384, maxCellBytes: 16 * 1024 * 1024 };
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const JSON_NAME = /\.(json|ndjson|jsonl)$/i;
/** JSON Lines by name: one object on one line is a record, never a wrapper to look into. */
const LINES_NAME = /\.(ndjson|jsonl)$/i;
/** Names the other file sources read: their content is theirs even when it starts with [ or {. */
const OTHER_NAME = /\.(csv|txt|tsv|xlsx|xlsm|xls|et)$/i;
const ZIP = Buffer.from([0x50, 0x4b]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** After a byte order mark and whitespace, the text opens a list or an object. */
function startsLikeJson(head: Buffer): boolean {
  let i = head.subarray(0, 3).equals(BOM) ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x5b || head[i] === 0x7b;
}

/** JSON text starts with an ASCII character: in UTF-16 (or UTF-32) one of its first two bytes is 0. */
const isUtf16 = (head: Buffer): boolean =>
  (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || (head.length >= 2 && (head[0] === 0 || head[1] === 0));

/** Hands the event loop back now and then, and tells the caller the source is still working. */
function pacer(onProgress?: () => void): () => Promise<void> {
  let slice = Date.now();
  let told = slice;
  return async () => {
    const now = Date.now();
    if (now - slice < SLICE_MS) return;
    if (onProgress && now - told >= PROGRESS_MS) {
      onProgress();
      told = now;
    }
    await turn();
    slice = Date.now();
  };
}

/** Feeds the whole file to the scanner, yielding the records it completes; returns their shape. */
async function* scan(fh: FileHandle, scanner: JsonScanner, pace: () => Promise<void>): AsyncGenerator<ScannedRecord, Shape> {
  // The text is held to UTF-8 as it is read (RFC 8259): the scanner itself looks at bytes only.
  const decoder = strictDecoder('utf-8');
  const out: ScannedRecord[] = [];
  const feed = (bytes: Buffer): void => {
    try {
      scanner.feed(bytes, out);
    } catch (e) {
      throw e instanceof JsonFault ? jsonFault(e.problem) : e;
    }
  };
  let chunk: Buffer | undefined;
  for (let pos = 0; ;) {
    if (!chunk || scanner.holding) chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await fh.read(chunk, 0, CHUNK_BYTES, pos);
    const bom = pos === 0 && chunk.subarray(0, Math.min(3, bytesRead)).equals(BOM) ? 3 : 0;
    const bytes = chunk.subarray(bom, bytesRead);
    if (bom) scanner.skip(bom);
    try {
      if (bytesRead === 0) decoder.end();
      else decoder.write(chunk.subarray(0, bytesRead));
    } catch (e) {
      if (!(e instanceof DecodeFault) || e.byte === undefined) throw e;
      // The line of the bad byte: the text before it is scanned first (a fault there comes first).
      if (e.byte > pos + bom) feed(chunk.subarray(bom, e.byte - pos));
      throw utf8Fault(scanner.line, e.byte);
    }
    pos += bytesRead;
    if (bytesRead === 0) break;
    feed(bytes);
    yield* out;
    out.length = 0;
    await pace();
  }
  try {
    return scanner.end();
  } catch (e) {
    throw e instanceof JsonFault ? jsonFault(e.problem) : e;
  }
}

/** The first pass: checks the whole file and finds how it holds its records and their keys. A root
 * object followed by nothing is an API answer when it holds exactly one list of objects (several
 * are refused), and else one record; followed by another object, the file is JSON Lines. A file
 * named .ndjson or .jsonl is JSON Lines whatever its first line holds: a record with a list of
 * objects in it is refused as nested, never taken for a wrapper. */
async function survey(fh: FileHandle, name: string, limits: ScanLimits, pace: () => Promise<void>): Promise<{ scanner: JsonScanner; shape: Shape }> {
  const run = async (first: Shape): Promise<{ scanner: JsonScanner; shape: Shape }> => {
    const scanner = new JsonScanner(first, limits, false);
    const records = scan(fh, scanner, pace);
    let next = await records.next();
    while (!next.done) next = await records.next();
    return { scanner, shape: next.value };
  };
  try {
    return await run(LINES_NAME.test(name) ? { kind: 'lines' } : { kind: 'detect' });
  } catch (e) {
    // The root object is a record, not a wrapper: another follows it, or it holds no list of records.
    if (e instanceof NotWrapped) return run({ kind: 'lines' });
    throw e;
  }
}

async function* records(fh: FileHandle, name: string, limits: SourceLimits, onProgress?: () => void): AsyncGenerator<SourceLine> {
  const pace = pacer(onProgress);
  const bounds: ScanLimits = { maxColumns: limits.maxColumns, maxCellBytes: limits.maxCellBytes, maxRows: limits.maxRows };
  const { scanner, shape } = await survey(fh, name, bounds, pace);
  const header = [...scanner.keys];
  yield { index: 1, line: scanner.headerLine, cells: header };
  // Record k is line k + 1, so the pipeline's data row number is the record number. A record
  // whose values are all empty is counted, not yielded, as a blank CSV line is.
  for await (const rec of scan(fh, new JsonScanner(shape, bounds, true), pace)) {
    const cells = cellsOf(rec, header);
    if (cells.some((c) => c.trim() !== '')) yield { index: rec.record + 1, line: rec.line, cells };
  }
}

export const jsonSource: SourceConnector = {
  kind: 'source',
  id: 'json',
  accepts(fileName, head) {
    // A workbook or a zip renamed .json is not JSON: left to the upload's own refusals.
    if (head.subarray(0, 2).equals(ZIP) || head.subarray(0, 4).equals(OLE2)) return false;
    if (JSON_NAME.test(fileName)) return true;
    return !OTHER_NAME.test(fileName) && startsLikeJson(head);
  },
  check: checkReadableFile,
  async open(filePath, opts = {}): Promise<OpenedSource> {
    if (isUtf16(await readHead(filePath, 4))) throw utf16Fault();
    const fh = await openFile(filePath, 'r');
    let consumed = false;
    let closed = false;
    return {
      encoding: 'utf-8',
      gridded: false,
      lines(): AsyncGenerator<SourceLine> {
        if (consumed) return (async function* () { throw new Error('lines() can be read once'); })();
        consumed = true;
        return records(fh, opts.fileName ?? filePath, opts.limits ?? NO_LIMITS, opts.onProgress);
      },
      async close() {
        if (closed) return;
        closed = true;
        await fh.close();
      },
    };
  },
};

export default jsonSource;
