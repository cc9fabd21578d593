// Where the processor time goes, beside the wall time. On a machine of two shared cores the wall
// time of the same run moves by 15-25 % from one run to the next, so a change worth a few per cent
// cannot be seen in it; the CPU seconds each of the factory's processes used are steadier. Read from
// Linux's /proc twice a second for every process the benchmark started (the worker processes, the
// API, the embedded PostgreSQL with its backends, the Temporal dev server), and attributed to the
// pipeline's steps by their spans in the workflows' histories. A PostgreSQL or Temporal reached
// through DATABASE_URL or TEMPORAL_ADDRESS runs elsewhere and is not counted (its share reads 0).
import { readdirSync, readFileSync } from 'node:fs';

/** /proc reports times in clock ticks of 1/100 s (USER_HZ, the same on every Linux architecture). */
const TICKS_PER_SECOND = 100;

export type CpuGroup = 'worker' | 'postgres' | 'temporal' | 'api' | 'other';
export const CPU_GROUPS: readonly CpuGroup[] = ['worker', 'postgres', 'temporal', 'api', 'other'];

export interface ProcStat { pid: number; ppid: number; comm: string; ticks: number }

/** One line of /proc/<pid>/stat: the name is in parentheses and may hold spaces or ')'. Its own
 * time (utime + stime) and its waited-for children's (cutime + cstime): a PostgreSQL backend that
 * has exited is counted in the postmaster that reaped it, so a group's total never drops. */
export function parseStat(line: string): ProcStat | null {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = line.slice(close + 2).split(' ');
  const n = (i: number) => Number(rest[i] ?? NaN);
  const ticks = n(11) + n(12) + n(13) + n(14);
  if (!Number.isFinite(ticks)) return null;
  return { pid: Number(line.slice(0, open).trim()), ppid: n(1), comm: line.slice(open + 1, close), ticks };
}

/** Which part of the factory a process is, by its name and command line. */
export function groupOf(comm: string, cmdline: string): CpuGroup {
  if (comm === 'postgres' || comm.startsWith('postgres:')) return 'postgres';
  if (comm === 'temporal') return 'temporal';
  if (cmdline.includes('worker/main')) return 'worker';
  if (cmdline.includes('server/main')) return 'api';
  return 'other';
}

const readText = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // the process ended between the listing and the read
  }
};

/** CPU seconds so far of every process descended from `root` (itself left out), by group. */
export function cpuByGroup(root: number): Record<CpuGroup, number> {
  const procs: ProcStat[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const p = parseStat(readText(`/proc/${d}/stat`));
    if (p) procs.push(p);
  }
  const children = new Map<number, ProcStat[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const total = Object.fromEntries(CPU_GROUPS.map((g) => [g, 0])) as Record<CpuGroup, number>;
  const walk = (pid: number, inherited: CpuGroup | null) => {
    for (const c of children.get(pid) ?? []) {
      // A process started by a worker or the API belongs to it; the servers' own children to them.
      const group = inherited ?? groupOf(c.comm, readText(`/proc/${c.pid}/cmdline`).replace(/\0/g, ' '));
      total[group] += c.ticks / TICKS_PER_SECOND;
      // The children's own time is in their parent's cutime only once they have exited and been
      // reaped: a live child is counted by itself, as the walk reaches it.
      walk(c.pid, group === 'other' ? null : group);
    }
  };
  walk(root, null);
  return total;
}

/** The whole machine's busy and total time so far (/proc/stat's first line), in seconds of all cores. */
export function machineTime(): { busy: number; total: number } {
  const cpu = readText('/proc/stat').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / TICKS_PER_SECOND, total: (busy + idle + iowait) / TICKS_PER_SECOND };
}

export interface CpuSample { at: number; groups: Record<CpuGroup, number>; busy: number; total: number }

/** Samples every `everyMs` until stopped; returns what it saw (one sample at start and at stop too). */
export function startCpuSampler(root = process.pid, everyMs = 500): { stop(): CpuSample[] } {
  const samples: CpuSample[] = [];
  const take = () => samples.push({ at: Date.now() / 1000, groups: cpuByGroup(root), ...machineTime() });
  take();
  const timer = setInterval(take, everyMs);
  return { stop: () => (clearInterval(timer), take(), samples) };
}

/** A cumulative figure at a moment, interpolated between the samples around it. */
export function valueAt(samples: readonly CpuSample[], at: number, pick: (s: CpuSample) => number): number {
  if (!samples.length) return 0;
  if (at <= samples[0]!.at) return pick(samples[0]!);
  for (let i = 1; i < samples.length; i++) {
    const b = samples[i]!;
    if (at <= b.at) {
      const a = samples[i - 1]!;
      const f = b.at === a.at ? 1 : (at - a.at) / (b.at - a.at);
      return pick(a) + f * (pick(b) - pick(a));
    }
  }
  return pick(samples[samples.length - 1]!);
}

/** CPU seconds each group used within the given spans (summed), and the machine's busy share. */
export function cpuWithin(samples: readonly CpuSample[], spans: ReadonlyArray<{ from: number; to: number }>) {
  const groups = Object.fromEntries(CPU_GROUPS.map((g) => [g, 0])) as Record<CpuGroup, number>;
  let busy = 0;
  let total = 0;
  for (const { from, to } of spans) {
    for (const g of CPU_GROUPS) groups[g] += valueAt(samples, to, (s) => s.groups[g]) - valueAt(samples, from, (s) => s.groups[g]);
    busy += valueAt(samples, to, (s) => s.busy) - valueAt(samples, from, (s) => s.busy);
    total += valueAt(samples, to, (s) => s.total) - valueAt(samples, from, (s) => s.total);
  }
  return { groups, busy, total };
}
