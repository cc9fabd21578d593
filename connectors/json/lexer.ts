// The bytes of a JSON text as tokens: texts with their escapes, numbers, the words true, false and
// null, and the structural characters handed to the scanner above (scan.ts). It keeps the line and
// column of every byte (a column counts characters, not bytes, as an editor shows them) and checks
// every token as it goes, so a fault is named where it stands. Only a key the scanner asks for is
// kept (a record's or a wrapper's): the bytes of a value are looked at once and let go.
import { JsonFault } from './problems.ts';
import type { At, JsonProblem, ValueKind } from './problems.ts';

export const NONE = 0;
export const STRING = 1;
export const NUMBER = 2;
export const WORD = 3;

const NUMBER_FORM = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
// After a backslash: " \ / b f n r t (u is followed by four hex digits).
const ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const isNumberByte = (b: number): boolean => (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2b || b === 0x2e || b === 0x65 || b === 0x45;
export const isLetter = (b: number): boolean => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a);
const isHex = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46);

/** The kind of value a byte opens, if it opens one. */
export function kindOf(b: number): ValueKind | undefined {
  if (b === 0x7b) return 'object';
  if (b === 0x5b) return 'list';
  if (b === 0x22) return 'text';
  if (b === 0x2d || (b >= 0x30 && b <= 0x39)) return 'number';
  if (b === 0x74 || b === 0x66) return 'boolean';
  if (b === 0x6e) return 'null';
  return undefined;
}

/** The character starting at buf[i], for "found …" (a whole UTF-8 character when the chunk holds it). */
export function charAt(buf: Buffer, i: number): string {
  const b = buf[i]!;
  if (b < 0x80) return String.fromCharCode(b);
  return Array.from(buf.toString('utf8', i, Math.min(i + 4, buf.length)))[0] ?? '';
}

/** A key as written between its quotes; `escaped` when it holds a backslash escape. */
export interface RawKey {
  bytes: Buffer;
  escaped: boolean;
}

/** The text of a key: its escapes were checked, so JSON.parse reads them as written. */
export const keyText = (raw: RawKey): string => (raw.escaped ? JSON.parse(`"${raw.bytes.toString('utf8')}"`) as string : raw.bytes.toString('utf8'));

export abstract class JsonLexer<Out> {
  line = 1;
  protected col = 0;
  /** Offset in the file of the chunk being fed. */
  protected base = 0;
  protected token = NONE;
  private tok = '';
  protected tokLine = 0;
  protected tokCol = 0;
  private esc = 0;
  private escText = '';
  private keyCapture = false;
  private keyFrom = 0;
  private keyPieces: Buffer[] = [];
  private keyBytes = 0;
  private keyEscaped = false;

  constructor(protected readonly maxTokenBytes: number) {}

  /** A structural character (or the first of a value) at buf[i]. */
  protected abstract structural(buf: Buffer, i: number, b: number, out: Out): void;
  /** A text ended at buf[i] (its closing quote); `key` when it was a captured key. */
  protected abstract textDone(i: number, key: RawKey | undefined): void;
  /** A number or word ended just before buf[i]. */
  protected abstract scalarDone(buf: Buffer, i: number, number: boolean): void;
  /** A token grew past the limit (its start in `text`): the scanner names the record and key. */
  protected abstract tooLong(text: string, what: 'number' | 'word' | 'key'): never;
  /** The chunk ends at n: a record being captured keeps its part. */
  protected abstract chunkEnd(buf: Buffer, n: number): void;

  protected fail(p: JsonProblem): never {
    throw new JsonFault(p);
  }

  protected get here(): At {
    return { line: this.line, col: this.col };
  }

  /** Whether the scanner still refers to the last chunk fed (a key or record cut across chunks): the
   * next chunk must then be read into fresh memory, not over it. */
  get holding(): boolean {
    return this.token === STRING && this.keyCapture;
  }

  /** Bytes before the first chunk that are not JSON (a byte order mark). */
  skip(bytes: number): void {
    this.base += bytes;
  }

