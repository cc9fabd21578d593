// Strict decoding of a whole text file, chunk by chunk: a byte sequence that is not a character of
// the file's encoding is never replaced by U+FFFD and accepted. The encoding is guessed from the
// head (encoding.ts); if the rest of the file disagrees (GBK rows pasted under a UTF-8 start, a
// truncated or damaged file), the file is refused at the first bad byte.
import iconv from 'iconv-lite';
import type { TextEncoding } from './encoding.ts';

/** Where decoding failed: the offset in the file of the first byte that is no character. For
 * GB18030 the byte is not known (the decoder only marks the character): `byte` is undefined and
 * `charInChunk` is where the replacement character stands in the decoded chunk. */
export class DecodeFault extends Error {
  /** `text`: the chunk's text, for GB18030 (where the line is found by reading it up to the fault). */
  constructor(readonly byte: number | undefined, readonly charInChunk: number, readonly text = '') {
    super(byte === undefined ? 'undecodable bytes' : `undecodable byte at offset ${byte}`);
  }
}

/** The offset of the first byte of buf that does not start or continue a well-formed UTF-8
 * character (surrogates and overlong forms included), or -1. An incomplete character at the end
 * counts as bad only when `final`. */
export function firstBadUtf8(buf: Uint8Array, final: boolean): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) { i++; continue; }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b === 0xe0) lo = 0xa0; if (b === 0xed) hi = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b === 0xf0) lo = 0x90; if (b === 0xf4) hi = 0x8f; }
    else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return final ? i : -1;
      const c = buf[i + k]!;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

export interface StrictDecoder {
  /** The text of the next chunk (a character cut at the chunk's end comes with the next one). */
  write(chunk: Buffer): string;
  /** The rest, at the end of the file. */
  end(): string;
}

function utf8Decoder(): StrictDecoder {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let consumed = 0;
  let tail = Buffer.alloc(0);
  // On failure, find the byte: the last bytes of the previous chunk may begin the bad character.
  const fault = (chunk: Buffer, final: boolean): DecodeFault => {
    let start = 0;
    while (start < tail.length && (tail[start]! & 0xc0) === 0x80) start++;
    const joined = Buffer.concat([tail.subarray(start), chunk]);
    const at = firstBadUtf8(joined, final);
    return new DecodeFault(consumed - (tail.length - start) + Math.max(at, 0), 0);
  };
  return {
    write(chunk) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 3)));
        consumed += chunk.length;
        return text;
      } catch {
        throw fault(chunk, false);
      }
    },
    end() {
      try {
        return decoder.decode();
      } catch {
        throw fault(Buffer.alloc(0), true);
      }
    },
  };
}

function gb18030Decoder(): StrictDecoder {
  const decoder = iconv.getDecoder('gb18030', { stripBOM: true });
  const check = (text: string): string => {
    const at = text.indexOf('\uFFFD');
    if (at >= 0) throw new DecodeFault(undefined, at, text);
    return text;
  };
  return { write: (chunk) => check(decoder.write(chunk)), end: () => check(decoder.end() ?? '') };
}

export function strictDecoder(encoding: TextEncoding): StrictDecoder {
  return encoding === 'utf-8' ? utf8Decoder() : gb18030Decoder();
}

/** Line breaks (LF, the same byte in UTF-8 and GB18030) in bytes. */
export function lineFeeds(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
