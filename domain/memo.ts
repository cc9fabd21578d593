// A pure function of one string remembered within a bound. A batch repeats the same few thousand
// values (authorities' codes and names, a subject's name on each of its rows, the usual phrasings):
// each is worked out once per run of them, not once per row. When the bound is reached the memory
// is dropped whole, so a batch of values that never repeat costs one map insert each and memory
// stays flat. With a trial, a function whose values do not repeat stops remembering.
export function remembered<T>(fn: (v: string) => T, size = 20_000, trial?: Trial): (v: string) => T {
  let memo: Map<string, T> | null = new Map();
  let seen = 0;
  let hits = 0;
  return (v) => {
    if (!memo) return fn(v);
    const hit = memo.get(v);
    if (trial && ++seen === trial.after && hits < trial.after * trial.minHits) memo = null;
    if (hit !== undefined) {
      hits++;
      return hit;
    }
    const r = fn(v);
    if (memo) {
      if (memo.size >= size) memo.clear();
      memo.set(v, r);
    }
    return r;
  };
}

/** When remembering is given up: after `after` values, fewer than `minHits` of them seen before
 * (values that do not repeat, such as a column of the subjects' own codes). */
export interface Trial { after: number; minHits: number }
