// A workbook's shared-string table (xl/sharedStrings.xml), read as it streams into plain strings.
// Replaces exceljs's reader, which keeps rich text as objects per run (a font object each: a table
// of millions costs gigabytes), takes text between tags that is no cell's, and has no bound: here
// the count, each string and the part's bytes are bounded, and a string that crosses one is refused
// at once. Rich text comes out as its runs' text joined, as cells.ts showed it; phonetic guides
// (<rPh>) are not the cell's text and are left out, as Excel shows the cell.
import { refuse } from './limits.ts';
import type { Where, XlsxLimits } from './limits.ts';
import { XmlScanner, tagName } from './xml-scan.ts';

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6});|#([0-9]{1,7});|(amp|lt|gt|quot|apos);)?/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character data to text: line ends normalised and entities decoded, as an XML parser does;
 * undefined for an entity XML does not define (a DTD's own, which is never read). */
export function xmlText(raw: string): string | undefined {
  let bad = false;
  const text = raw.replace(/\r\n?/g, '\n').replace(ENTITY, (m, hex?: string, dec?: string, name?: string) => {
    if (name) return NAMED[name]!;
    const cp = hex ? parseInt(hex, 16) : dec ? parseInt(dec, 10) : NaN;
    if (!Number.isInteger(cp) || cp > 0x10ffff) { bad = true; return m; }
    return String.fromCodePoint(cp);
  });
  return bad ? undefined : text;
}

/** An '&' that starts no entity XML defines (a billion-laughs entity, or a bare '&'). */
const undefinedEntity = (raw: string): boolean => /&(?!(?:#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);)/.test(raw);

/** The table, each entry a string. Refused past the limits, with the part named. */
export async function readSharedStrings(chunks: AsyncIterable<Buffer>, part: string, limits: XlsxLimits, where: Where): Promise<string[]> {
  const strings: string[] = [];
  // Entities as written may be six bytes for one character (&quot;).
  const rawCap = limits.maxCellBytes * 6 + 64;
  let inSi = false;
  let inT = false;
  let inPhonetic = false;
  let pieces: Buffer[] = [];
  let rawBytes = 0;
  const add = (b: Buffer): void => {
    rawBytes += b.length;
    if (rawBytes > rawCap) throw refuse.sharedStringTooLong(where, part, strings.length, limits.maxCellBytes);
    pieces.push(b);
  };
  const finish = (): void => {
    // A new string of its own: a slice of the chunk's text would keep the whole chunk alive.
    const raw = pieces.length === 1 ? pieces[0]!.toString('utf8') : Buffer.concat(pieces).toString('utf8');
    pieces = [];
    rawBytes = 0;
    const plain = raw.indexOf('&') < 0 && raw.indexOf('\r') < 0;
    const text = plain ? raw : undefinedEntity(raw) ? undefined : xmlText(raw);
    if (text === undefined) {
      throw refuse.badXml(where, part, {
        zh: `第 ${strings.length + 1} 条文字含有 XML 未定义的实体（& 开头的转义）`,
        en: `string ${strings.length + 1} holds an entity XML does not define (an escape starting with &)`,
      });
    }
    if (text.length > limits.maxCellBytes / 3 && Buffer.byteLength(text) > limits.maxCellBytes) {
      throw refuse.sharedStringTooLong(where, part, strings.length, limits.maxCellBytes);
    }
    strings.push(text);
    if (strings.length > limits.maxSharedStrings) throw refuse.sharedStrings(where, part, limits.maxSharedStrings);
  };
  const scanner = new XmlScanner({
    text(chunk, start, end) { if (inT && !inPhonetic) add(chunk.subarray(start, end)); },
    cdata(b) {
      // CDATA is taken as written: its '&' and '<' are escaped so the decoding above gives them back.
      if (inT && !inPhonetic) add(Buffer.from(b.toString('utf8').replace(/&/g, '&amp;')));
    },
    tag(head, selfClosing) {
      if (head.startsWith('!')) throw refuse.badXml(where, part, DTD);
      switch (tagName(head)) {
        case 'si': inSi = !selfClosing; if (selfClosing) finish(); break;
        case '/si': if (inSi) finish(); inSi = false; inT = false; inPhonetic = false; break;
        case 't': inT = inSi && !selfClosing; break;
        case '/t': inT = false; break;
        case 'rPh': inPhonetic = !selfClosing; break;
        case '/rPh': inPhonetic = false; break;
      }
    },
    tagTooLong: (head) => refuse.badXml(where, part, tagTooLong(head)),
  }, rawCap);
  for await (const chunk of chunks) scanner.feed(chunk);
  return strings;
}

/** A document type declaration: how XXE and billion-laughs attacks start; Excel never writes one. */
export const DTD = {
  zh: '含有文档类型声明（DOCTYPE），可能是 XXE 或“十亿笑声”攻击',
  en: 'it declares a document type (DOCTYPE), as XXE and billion-laughs attacks do',
};

export const tagTooLong = (head: string): { zh: string; en: string } => ({
  zh: `标签 <${tagName(head) || head.slice(0, 10)}> 过长`,
  en: `the tag <${tagName(head) || head.slice(0, 10)}> is too long`,
});
