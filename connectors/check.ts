// check(): can this connector work here, now? An expected failure is a value with a stable code
// and a bilingual explanation, never a throw. Three codes cover every connector:
// - CDF_SOURCE_UNREADABLE: a source's file is missing, not a file or not readable;
// - CDF_SINK_CONFIG: a sink's configuration cannot work (a bad URL, an environment variable unset);
// - CDF_SINK_UNAVAILABLE: it could, but the target refuses (a folder not writable, a database
//   that does not answer or will not let us create the table).
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { CdfError, code, isCdfError } from '../domain/errors.ts';
import type { CheckResult } from './types.ts';

export const SOURCE_UNREADABLE = code('CDF_SOURCE_UNREADABLE');
export const SINK_CONFIG = code('CDF_SINK_CONFIG');
export const SINK_UNAVAILABLE = code('CDF_SINK_UNAVAILABLE');

export const refuse = (code: string, zh: string, en: string): CheckResult => ({ ok: false, code, zh, en });

export const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A file source's check(): the file is there, is a file and this process may read it. Whether
 * its content is valid is the pipeline's to say when it reads it. */
export async function checkReadableFile(filePath: string): Promise<CheckResult> {
  const no = (zh: string, en: string) => refuse(SOURCE_UNREADABLE, zh, en);
  try {
    if (!(await stat(filePath)).isFile()) return no(`${filePath} 不是文件`, `${filePath} is not a file`);
    await access(filePath, constants.R_OK);
    return { ok: true };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return no(`文件 ${filePath} 不存在`, `the file ${filePath} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') return no(`没有读取文件 ${filePath} 的权限`, `no permission to read the file ${filePath}`);
    return no(`无法读取文件 ${filePath}：${reason(e)}`, `cannot read the file ${filePath}: ${reason(e)}`);
  }
}

/** A source's refusal of a file's content ("第 3 行…", "line 3 …") with the name the file was
 * uploaded under: the connector reads a landed copy and does not know it. Anything else as it is. */
export function namingFile(e: unknown, fileName: string): unknown {
  if (!isCdfError(e) || e.messages.zh.includes(fileName)) return e;
  return new CdfError(e.kind, e.code, { zh: `文件 ${fileName} ${e.messages.zh}`, en: `${fileName}: ${e.messages.en}` }, { ...e.context, file: fileName });
}
