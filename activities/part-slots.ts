// How many parts of a split step one worker process works on at once. Each clean part runs in a
// clean thread of its own (clean/threads.ts): one per core uses every core the process has, and
// each holds its chunk in memory (with eight clean parts at once on the main thread a worker peaked
// at 949 MB at 1,000,000 rows and 1,014 MB at 3,000,000; with two threads, their heaps bounded,
// 861 MB at 1,000,000). The others wait here, heartbeating, until a slot frees; other worker
// processes polling the queue take the rest of the parts meanwhile.
import os from 'node:os';

export class PartSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {}

  /** Runs `work` in a slot; `beat` is called every `everyMs` while it waits for one. */
  async run<T>(work: () => Promise<T>, beat: () => void = () => undefined, everyMs = 5000): Promise<T> {
    if (this.running < this.size) this.running++;
    else {
      const timer = setInterval(beat, everyMs);
      // The slot passes straight from the part that frees it to the next waiting one.
      await new Promise<void>((resolve) => this.waiting.push(resolve)).finally(() => clearInterval(timer));
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Clean parts (threads) at once in this process: one per core, at least two (one cleans while the
 * other's chunk is written). */
export const cleanSlots = new PartSlots(Math.max(2, os.availableParallelism()));

/** Set-based parts (one statement each, such as compare's key ranges) at once in this process: one
 * per core, so they hold at most that many of the pool's connections and leave the rest to the
 * batch's other work; more worker processes take more parts. */
export const sqlSlots = new PartSlots(Math.max(2, os.availableParallelism()));
