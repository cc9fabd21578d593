// CSV source: streams a file of any size through a strict decoder and an incremental parser;
// memory stays bounded by one chunk of text and the limits on a cell and a line, whatever the
// file's size. Every non-blank record comes out with its physical line, so the pipeline can tell a
// clerk where a row is even after multi-line cells. A file that cannot be read as it is (a byte
// that is no character, a control character, a quote that never closes, a limit crossed) is
// refused at the line it goes wrong: nothing is replaced or guessed silently.
import { open as openFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { OpenedSource, SourceConnector, SourceLimits, SourceLine } from '../types.ts';
import { detectEncoding } from './encoding.ts';
import type { TextEncoding } from './encoding.ts';
import { DecodeFault, lineFeeds, strictDecoder } from './decode.ts';
import { controlFault, csvFault, encodingFault } from './faults.ts';
import { CsvFault, CsvParser } from './parse.ts';
import type { CsvRecord } from './parse.ts';
import { HEAD_BYTES, readHead } from '../read-head.ts';
import { checkReadableFile } from '../check.ts';

const CHUNK_BYTES = 64 * 1024;
const SLICE_CHARS = 16 * 1024;
/** The standard's delimiter; another only when the header line says so (services/upload.ts). */
export const DEFAULT_DELIMITER = ',';
export const DELIMITERS = [',', '\t', ';', '|'] as const;
/** Without limits given (a connector check, a test), generous ones still bound memory. */
const NO_LIMITS: SourceLimits = { maxColumns: 16_384, maxCellBytes: 16 * 1024 * 1024 };
/** Work done between two turns of the event loop, at most: the worker's other tasks must run. */
const SLICE_MS = 20;

// C0 controls but tab, LF and CR; and DEL.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

const isBlank = (cells: string[]): boolean => cells.every((c) => c.trim() === '');
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The line of byte `offset`, counted by reading the file again up to it (only on a refusal). */
async function lineOfByte(fh: FileHandle, offset: number): Promise<number> {
  let lines = 1;
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  for (let pos = 0; pos < offset;) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK_BYTES, offset - pos), pos);
    if (bytesRead === 0) break;
    lines += lineFeeds(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
  return lines;
}

/** Records of the file, refused at the first fault with a data error naming the line. */
async function* records(fh: FileHandle, encoding: TextEncoding, delimiter: string, limits: SourceLimits): AsyncGenerator<SourceLine> {
  const decoder = strictDecoder(encoding);
  const parser = new CsvParser({ delimiter, ...limits });
  const out: CsvRecord[] = [];
  // Checks the text for control characters, then parses it: the line of one is the parser's line
  // once the text before it is parsed.
  const feed = (text: string): void => {
    const m = CONTROL.exec(text);
    if (m) {
      parser.feed(text.slice(0, m.index), out);
      throw controlFault(parser.line, text.charCodeAt(m.index));
    }
    parser.feed(text, out);
  };
  const fault = async (e: unknown): Promise<unknown> => {
    if (e instanceof CsvFault) return csvFault(e.problem, limits);
    if (!(e instanceof DecodeFault)) return e;
    if (e.byte !== undefined) return encodingFault(encoding, await lineOfByte(fh, e.byte), e.byte);
    parser.feed(e.text.slice(0, e.charInChunk), []);
    return encodingFault(encoding, parser.line, undefined);
  };
  let pos = 0;
  let index = 0;
  let slice = Date.now();
  for (let done = false; !done;) {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await fh.read(chunk, 0, CHUNK_BYTES, pos);
    pos += bytesRead;
    done = bytesRead === 0;
    let text: string;
    try {
      text = done ? decoder.end() : decoder.write(chunk.subarray(0, bytesRead));
    } catch (e) {
      throw await fault(e);
    }
    // Parsed a slice at a time, its records handed on at once: records held for a whole chunk
    // outlive the young generation and make the collector the bottleneck.
    for (let at = 0; at < text.length || (done && at === 0); at += SLICE_CHARS) {
      try {
        feed(text.slice(at, at + SLICE_CHARS));
        if (done && at + SLICE_CHARS >= text.length) parser.end(out);
      } catch (e) {
        throw await fault(e);
      }
      // Blank records are counted, not yielded.
      for (const r of out) {
        index++;
        if (!isBlank(r.cells)) yield { index, line: r.line, cells: r.cells };
      }
      out.length = 0;
      if (Date.now() - slice > SLICE_MS) {
        await turn();
        slice = Date.now();
      }
    }
  }
}

export const csvSource: SourceConnector = {
  kind: 'source',
  id: 'csv',
  accepts(fileName, head) {
    if (!/\.(csv|txt)$/i.test(fileName)) return false;
    // A CSV has no NUL bytes; a ZIP (XLSX) or other binary renamed .csv does.
    return !head.subarray(0, 4096).includes(0) && !(head[0] === 0x50 && head[1] === 0x4b);
  },
  check: checkReadableFile,
  async open(filePath, opts = {}): Promise<OpenedSource> {
    const head = await readHead(filePath);
    const encoding = detectEncoding(head, head.length === HEAD_BYTES);
    const fh = await openFile(filePath, 'r');
    let consumed = false;
    let closed = false;
    return {
      encoding,
      gridded: false,
      lines(): AsyncGenerator<SourceLine> {
        if (consumed) return (async function* () { throw new Error('lines() can be read once'); })();
        consumed = true;
        return records(fh, encoding, opts.delimiter ?? DEFAULT_DELIMITER, opts.limits ?? NO_LIMITS);
      },
      async close() {
        if (closed) return;
        closed = true;
        await fh.close();
      },
    };
  },
};

export default csvSource;