  feed(buf: Buffer, out: Out): void {
    const n = buf.length;
    this.keyFrom = 0;
    let i = 0;
    while (i < n) {
      if (this.token === STRING) {
        i = this.inString(buf, i, n);
        continue;
      }
      const b = buf[i]!;
      if ((b & 0xc0) !== 0x80) this.col++;
      if (this.token !== NONE) {
        if (this.token === NUMBER ? isNumberByte(b) : isLetter(b)) {
          this.grow(b);
          i++;
          continue;
        }
        this.endScalar(buf, i);
      }
      if (!isSpace(b)) this.structural(buf, i, b, out);
      else if (b === 0x0a) { this.line++; this.col = 0; }
      i++;
    }
    this.chunkEnd(buf, n);
    if (this.token === STRING && this.keyCapture) this.keyPiece(buf.subarray(this.keyFrom, n));
    this.base += n;
  }

  /** At the end of the file: a text left open is refused, a number or word ends. */
  protected endTokens(): void {
    if (this.token === STRING) this.fail({ kind: 'unterminated-string', line: this.tokLine, col: this.tokCol });
    if (this.token !== NONE) this.endScalar(Buffer.alloc(0), 0);
  }

  protected startString(i: number, captureKey: boolean): void {
    this.token = STRING;
    this.tokLine = this.line;
    this.tokCol = this.col;
    this.esc = 0;
    this.keyCapture = captureKey;
    if (!captureKey) return;
    this.keyFrom = i + 1;
    this.keyPieces = [];
    this.keyBytes = 0;
    this.keyEscaped = false;
  }

  protected startScalar(token: typeof NUMBER | typeof WORD, b: number): void {
    this.token = token;
    this.tok = String.fromCharCode(b);
    this.tokLine = this.line;
    this.tokCol = this.col;
  }

  private grow(b: number): void {
    this.tok += String.fromCharCode(b);
    if (this.tok.length > 64 && this.tok.length > this.maxTokenBytes) this.tooLong(this.tok.slice(0, 20), this.token === NUMBER ? 'number' : 'word');
  }

  private endScalar(buf: Buffer, i: number): void {
    const number = this.token === NUMBER;
    const at = { line: this.tokLine, col: this.tokCol, text: this.tok };
    if (number && !NUMBER_FORM.test(this.tok)) this.fail({ kind: 'bad-number', ...at });
    if (!number && this.tok !== 'true' && this.tok !== 'false' && this.tok !== 'null') this.fail({ kind: 'bad-word', ...at });
    this.token = NONE;
    this.scalarDone(buf, i, number);
  }

  private inString(buf: Buffer, i: number, n: number): number {
    for (; i < n; i++) {
      const b = buf[i]!;
      if ((b & 0xc0) !== 0x80) this.col++;
      if (this.esc === 0) {
        if (b === 0x22) {
          this.token = NONE;
          this.textDone(i, this.keyCapture ? this.takeKey(buf, i) : undefined);
          return i + 1;
        }
        if (b === 0x5c) {
          this.esc = 1;
          this.keyEscaped = true;
        }
        else if (b < 0x20) this.fail({ kind: 'string-control', ...this.here, char: b });
      } else if (this.esc === 1) {
        if (b === 0x75) { this.esc = 2; this.escText = '\\u'; }
        else if (ESCAPES.has(b)) this.esc = 0;
        else this.fail({ kind: 'bad-escape', ...this.here, text: `\\${charAt(buf, i)}` });
      } else if (isHex(b)) {
        this.escText += String.fromCharCode(b);
        this.esc = this.esc === 5 ? 0 : this.esc + 1;
      } else {
        this.fail({ kind: 'bad-escape', ...this.here, text: this.escText + charAt(buf, i) });
      }
    }
    return n;
  }

  private keyPiece(piece: Buffer): void {
    this.keyBytes += piece.length;
    if (this.keyBytes > this.maxTokenBytes) this.tooLong((this.keyPieces[0] ?? piece).toString('utf8', 0, 20), 'key');
    this.keyPieces.push(piece);
  }

  /** The raw bytes of the key that ends at buf[i] (valid only until the next chunk is fed). */
  private takeKey(buf: Buffer, i: number): RawKey {
    this.keyPiece(buf.subarray(this.keyFrom, i));
    const bytes = this.keyPieces.length === 1 ? this.keyPieces[0]! : Buffer.concat(this.keyPieces);
    this.keyPieces = [];
    return { bytes, escaped: this.keyEscaped };
  }
}
