// The file sink can deliver when its folder is writable, or can be created: the nearest folder
// that exists on the way to it is a folder this process may write into. Nothing is created.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { reason, refuse, SINK_CONFIG, SINK_UNAVAILABLE } from '../check.ts';
import type { CheckResult } from '../types.ts';

async function nearestExisting(dir: string): Promise<{ at: string; isDir: boolean }> {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    try {
      return { at, isDir: (await stat(at)).isDirectory() };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || at === path.dirname(at)) throw e;
    }
  }
}

export async function checkFileSink(config: Record<string, unknown>): Promise<CheckResult> {
  const dir = config.dir;
  if (typeof dir !== 'string' || !dir) return refuse(SINK_CONFIG, '文件投递没有目标文件夹（dir）', 'the file drop has no folder (dir)');
  const format = config.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') {
    const got = JSON.stringify(format);
    return refuse(SINK_CONFIG, `文件格式应为 ndjson 或 csv，实为 ${got}`, `the format should be ndjson or csv; got ${got}`);
  }
  if (format === 'csv' && !config.dataset) return refuse(SINK_CONFIG, 'CSV 投递需要知道数据集（dataset）', 'a CSV delivery needs its dataset');
  try {
    const { at, isDir } = await nearestExisting(dir);
    if (!isDir) {
      return refuse(SINK_UNAVAILABLE, `无法创建文件夹 ${dir}：${at} 是文件而不是文件夹`, `cannot create the folder ${dir}: ${at} is a file, not a folder`);
    }
    await access(at, constants.W_OK | constants.X_OK);
    return { ok: true };
  } catch (e) {
    return refuse(SINK_UNAVAILABLE, `无法写入文件夹 ${dir}：${reason(e)}`, `cannot write to the folder ${dir}: ${reason(e)}`);
  }
}
