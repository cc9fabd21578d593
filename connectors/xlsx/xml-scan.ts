// A byte-level pass over a part's XML that builds nothing: it splits the bytes into text runs and
// tags, so what a hostile part can make large (one run of text, one tag) is measured as it streams,
// before an XML parser buffers it. '<' and '>' never occur inside a UTF-8 multi-byte character, so
// no decoding is needed to find them. Comments, processing instructions and CDATA sections end only
// at their own terminators. Not a validating parser: exceljs's (saxes) or ours reads the content.
const LT = 0x3c;
const GT = 0x3e;
const HEAD = 24;
const CDATA = '![CDATA[';

export interface ScanHandler {
  /** A run of character data, in pieces as it arrives (entities still encoded): chunk[start, end). */
  text(chunk: Buffer, start: number, end: number): void;
  /** A whole tag: its first bytes after '<' (name and a little more) and whether it closes itself
   * ('<t/>'). A comment or processing instruction is not reported. True stops the scan after it. */
  tag(head: string, selfClosing: boolean): boolean | void;
  /** A CDATA section's content. */
  cdata(bytes: Buffer): void;
  /** A tag longer than the scanner's limit. */
  tagTooLong(head: string): Error;
}

type Kind = 'tag' | 'comment' | 'cdata' | 'pi';

export class XmlScanner {
  private inTag = false;
  private head = '';
  private tagBytes = 0;
  private readonly last = [0, 0];
  private cdataPieces: Buffer[] = [];

  constructor(private readonly h: ScanHandler, private readonly maxTagBytes: number) {}

  /** Feeds the next chunk. Returns the offset just past a tag the handler stopped at, or -1. */
  feed(chunk: Buffer): number {
    let i = 0;
    while (i < chunk.length) {
      if (!this.inTag) {
        const lt = chunk.indexOf(LT, i);
        const end = lt < 0 ? chunk.length : lt;
        if (end > i) this.h.text(chunk, i, end);
        if (lt < 0) return -1;
        this.inTag = true;
        this.head = '';
        this.tagBytes = 0;
        this.last[0] = 0;
        this.last[1] = 0;
        this.cdataPieces = [];
        i = lt + 1;
        continue;
      }
      const gt = chunk.indexOf(GT, i);
      const end = gt < 0 ? chunk.length : gt;
      this.take(chunk, i, end);
      if (gt < 0) return -1;
      i = gt + 1;
      const kind = this.kind();
      if (!this.closes(kind)) {
        // A '>' inside a comment, CDATA section or processing instruction: part of its content.
        this.take(chunk, gt, gt + 1);
        continue;
      }
      this.inTag = false;
      if (kind === 'cdata') {
        const all = Buffer.concat(this.cdataPieces);
        this.cdataPieces = [];
        this.h.cdata(all.subarray(8, all.length - 2));
      } else if (kind === 'tag') {
        if (this.h.tag(this.head, this.last[1] === 0x2f)) return i;
      }
    }
    return -1;
  }

  private take(chunk: Buffer, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    if (this.head.length < HEAD) this.head += chunk.toString('latin1', start, Math.min(end, start + HEAD - this.head.length));
    this.tagBytes += n;
    if (this.tagBytes > this.maxTagBytes) throw this.h.tagTooLong(this.head);
    if (n >= 2) {
      this.last[0] = chunk[end - 2]!;
      this.last[1] = chunk[end - 1]!;
    } else {
      this.last[0] = this.last[1]!;
      this.last[1] = chunk[start]!;
    }
    // Kept while the tag may still be a CDATA section (its head is a prefix of the marker).
    if (this.head.charCodeAt(0) !== 0x21) return;
    if (this.head.slice(0, 8) === CDATA.slice(0, Math.min(8, this.head.length))) this.cdataPieces.push(chunk.subarray(start, end));
    else this.cdataPieces = [];
  }

  private kind(): Kind {
    if (this.head.startsWith('?')) return 'pi';
    if (this.head.startsWith('!--')) return 'comment';
    if (this.head.startsWith(CDATA)) return 'cdata';
    return 'tag';
  }

  private closes(kind: Kind): boolean {
    const [a, b] = this.last;
    if (kind === 'comment') return this.tagBytes >= 5 && a === 0x2d && b === 0x2d; // '--'
    if (kind === 'cdata') return this.tagBytes >= 10 && a === 0x5d && b === 0x5d; // ']]'
    if (kind === 'pi') return this.tagBytes >= 2 && b === 0x3f; // '?'
    return true;
  }
}

/** The tag's name from its head: 'row' for '<row r="1">', '/row' for '</row>'. */
export function tagName(head: string): string {
  for (let i = 1; i < head.length; i++) {
    const c = head.charCodeAt(i);
    // A space, tab, line break or '/' ends the name.
    if (c === 0x20 || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d) return head.slice(0, i);
  }
  return head;
}
