// An incremental CSV parser (RFC 4180) fed decoded text chunk by chunk. Written here rather than
// taken from papaparse because a hostile file must be refused while it streams, at the line it goes
// wrong, with memory bounded: a quote that never closes, a cell of megabytes, a line of thousands
// of columns. papaparse buffers an unclosed quote to the end of the file, guesses the delimiter
// from the data and reports such errors only beside the rows.
//
// What it accepts as clerks' tools write it: CRLF, LF or CR line breaks; a quoted cell spanning
// lines; "" for a quote inside a quoted cell; a quote inside an unquoted cell (5"屏) taken as it is.

/** A problem found in the text, with the physical line it is on. */
export type CsvProblem =
  | { kind: 'unclosed-quote'; line: number }
  | { kind: 'text-after-quote'; line: number; openedOn: number; text: string }
  | { kind: 'swallowed-lines'; line: number; openedOn: number; text: string }
  | { kind: 'too-many-columns'; line: number; columns: number }
  | { kind: 'cell-too-large'; line: number; column: number; bytes: number; quoteOpenedOn?: number };

export class CsvFault extends Error {
  constructor(readonly problem: CsvProblem) {
    super(`${problem.kind} on line ${problem.line}`);
  }
}

export interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  cells: string[];
}

export interface CsvParserOptions {
  delimiter: string;
  maxColumns: number;
  maxCellBytes: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

// A cell's bytes in UTF-8 are at most 3 per UTF-16 unit: the exact count is only needed near the limit.
const utf8Bytes = (s: string, max: number): number => (s.length * 3 <= max ? s.length : Buffer.byteLength(s));

export class CsvParser {
  /** Physical line of the parser's position (1-based). */
  line = 1;
  private readonly delim: number;
  private cells: string[] = [];
  private field = '';
  /** The record has started (a cell, a delimiter or a quote seen since the last line break). */
  private started = false;
  private recordLine = 1;
  private quoted = false;
  private inQuotes = false;
  /** Just read a quote inside a quoted cell: the next character says whether it closed the cell. */
  private quotePending = false;
  private quoteLine = 0;
  /** The quoted cell contains a line break (where a stray quote can swallow whole lines). */
  private quotedBreaks = false;
  /** The previous chunk ended with CR: an LF at the start of this one belongs to it. */
  private pendingCr = false;
  /** The most cells a record has had: a quoted cell whose lines look like records is suspicious. */
  private widest = 0;

  constructor(private readonly opts: CsvParserOptions) {
    this.delim = opts.delimiter.charCodeAt(0);
  }

