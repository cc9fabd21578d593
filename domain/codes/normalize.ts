// Codes arrive from spreadsheets and web forms typed by people: with spaces, hyphens (the
// organisation code is printed XXXXXXXX-X), Chinese-IME full-width characters and lower case.
// Every checker normalises first so that only real errors are reported.

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space (U+3000) to their half-width forms.
 *  Kept separate because the other cleaning code (names, document numbers) needs it too. */
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function toHalfWidth(s: string): string {
  // Most cells have no full-width character: a test is cheaper than a replace that builds a copy.
  if (!FULL_WIDTH.test(s)) return s;
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

// \s covers ASCII whitespace, NBSP, U+3000 and U+FEFF (BOM); zero-width spaces/joiners are not
// whitespace to JS but are invisible in spreadsheets, so they go too.
const INVISIBLE = /[\s\u200B-\u200D\u2060]/g;
// ASCII hyphen (full-width － becomes it via toHalfWidth), Unicode hyphens and dashes
// (U+2010–U+2015: hyphen, non-breaking hyphen, figure, en, em dash, horizontal bar),
// minus sign U+2212 and small hyphen-minus U+FE63.
const HYPHENS = /[-\u2010-\u2015\u2212\uFE63]/g;

/** The canonical form every identifier check works on. */
export function normalizeCode(raw: string): string {
  // Only ASCII letters are upper-cased: String#toUpperCase can change the length of some
  // non-ASCII text (ß → SS), which would shift the positions reported back to the user.
  return toHalfWidth(raw)
    .replace(INVISIBLE, '')
    .replace(HYPHENS, '')
    .replace(/[a-z]/g, (ch) => ch.toUpperCase());
}
