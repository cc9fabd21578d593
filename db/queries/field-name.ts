// A dataset field's name spliced into SQL as a literal (`fields->>'name'`), where a bound parameter
// will not do: an expression index matches only the literal, and a planner sees it only then.
// Definition field names are snake_case; any other character is dropped, never quoted through.
export const splicedField = (name: string): string => name.replace(/[^a-z0-9_]/g, '');
