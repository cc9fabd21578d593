// Survivorship, field by field: when a record takes another source's row (the authoritative
// source arriving after a copy, a steward taking the incoming row), each field takes that row's
// value where it has one and keeps the record's where it has none, so a value only the earlier
// source supplied is not lost. Pure.
export function surviving(held: Record<string, string>, winner: Record<string, string>): Record<string, string> {
  const out = { ...held };
  for (const [k, v] of Object.entries(winner)) if (v !== '') out[k] = v;
  return out;
}
