// Where a worker's CPU went, from the .cpuprofile files CDF_WORKER_PROFILE_DIR makes (one per
// thread): each function's own time and its time including what it called, summed over the
// files, idle left out. bench/profile.ts (`npm run bench:profile`) prints the top of both lists.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project's files are named from its root (file:///…/domain/clean/clean-row.ts → domain/clean/clean-row.ts). */
const PROJECT = `${pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')).href}/`;

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export interface Summary { busyMs: number; self: Map<string, number>; total: Map<string, number> }

const IDLE = new Set(['(idle)', '(program)']);
// tsx compiles each file to one line, so a frame is told by its name and file.
const frameName = (f: CallFrame, root: string): string =>
  `${f.functionName || '(anonymous)'} ${f.url.startsWith(root) ? f.url.slice(root.length) : f.url}`;

const add = (m: Map<string, number>, k: string, ms: number) => m.set(k, (m.get(k) ?? 0) + ms);

/** Sums profiles: own (self) and inclusive (total) milliseconds per function; a recursive
 * function counts once per sample in `total`. */
export function summarize(profiles: CpuProfile[], root = PROJECT): Summary {
  const s: Summary = { busyMs: 0, self: new Map(), total: new Map() };
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const perNode = new Map<number, number>();
    p.samples.forEach((id, i) => perNode.set(id, (perNode.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
    for (const [id, ms] of perNode) {
      const node = byId.get(id)!;
      if (IDLE.has(node.callFrame.functionName)) continue;
      s.busyMs += ms;
      add(s.self, frameName(node.callFrame, root), ms);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const name = frameName(byId.get(at)!.callFrame, root);
        if (name.startsWith('(root)') || seen.has(name)) continue;
        seen.add(name);
        add(s.total, name, ms);
      }
    }
  }
  return s;
}

/** The `top` largest of a list, as lines: milliseconds, share of the busy time, function. */
export function topLines(m: Map<string, number>, busyMs: number, top: number): string[] {
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([k, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / busyMs).toFixed(1).padStart(5)} %  ${k}`);
}
