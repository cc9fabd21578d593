// Agencies' CSV files come in UTF-8 (with or without a BOM) or in GBK/GB18030 (Excel on Chinese
// Windows). GB18030 is a superset of GBK, so one decoder covers both. A sample that is valid UTF-8
// is taken as UTF-8: GB18030 text of any length is almost never valid UTF-8. The guess is from the
// head; the rest of the file is held to it as it is read (decode.ts), and refused where it differs.
export type TextEncoding = 'utf-8' | 'gb18030';

/** `truncated`: the sample is the start of a longer file, so it may end inside a character. */
export function detectEncoding(head: Buffer, truncated = true): TextEncoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // A cut sample may end inside a multi-byte character: drop up to three trailing bytes of it.
  // A whole file is judged whole, or a short GBK file ending in 0x80–0xBF would pass as UTF-8.
  let end = head.length;
  if (truncated) {
    while (end > 0 && head.length - end < 3 && (head[end - 1]! & 0xc0) === 0x80) end--;
    if (end > 0 && head[end - 1]! >= 0xc0) end--;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}