  /** Parses a chunk of text, pushing complete records to `out`. */
  feed(text: string, out: CsvRecord[]): void {
    const n = text.length;
    const d = this.delim;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (n > 0 && text.charCodeAt(0) === LF) {
        if (this.inQuotes && !this.quotePending) this.field += '\n';
        i = 1;
      }
    }
    let start = i;
    while (i < n) {
      if (this.inQuotes) {
        if (this.quotePending) {
          const c = text.charCodeAt(i);
          this.quotePending = false;
          if (c === QUOTE) { this.field += '"'; i++; start = i; continue; }
          // The quote closed the cell: what follows must end it.
          this.inQuotes = false;
          if (c !== d && c !== CR && c !== LF) {
            throw new CsvFault({ kind: 'text-after-quote', line: this.line, openedOn: this.quoteLine, text: text.slice(i, i + 20) });
          }
          this.closeQuoted();
          start = i;
          continue;
        }
        // Copy the quoted run up to the next quote or line break in one slice.
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === QUOTE || c === CR || c === LF) break;
          j++;
        }
        this.field += text.slice(i, j);
        this.checkCell();
        if (j >= n) { i = j; start = i; break; }
        const c = text.charCodeAt(j);
        if (c === QUOTE) { this.quotePending = true; i = j + 1; start = i; continue; }
        // A line break inside the quoted cell: kept as written, and counted.
        this.quotedBreaks = true;
        this.line++;
        if (c === CR) {
          if (j + 1 < n) {
            if (text.charCodeAt(j + 1) === LF) { this.field += '\r\n'; i = j + 2; } else { this.field += '\r'; i = j + 1; }
          } else { this.field += '\r'; this.pendingCr = true; i = j + 1; }
        } else { this.field += '\n'; i = j + 1; }
        start = i;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === d) {
        this.field += text.slice(start, i);
        if (!this.started) { this.started = true; this.recordLine = this.line; }
        this.endField();
        i++;
        start = i;
      } else if (c === LF || c === CR) {
        this.field += text.slice(start, i);
        this.endRecord(out);
        this.line++;
        if (c === CR) {
          if (i + 1 < n) { if (text.charCodeAt(i + 1) === LF) i++; } else this.pendingCr = true;
        }
        i++;
        start = i;
      } else if (c === QUOTE && this.field === '' && i === start && !this.quoted) {
        // A quote at the start of a cell opens a quoted cell.
        this.inQuotes = true;
        this.quoted = true;
        this.quoteLine = this.line;
        this.quotedBreaks = false;
        if (!this.started) { this.started = true; this.recordLine = this.line; }
        i++;
        start = i;
      } else {
        if (!this.started) { this.started = true; this.recordLine = this.line; }
        i++;
      }
    }
    if (!this.inQuotes && start < n) {
      this.field += text.slice(start, n);
      this.checkCell();
    }
  }

  /** The last record, at the end of the file; refuses a quote still open. */
  end(out: CsvRecord[]): void {
    if (this.inQuotes && !this.quotePending) throw new CsvFault({ kind: 'unclosed-quote', line: this.quoteLine });
    if (this.quotePending) { this.quotePending = false; this.inQuotes = false; this.closeQuoted(); }
    if (this.started || this.field !== '') this.endRecord(out);
  }

  private closeQuoted(): void {
    if (!this.quotedBreaks || this.widest < 4) return;
    // A stray quote swallows the lines after it into one cell until another quote closes it: a
    // line inside the cell carrying as many delimiters as a record has cells is such a swallowed
    // record, not a multi-line note.
    const lines = this.field.split(/\r\n|\r|\n/);
    const delim = this.opts.delimiter;
    for (let k = 1; k < lines.length; k++) {
      if (lines[k]!.split(delim).length - 1 >= Math.max(3, Math.floor(this.widest / 2))) {
        throw new CsvFault({ kind: 'swallowed-lines', line: this.quoteLine + k, openedOn: this.quoteLine, text: lines[k]!.slice(0, 30) });
      }
    }
  }

  private checkCell(): void {
    const bytes = utf8Bytes(this.field, this.opts.maxCellBytes);
    if (bytes > this.opts.maxCellBytes) {
      throw new CsvFault({
        kind: 'cell-too-large', line: this.started ? this.recordLine : this.line, column: this.cells.length + 1, bytes,
        ...(this.inQuotes && this.quotedBreaks ? { quoteOpenedOn: this.quoteLine } : {}),
      });
    }
  }

  private endField(): void {
    this.checkCell();
    this.cells.push(this.field);
    this.field = '';
    this.quoted = false;
    if (this.cells.length >= this.opts.maxColumns) {
      // The next delimiter or line end makes one column more than the limit.
      throw new CsvFault({ kind: 'too-many-columns', line: this.recordLine, columns: this.cells.length + 1 });
    }
  }

  private endRecord(out: CsvRecord[]): void {
    if (!this.started && this.field === '' && this.cells.length === 0) {
      // A blank line is still a record (counted, as papaparse counted it).
      out.push({ line: this.line, cells: [''] });
      return;
    }
    this.checkCell();
    this.cells.push(this.field);
    if (this.cells.length > this.widest) this.widest = this.cells.length;
    out.push({ line: this.recordLine, cells: this.cells });
    this.cells = [];
    this.field = '';
    this.quoted = false;
    this.started = false;
  }
}
