// The slow statements auto_explain wrote to the PostgreSQL log while the pages were timed: each
// with its plan as it ran (EXPLAIN ANALYZE), slowest first, one per query text.

export interface SlowStatement {
  ms: number;
  query: string;
  plan: string;
}

export function slowPlans(log: string, top = 15): SlowStatement[] {
  const found: SlowStatement[] = [];
  const lines = log.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /duration: ([\d.]+) ms\s+plan:/.exec(lines[i]!);
    if (!m) continue;
    const body: string[] = [];
    // The plan's lines follow, indented (the log's own lines start with a timestamp).
    while (i + 1 < lines.length && /^\s/.test(lines[i + 1]!)) body.push(lines[++i]!.replace(/^\t/, ''));
    const text = body.join('\n');
    const q = /Query Text: ([\s\S]*?)(?=\n\S|\n\s*(?:Limit|Sort|Aggregate|Result|Seq Scan|Index|Hash|Nested|Merge|Gather|Bitmap|Subquery|CTE|Unique|WindowAgg|Append|Incremental)\b|$)/
      .exec(text);
    found.push({ ms: Number(m[1]), query: (q?.[1] ?? '').trim(), plan: text });
  }
  const seen = new Set<string>();
  return found.sort((a, b) => b.ms - a.ms).filter((s) => (seen.has(s.query) ? false : (seen.add(s.query), true))).slice(0, top);
}
