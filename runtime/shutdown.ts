// What to stop, in reverse order of starting. Created before anything starts, so a Ctrl-C at any
// moment of start-up (even while a build or a health wait is running) stops what is already up.
export class Shutdown {
  private readonly stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  private running: Promise<void> | undefined;
  /** Set by a signal that arrives while start-up is still running; start-up checks it between phases. */
  requested = false;

  add(name: string, stop: () => Promise<void>): void {
    this.stops.push({ name, stop });
  }

  get started(): boolean {
    return this.running !== undefined;
  }

  /** On SIGINT, SIGTERM or SIGHUP: mark it requested, stop everything, exit 130 (a script's Ctrl-C). */
  exitOnSignals(log: (line: string) => void): void {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        this.requested = true;
        void this.run(log).then(() => process.exit(130));
      });
    }
  }

  /** Stops everything registered, newest first, once; later calls wait for the same run. */
  run(log: (line: string) => void = () => undefined): Promise<void> {
    this.running ??= (async () => {
      for (const { name, stop } of this.stops.reverse()) {
        await stop().catch((e: unknown) => log(`stop ${name}: ${(e as Error).message}`));
      }
    })();
    return this.running;
  }
}
