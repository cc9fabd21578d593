// The structure of a JSON file, streamed: which objects are records and where they are. On the
// lexer's tokens (lexer.ts) it checks the nesting and cuts out the records — the objects of the one
// list that holds them, or each line's object — without ever holding more than one record. A
// record's text comes out with every number written as a string of its digits ("1.10" stays
// "1.10", a 20-digit number keeps its digits), so JSON.parse of that text loses nothing.
import { charAt, isLetter, JsonLexer, keyText, kindOf, NUMBER, WORD } from './lexer.ts';
import type { RawKey } from './lexer.ts';
import type { ValueKind, Wanted } from './problems.ts';

/** How the file holds its records. `detect` finds out (a list, lines, or a wrapping object). */
export type Shape = { kind: 'detect' } | { kind: 'lines' } | { kind: 'array' } | { kind: 'wrapped'; path: string[] };

/** A root object that, whole, turns out not to wrap a list of records: read it again as lines. */
export class NotWrapped extends Error {}

export interface ScannedRecord {
  record: number;
  line: number;
  /** The record's JSON text, numbers quoted (only when the scanner captures). */
  text?: string;
}

export interface ScanLimits {
  maxColumns: number;
  maxCellBytes: number;
  maxRows?: number;
}

// records: the list holding the records; record: one of them; list: a list value in a record;
// wrapper: an object on the way from the root to the records; pending: a list under a wrapper
// until its first item says whether it holds records; other: anything else, only checked.
type Role = 'records' | 'record' | 'list' | 'wrapper' | 'pending' | 'other';
type Want = 'key-or-close' | 'key' | 'colon' | 'value' | 'value-or-close' | 'comma-or-close';

interface Frame {
  array: boolean;
  role: Role;
  line: number;
  col: number;
  want: Want;
  /** The member being read (records and wrappers: their keys name cells and paths). */
  key: string;
  count: number;
  /** Keys from the root object to here (wrappers and their lists). */
  path: string[];
}

