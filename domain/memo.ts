// A pure function of one string remembered within a bound. A batch repeats the same few thousand
// values (authorities' codes and names, a subject's name on each of its rows, the usual phrasings):
// each is worked out once per run of them, not once per row. When the bound is reached the memory
// is dropped whole, so a batch of values that never repeat costs one map insert each and memory
// stays flat.
export function remembered<T>(fn: (v: string) => T, size = 20_000): (v: string) => T {
  const memo = new Map<string, T>();
  return (v) => {
    const hit = memo.get(v);
    if (hit !== undefined) return hit;
    const r = fn(v);
    if (memo.size >= size) memo.clear();
    memo.set(v, r);
    return r;
  };
}
