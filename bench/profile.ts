// `npm run bench:profile -- <folder or .cpuprofile files>`: sums the worker's CPU profiles (made
// with CDF_WORKER_PROFILE_DIR, bench/README.md) and prints the functions that took the most CPU,
// by their own time and with what they called (bench/profile/summary.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { summarize, topLines } from './profile/summary.ts';
import type { CpuProfile } from './profile/summary.ts';

function fail(zh: string, en: string): never {
  console.error(`${zh} / ${en}`);
  process.exit(2);
}

function profileFiles(args: string[]): string[] {
  return args.flatMap((a) => {
    let folder: boolean;
    try {
      folder = statSync(a).isDirectory();
    } catch {
      fail(`找不到 ${a}`, `${a} does not exist: give the folder CDF_WORKER_PROFILE_DIR named, or .cpuprofile files`);
    }
    return folder ? readdirSync(a).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(a, f)) : [a];
  });
}

function readProfile(file: string): CpuProfile {
  try {
    const p = JSON.parse(readFileSync(file, 'utf8')) as Partial<CpuProfile>;
    if (Array.isArray(p.nodes) && Array.isArray(p.samples) && Array.isArray(p.timeDeltas)) return p as CpuProfile;
  } catch {
    // Told below, with the file's name.
  }
  fail(`${file} 不是 CPU 性能分析文件`, `${file} is not a CPU profile (a .cpuprofile file holds nodes, samples and timeDeltas)`);
}

const files = profileFiles(process.argv.slice(2));
if (!files.length) fail('没有 .cpuprofile 文件', 'no .cpuprofile files: give the folder CDF_WORKER_PROFILE_DIR named, or the files');
const s = summarize(files.map(readProfile));
console.log(`${files.length} profiles, ${(s.busyMs / 1000).toFixed(1)} s busy (idle left out)`);
console.log('--- own time / self');
console.log(topLines(s.self, s.busyMs, 30).join('\n'));
console.log('--- including callees / total');
console.log(topLines(s.total, s.busyMs, 40).join('\n'));
