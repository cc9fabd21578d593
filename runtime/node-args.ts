// How the factory starts its Node processes (the worker and the API): TypeScript through tsx's
// loader, and, for measuring only, the worker's CPU profile. A profile is written by every thread
// of the worker (its clean threads too) when the process exits, one .cpuprofile file each, which
// Chrome's DevTools or any cpuprofile reader opens: bench/README.md, "where a run's time goes".

import path from 'node:path';

/** Node's arguments for `entry` (relative to the project's `root`); `profileDir`
 * (CDF_WORKER_PROFILE_DIR) profiles the worker processes only. */
export function nodeArgs(root: string, entry: string, profileDir: string | undefined): string[] {
  const profile = profileDir && entry.startsWith('worker/') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return [...profile, '--import', 'tsx', path.join(root, entry)];
}
