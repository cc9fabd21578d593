// Streaming file output with bounded memory: lines are gathered into ~64 KB chunks, encoded
// (UTF-8 or GB18030 via iconv-lite, one chunk at a time) and written with backpressure: when the
// stream's buffer is full the generator waits for 'drain' instead of queueing more.
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';

const CHUNK_CHARS = 64 * 1024;

export class LineSink {
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private chars = 0;
  private error: Error | null = null;
  bytes = 0;

  constructor(readonly path: string, private readonly encoding: 'utf-8' | 'gb18030' = 'utf-8', bom = false) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.stream.on('error', (e) => { this.error = e; });
    if (bom) this.writeBuffer(Buffer.from([0xef, 0xbb, 0xbf]));
  }

  /** Queues a line; returns a promise only when the caller must wait (a full chunk met a full stream). */
  add(line: string): Promise<void> | undefined {
    this.parts.push(line);
    this.chars += line.length;
    return this.chars >= CHUNK_CHARS ? this.flush() : undefined;
  }

  flush(): Promise<void> | undefined {
    if (this.error) return Promise.reject(this.error);
    if (this.parts.length === 0) return undefined;
    const text = this.parts.join('');
    this.parts = [];
    this.chars = 0;
    const buf = this.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
    return this.writeBuffer(buf) ? undefined : once(this.stream, 'drain').then(() => undefined);
  }

  private writeBuffer(buf: Buffer): boolean {
    this.bytes += buf.length;
    return this.stream.write(buf);
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.error) throw this.error;
  }
}