const QUOTE = Buffer.from('"');
/** A record's bytes are bounded beyond its cells: whitespace padding would otherwise be free. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
const samePath = (a: string[], b: string[]): boolean => a.length === b.length && a.every((k, i) => k === b[i]);

export class JsonScanner extends JsonLexer<ScannedRecord[]> {
  /** Every key of every record, in the order each first appears. */
  readonly keys: string[] = [];
  private readonly keySet = new Set<string>();
  records = 0;
  /** The line of the list holding the records (of the first record, for lines). */
  headerLine = 0;
  private mode: Shape['kind'];
  private readonly target: string[] | undefined;
  private readonly candidates: string[][] = [];
  private readonly empties: string[][] = [];
  private readonly stack: Frame[] = [];
  private top: 'start' | 'after' = 'start';
  private rootEndLine = 0;
  // The record being read, and its text when captured.
  private recordLine = 0;
  private recordStart = 0;
  private readonly recordKeys = new Set<string>();
  private readonly lastKeys: Array<{ bytes: Buffer; key: string }> = [];
  private cellStart = 0;
  private capturing = false;
  private seg = 0;
  private pieces: Buffer[] = [];
  private pieceBytes = 0;
  private readonly recordLimit: number;

  constructor(shape: Shape, private readonly limits: ScanLimits, private readonly capture: boolean) {
    super(limits.maxCellBytes);
    this.mode = shape.kind;
    this.target = shape.kind === 'wrapped' ? shape.path : undefined;
    this.recordLimit = Math.min(MAX_RECORD_BYTES, Math.max(limits.maxColumns * limits.maxCellBytes, 1024 * 1024));
  }

  private get recordAt() {
    return { record: this.records, line: this.recordLine };
  }

  override get holding(): boolean {
    return this.capturing || super.holding;
  }

  override feed(buf: Buffer, out: ScannedRecord[]): void {
    this.seg = 0;
    super.feed(buf, out);
  }

  /** At the end of the file: refuses what is left open, then says how the records are held. */
  end(): Shape {
    this.endTokens();
    const open = this.stack.at(-1);
    if (open) {
      const outer = this.stack[0]!;
      const what = (f: Frame) => (f.array ? 'list' as const : 'object' as const);
      this.fail({ kind: 'unclosed', line: open.line, col: open.col, what: what(open),
        outer: outer === open ? undefined : { line: outer.line, col: outer.col, what: what(outer) } });
    }
    if (this.top === 'start') this.fail({ kind: 'no-records' });
    if (this.mode === 'detect') {
      // The root object, whole: it wraps one list of records, several (refused), or none (a record).
      if (this.candidates.length > 1) this.fail({ kind: 'several-lists', paths: this.candidates });
      if (this.candidates.length === 0) {
        if (this.empties.length) this.fail({ kind: 'no-records', emptyPath: this.empties[0] });
        throw new NotWrapped();
      }
      this.mode = 'wrapped';
    }
    if (this.records === 0) this.fail({ kind: 'no-records', emptyPath: this.mode === 'array' ? [] : undefined });
    if (this.keys.length === 0) this.fail({ kind: 'no-records', noKeys: true });
    return this.mode === 'wrapped' ? { kind: 'wrapped', path: this.target ?? this.candidates[0]! } : { kind: this.mode as 'array' | 'lines' };
  }

  protected tooLong(text: string, what: 'number' | 'word' | 'key'): never {
    const role = this.stack.at(-1)?.role;
    if (role === 'record' || role === 'list') {
      this.fail({ kind: 'cell-too-large', ...this.recordAt, key: what === 'key' ? `${text}…` : this.cellKey(), max: this.limits.maxCellBytes });
    }
    if (what === 'key') this.fail({ kind: 'key-too-long', line: this.tokLine, col: this.tokCol, max: this.limits.maxCellBytes });
    this.fail({ kind: what === 'number' ? 'bad-number' : 'bad-word', line: this.tokLine, col: this.tokCol, text: `${text}…` });
  }

  private cellKey(): string {
    return this.stack.findLast((x) => x.role === 'record')?.key ?? '';
  }

  protected chunkEnd(buf: Buffer, n: number): void {
    if (this.capturing) this.piece(buf.subarray(this.seg, n));
  }

  protected textDone(i: number, raw: RawKey | undefined): void {
    const f = this.stack.at(-1);
    if (!f || f.array || f.want === 'value') {
      this.valueDone(i + 1);
      return;
    }
    f.want = 'colon';
    f.count++;
    if (raw === undefined) return;
    if (f.role !== 'record') {
      f.key = keyText(raw);
      return;
    }
    const key = this.recordKey(raw, f.count - 1);
    f.key = key;
    if (this.recordKeys.has(key)) this.fail({ kind: 'duplicate-key', ...this.recordAt, key });
    this.recordKeys.add(key);
    if (this.keySet.has(key)) return;
    if (this.keys.length >= this.limits.maxColumns) this.fail({ kind: 'too-many-columns', ...this.recordAt, key, max: this.limits.maxColumns });
    this.keySet.add(key);
    this.keys.push(key);
  }

  /** Records mostly repeat the keys of the one before, in the same order: the same bytes at the
   * same place give the same string, decoded once (and hashed once by the sets that hold it). */
  private recordKey(raw: RawKey, member: number): string {
    const seen = this.lastKeys[member];
    if (seen && seen.bytes.equals(raw.bytes)) return seen.key;
    const key = keyText(raw);
    if (member < 256) this.lastKeys[member] = { bytes: Buffer.from(raw.bytes), key };
    return key;
  }

  protected scalarDone(buf: Buffer, i: number, number: boolean): void {
    if (number) this.quote(buf, i);
    this.valueDone(i);
  }

  /** A number's edge at buf[i] in a captured record: a quote makes it a text of its digits. */
  private quote(buf: Buffer, i: number): void {
    if (!this.capturing) return;
    this.piece(buf.subarray(this.seg, i));
    this.piece(QUOTE);
    this.seg = i;
  }

  /** A value ended just before byte `i` of the chunk being fed. */
  private valueDone(i: number): void {
    const f = this.stack.at(-1);
    if (!f) {
      this.top = 'after';
      this.rootEndLine = this.line;
      return;
    }
    f.want = 'comma-or-close';
    // As written in the file (an escape counts its bytes), without the quotes of a text.
    if (f.role === 'record' && this.base + i - this.cellStart > this.limits.maxCellBytes + 2) {
      this.fail({ kind: 'cell-too-large', ...this.recordAt, key: f.key, max: this.limits.maxCellBytes });
    }
  }

  protected structural(buf: Buffer, i: number, b: number, out: ScannedRecord[]): void {
    const f = this.stack.at(-1);
    if (!f) {
      this.atRoot(buf, i, b);
      return;
    }
    if (f.array) {
      if (b === 0x5d && f.want !== 'value') this.close(buf, i, out);
      else if (b === 0x5d) this.fail({ kind: 'trailing-comma', ...this.here, close: ']' });
      else if (f.want !== 'comma-or-close') this.value(buf, i, b);
      else if (b === 0x2c) f.want = 'value';
      else this.wrong(buf, i, 'comma-or-close-array');
      return;
    }
    switch (f.want) {
      case 'key-or-close':
      case 'key': {
        const wrapperOrRecord = f.role === 'record' || f.role === 'wrapper';
        if (b === 0x22) this.startString(i, wrapperOrRecord);
        else if (b === 0x7d && f.want === 'key') this.fail({ kind: 'trailing-comma', ...this.here, close: '}' });
        else if (b === 0x7d) this.close(buf, i, out);
        else this.wrong(buf, i, f.want);
        return;
      }
      case 'colon':
        if (b === 0x3a) f.want = 'value';
        else this.wrong(buf, i, 'colon');
        return;
      case 'comma-or-close':
        if (b === 0x2c) f.want = 'key';
        else if (b === 0x7d) this.close(buf, i, out);
        else this.wrong(buf, i, 'comma-or-close-object');
        return;
      default:
        this.value(buf, i, b);
    }
  }

  private wrong(buf: Buffer, i: number, wanted: Wanted): never {
    this.fail({ kind: 'syntax', ...this.here, wanted, found: charAt(buf, i) });
  }

  private atRoot(buf: Buffer, i: number, b: number): void {
    if (this.top === 'start') {
      this.value(buf, i, b);
      return;
    }
    const lines = this.mode === 'lines' || this.mode === 'detect';
    if (!lines || b !== 0x7b) this.fail({ kind: 'syntax', ...this.here, wanted: lines ? 'next-line' : 'end', found: charAt(buf, i) });
    if (this.mode === 'detect') throw new NotWrapped();
    if (this.line === this.rootEndLine) this.fail({ kind: 'same-line', ...this.here });
    this.value(buf, i, b);
  }

  /** A value starts at byte i: what it may be depends on where it stands. */
  private value(buf: Buffer, i: number, b: number): void {
    const kind = kindOf(b);
    if (!kind) {
      if (!isLetter(b)) this.fail({ kind: 'syntax', ...this.here, wanted: 'value', found: charAt(buf, i) });
      this.startScalar(WORD, b);
      return;
    }
    const f = this.stack.at(-1);
    const container = kind === 'object' || kind === 'list';
    let role: Role = 'other';
    if (!f) role = this.rootRole(kind);
    else if (f.array) {
      f.count++;
      if (f.role === 'pending') this.decide(f, kind);
      if (f.role === 'records') {
        if (kind !== 'object') this.fail({ kind: 'not-object', record: this.records + 1, line: this.line, what: kind, path: f.path });
        role = 'record';
      } else if (f.role === 'list' && container) {
        this.fail({ kind: 'nested', ...this.recordAt, key: this.cellKey(), what: kind === 'object' ? 'list-of-objects' : 'list-of-lists' });
      }
    } else if (f.role === 'record') {
      this.cellStart = this.base + i;
      if (kind === 'object') this.fail({ kind: 'nested', ...this.recordAt, key: f.key, what: 'object' });
      role = 'list';
    } else if (f.role === 'wrapper') role = kind === 'object' ? 'wrapper' : 'pending';
    if (container) this.push(kind === 'list', role, i, f && !f.array && f.role === 'wrapper' ? [...f.path, f.key] : (f?.path ?? []));
    else if (kind === 'text') this.startString(i, false);
    else {
      this.startScalar(kind === 'number' ? NUMBER : WORD, b);
      if (kind === 'number') this.quote(buf, i);
    }
  }

  private rootRole(kind: ValueKind): Role {
    if (this.mode === 'lines') {
      if (kind !== 'object') this.fail({ kind: 'not-object', record: this.records + 1, line: this.line, what: kind, path: [] });
      return 'record';
    }
    if (kind !== 'object' && kind !== 'list') this.fail({ kind: 'top-scalar', ...this.here, what: kind });
    if (this.mode === 'detect' && kind === 'list') this.mode = 'array';
    if (kind === 'list' && this.mode === 'array') {
      this.headerLine = this.line;
      return 'records';
    }
    if (kind === 'object' && this.mode !== 'array') return 'wrapper';
    // Read before as a list and now an object (or the reverse): the file changed between the reads.
    return this.fail({ kind: 'top-scalar', ...this.here, what: kind });
  }

  /** A list under the wrapping object, at its first item: does it hold the records? */
  private decide(f: Frame, kind: ValueKind): void {
    f.role = 'other';
    if (kind !== 'object') return;
    if (this.target ? samePath(f.path, this.target) : this.candidates.push(f.path) === 1) {
      f.role = 'records';
      this.headerLine = f.line;
    }
  }

  private push(array: boolean, role: Role, i: number, path: string[]): void {
    if (role === 'record') this.startRecord(i);
    this.stack.push({ array, role, line: this.line, col: this.col, want: array ? 'value-or-close' : 'key-or-close', key: '', count: 0, path });
  }

  private startRecord(i: number): void {
    this.records++;
    this.recordLine = this.line;
    this.headerLine ||= this.line;
    this.recordStart = this.base + i;
    this.recordKeys.clear();
    const max = this.limits.maxRows;
    if (max !== undefined && this.records > max) this.fail({ kind: 'too-many-rows', ...this.recordAt, max });
    if (!this.capture) return;
    this.capturing = true;
    this.pieces = [];
    this.pieceBytes = 0;
    this.seg = i;
  }

  private close(buf: Buffer, i: number, out: ScannedRecord[]): void {
    const f = this.stack.pop()!;
    if (f.role === 'pending' && f.count === 0 && !this.target) this.empties.push(f.path);
    if (f.role === 'record') {
      if (this.base + i + 1 - this.recordStart > this.recordLimit) this.fail({ kind: 'record-too-large', ...this.recordAt, max: this.recordLimit });
      const done: ScannedRecord = { record: this.records, line: this.recordLine };
      if (this.capturing) {
        this.piece(buf.subarray(this.seg, i + 1));
        this.seg = i + 1;
        done.text = Buffer.concat(this.pieces).toString('utf8');
        this.pieces = [];
        this.capturing = false;
      }
      out.push(done);
    }
    this.valueDone(i + 1);
  }

  private piece(p: Buffer): void {
    this.pieceBytes += p.length;
    if (this.pieceBytes > this.recordLimit) this.fail({ kind: 'record-too-large', ...this.recordAt, max: this.recordLimit });
    this.pieces.push(p);
  }
}
