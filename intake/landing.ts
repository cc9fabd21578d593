// The landing area: an uploaded file is streamed to disk while its SHA-256 is computed, then kept
// under its hash and a name of its own upload, so the workers read the very bytes that were
// received. Each upload owns its landed file: the upload that lands it is the only one that may
// delete it (when the file is refused, or is the same batch as one already received), so two
// concurrent uploads of the same bytes never delete the file the other's batch reads.
// In production the folder is a volume shared by the API and the workers.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dataError } from '../domain/errors.ts';

export interface LandedFile {
  path: string;
  sha256: string;
  bytes: number;
}

export async function landFile(dataDir: string, source: Readable, fileName: string, maxBytes: number): Promise<LandedFile> {
  const dir = path.join(dataDir, 'landing');
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.incoming-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        done(dataError('CDF_UPLOAD_TOO_LARGE', {
          zh: `文件 ${fileName} 超过允许的大小 ${Math.round(maxBytes / 1048576)} MB`,
          en: `file ${fileName} is larger than the allowed ${Math.round(maxBytes / 1048576)} MB`,
        }, { file: fileName }));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(tmp));
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  const sha256 = hash.digest('hex');
  const ext = path.extname(fileName).toLowerCase().replace(/[^.a-z0-9]/g, '');
  const final = path.join(dir, `${sha256}-${randomUUID().slice(0, 8)}${ext}`);
  await rename(tmp, final);
  return { path: final, sha256, bytes: (await stat(final)).size };
}
