// The two typing errors check characters exist to catch, enumerated exhaustively: used by the
// property tests and handy for the benchmark to derive realistically mistyped codes.

export interface Mutation {
  code: string;
  /** 1-based position of the (first) changed character. */
  position: number;
  from: string;
  to: string;
}

/** Every code that differs from `code` in exactly one character, the replacement at 0-based
 *  index i drawn from `alphabetAt(i)`. */
export function substitutions(code: string, alphabetAt: (index: number) => string): Mutation[] {
  const out: Mutation[] = [];
  for (let i = 0; i < code.length; i++) {
    const from = code.charAt(i);
    for (const to of alphabetAt(i)) {
      if (to !== from) out.push({ code: code.slice(0, i) + to + code.slice(i + 1), position: i + 1, from, to });
    }
  }
  return out;
}

/** Every swap of two adjacent, different characters. */
export function transpositions(code: string): Mutation[] {
  const out: Mutation[] = [];
  for (let i = 0; i + 1 < code.length; i++) {
    const a = code.charAt(i);
    const b = code.charAt(i + 1);
    if (a !== b) out.push({ code: code.slice(0, i) + b + a + code.slice(i + 2), position: i + 1, from: a + b, to: b + a });
  }
  return out;
}
