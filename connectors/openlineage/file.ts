// The file target: a run's events appended to an NDJSON file, one event per line, for tools that
// import OpenLineage from files (or for shipping later). A whole run goes in one write() on a file
// opened for appending (O_APPEND): the kernel moves to the end and writes in one step, so two
// workers finishing batches at the same moment each add their lines whole and in order, and a
// reader never sees half a run. Writing a temporary file and renaming it over the log would
// need to copy the whole log every time, and of two workers doing so at once the last rename would
// silently drop the other's events. (On a network file system O_APPEND is not atomic: give each
// worker its own file there.) A retried emit appends the run again with the same run ids; an
// importer keeps one event per (runId, eventType).
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { transientError } from '../../domain/errors.ts';
import type { RunEvent } from '../../domain/lineage/openlineage.ts';

export async function appendEvents(file: string, events: RunEvent[]): Promise<void> {
  if (!events.length) return;
  const bytes = Buffer.from(events.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8');
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const handle = await open(file, 'a');
    try {
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length);
      // A short write on a local file means the disk is full: say so rather than leave half a run.
      if (bytesWritten !== bytes.length) throw new Error(`wrote ${bytesWritten} of ${bytes.length} bytes`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw transientError('CDF_OPENLINEAGE_FILE', {
      zh: `无法写入 OpenLineage 事件文件 ${file}：${why}`,
      en: `cannot write the OpenLineage event file ${file}: ${why}`,
    }, { file }, e);
  }
}
