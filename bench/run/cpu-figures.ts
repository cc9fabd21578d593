// The benchmark's CPU figures (bench/README.md, `cpu`): microseconds of processor time per data row,
// for the whole pipeline and for each step, by process group, and how busy the machine was meanwhile
// (a share of all its cores; what our processes did not use went to other work on the machine).
import { CPU_GROUPS, cpuWithin } from './cpu.ts';
import type { CpuGroup, CpuSample } from './cpu.ts';
import type { StepSpan } from './measure.ts';

export type MicrosByGroup = Record<CpuGroup | 'total', number>;

export interface CpuFigures {
  /** µs of CPU a data row over the pipeline's wall time, by group. */
  microsPerRow: MicrosByGroup;
  /** The same within each step's spans (the steps of one batch do not overlap; batches run in turn),
   * with the share of all cores busy meanwhile: what a step leaves idle, more parallel work could use. */
  steps: Record<string, MicrosByGroup & { machineBusy: number }>;
  /** Share of all cores busy during the pipeline: by any process, and by the factory's. */
  machineBusy: number;
  factoryBusy: number;
  cores: number;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round3 = (n: number): number => Math.round(n * 1000) / 1000;

function perRow(groups: Record<CpuGroup, number>, rows: number): MicrosByGroup {
  const out = Object.fromEntries(CPU_GROUPS.map((g) => [g, round1((groups[g] * 1e6) / rows)])) as MicrosByGroup;
  out.total = round1((CPU_GROUPS.reduce((a, g) => a + groups[g], 0) * 1e6) / rows);
  return out;
}

export function cpuFigures(
  samples: readonly CpuSample[], spans: readonly StepSpan[], pipeline: { from: number; to: number }, rows: number, steps: readonly string[],
): CpuFigures {
  const whole = cpuWithin(samples, [pipeline]);
  const wall = pipeline.to - pipeline.from;
  const ours = CPU_GROUPS.reduce((a, g) => a + whole.groups[g], 0);
  const cores = whole.total / Math.max(wall, 1e-9);
  return {
    microsPerRow: perRow(whole.groups, rows),
    steps: Object.fromEntries(steps.map((s) => {
      const w = cpuWithin(samples, spans.filter((x) => x.step === s));
      return [s, { ...perRow(w.groups, rows), machineBusy: round3(w.total ? w.busy / w.total : 0) }];
    })),
    machineBusy: round3(whole.total ? whole.busy / whole.total : 0),
    factoryBusy: round3(whole.total ? ours / whole.total : 0),
    cores: Math.round(cores),
  };
}
