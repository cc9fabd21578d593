// The fault injector of test/faults.test.ts: a seeded plan of worker kills and server restarts,
// each struck a seeded random moment after the factory is seen doing work (a batch unfinished and
// rows being written), so a kill lands in the middle of a step rather than on an idle worker.
// Uploads and outages take turns through a gate: an upload is not begun while a server is down
// (a user would see the refusal and retry; the test wants the outage inside a batch instead).
import { mulberry32 } from '../../domain/codes/index.ts';

/** 'kill-distribute': a kill aimed at the distribute step (the one that writes files outside PostgreSQL). */
export type FaultKind = 'kill' | 'kill-distribute' | 'postgres' | 'temporal';

export interface Fault {
  kind: FaultKind;
  /** Seconds since the injector started. */
  at: number;
  /** The steps the unfinished batches were in when it struck. */
  steps: string[];
  /** How long the server stayed down (restarts only). */
  downMs?: number;
}

export class Gate {
  private outage: Promise<void> | null = null;
  private uploads = 0;

  async upload<T>(fn: () => Promise<T>): Promise<T> {
    while (this.outage) await this.outage;
    this.uploads++;
    try {
      return await fn();
    } finally {
      this.uploads--;
    }
  }

  async outageDuring(fn: () => Promise<void>): Promise<void> {
    while (this.uploads > 0 || this.outage) await sleep(100);
    this.outage = fn().finally(() => { this.outage = null; });
    await this.outage;
  }
}

export interface ChaosTargets {
  /** The steps of the batches not yet finished, and a counter of rows written that rises while work is done. */
  progress(): Promise<{ steps: string[]; written: number }>;
  workerReady(): Promise<void>;
  kill(): Promise<void>;
  restartPostgres(downMs: number): Promise<void>;
  restartTemporal(downMs: number): Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Ten kills (one aimed at distribute) and one restart of each server, in a seeded order. */
export function faultPlan(seed: number, kills = 10): FaultKind[] {
  const rand = mulberry32(seed);
  const plan: FaultKind[] = [...Array<FaultKind>(kills - 1).fill('kill'), 'kill-distribute', 'postgres', 'temporal'];
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  return plan;
}

export interface Chaos {
  done: Fault[];
  /** Ends the injection (the schedule is through); resolves when no fault is under way. */
  stop(): Promise<void>;
  /** Resolves when the whole plan has been carried out. */
  finished: Promise<void>;
}

export function startChaos(seed: number, plan: FaultKind[], targets: ChaosTargets, gate: Gate, log: (line: string) => void): Chaos {
  const rand = mulberry32(seed ^ 0x5eed);
  const started = Date.now();
  const done: Fault[] = [];
  let stopped = false;

  /** Waits for work being done: a batch unfinished and rows written between two looks; for the kill
   * aimed at distribute (it writes files, not rows), a batch seen entering that step. Errors (the
   * database is restarting) count as not busy. */
  async function busy(wanted: (steps: string[]) => boolean, entering: boolean): Promise<string[] | null> {
    await targets.workerReady();
    let before: number | undefined;
    let sawOther = false;
    // A wait this long means the factory is stuck, not slow: say so, so a stall is not silent.
    let quietSince = Date.now();
    while (!stopped) {
      if (Date.now() - quietSince > 60_000) {
        log(`no work seen for ${Math.round((Date.now() - quietSince) / 1000)} s (waiting to strike ${done.length + 1}/${plan.length})`);
        quietSince = Date.now();
      }
      try {
        const { steps, written } = await targets.progress();
        if (wanted(steps) && (entering ? sawOther : before !== undefined && written > before)) return steps;
        sawOther ||= steps.length > 0 && !wanted(steps);
        before = written;
      } catch {
        before = undefined;
      }
      await sleep(400);
    }
    return null;
  }

  const finished = (async () => {
    for (const kind of plan) {
      const wanted = kind === 'kill-distribute' ? (steps: string[]) => steps.includes('distribute') : (steps: string[]) => steps.length > 0;
      for (;;) {
        if (!(await busy(wanted, kind === 'kill-distribute'))) return;
        await sleep(kind === 'kill-distribute' ? 100 + Math.floor(rand() * 600) : 300 + Math.floor(rand() * 3000));
        let steps: string[];
        try {
          steps = (await targets.progress()).steps;
        } catch {
          continue;
        }
        if (stopped) return;
        if (!wanted(steps)) continue; // the batch ended (or left the step) meanwhile: wait for the next
        const at = Math.round((Date.now() - started) / 100) / 10;
        if (kind === 'kill' || kind === 'kill-distribute') {
          await targets.kill();
          done.push({ kind, at, steps });
        } else {
          const downMs = 2000 + Math.floor(rand() * 3000);
          await gate.outageDuring(() => (kind === 'postgres' ? targets.restartPostgres(downMs) : targets.restartTemporal(downMs)));
          done.push({ kind, at, steps, downMs });
        }
        log(`fault ${done.length}/${plan.length}: ${kind} at ${at} s during ${steps.join(', ')}`);
        break;
      }
    }
  })();
  return {
    done,
    finished,
    async stop() {
      stopped = true;
      await finished;
    },
  };
}
