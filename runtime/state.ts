// While `cdf start` runs it records where its services are in <data>/runtime.json, so other
// `cdf` commands on the machine find them without any environment variables.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface RuntimeState {
  pid: number;
  /** The URL the API and the workers use (the application role's when separated). */
  databaseUrl: string;
  /** The owner's URL, for migrations (`cdf db migrate`) only. */
  ownerUrl?: string;
  temporalAddress: string;
  temporalNamespace: string;
  temporalUiUrl: string | undefined;
  apiUrl: string;
}

const file = (dataDir: string): string => path.join(dataDir, 'runtime.json');

export function writeState(dataDir: string, state: RuntimeState): void {
  writeFileSync(file(dataDir), JSON.stringify(state, null, 2), { mode: 0o600 });
}

export function readState(dataDir: string): RuntimeState | undefined {
  if (!existsSync(file(dataDir))) return undefined;
  const state = JSON.parse(readFileSync(file(dataDir), 'utf8')) as RuntimeState;
  try {
    process.kill(state.pid, 0);
    return state;
  } catch {
    return undefined; // the start process that wrote it is gone
  }
}

export function clearState(dataDir: string): void {
  rmSync(file(dataDir), { force: true });
}
