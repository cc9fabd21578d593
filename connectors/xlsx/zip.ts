// A workbook's zip, read through its central directory: each part is found where the directory says
// and inflated on its own, only when needed and only as fast as its reader takes it, never written
// to disk. exceljs's own reader walks the zip front to back and parks every worksheet that comes
// before the shared strings in a temp file, unbounded; here nothing is inflated that is not read.
//
// A zip's declared sizes can lie, so the bytes are counted as they come out of the inflater: each
// part is bounded, all the parts read together are bounded, and a part that inflates far beyond its
// compressed size (past a floor no real part of a few MB reaches) is refused as the bomb it is.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import zlib from 'node:zlib';
import { refuse } from './limits.ts';
import type { Where, XlsxLimits } from './limits.ts';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** A workbook has tens of parts; a directory of a million is no workbook and is not held in memory. */
const MAX_ENTRIES = 65_535;
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;
const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Not a zip this reader takes: the caller turns it into "cannot read the workbook". */
export class ZipFormatError extends Error {}

/** What the reader of one workbook has inflated so far, shared by its parts. */
export interface Budget {
  limits: XlsxLimits;
  where: Where;
  inflated: number;
  /** Called about once a second while bytes are inflated (a caller heartbeats). */
  onProgress?: () => void;
  lastProgress: number;
}

export class WorkbookZip {
  private readonly byName = new Map<string, ZipEntry>();

  private constructor(
    private readonly filePath: string,
    private readonly fh: FileHandle,
    readonly entries: ZipEntry[],
    readonly budget: Budget,
  ) {
    for (const e of entries) this.byName.set(e.name.toLowerCase(), e);
  }

  static async open(filePath: string, budget: Budget): Promise<WorkbookZip> {
    const fh = await open(filePath, 'r');
    try {
      return new WorkbookZip(filePath, fh, await readDirectory(fh), budget);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /** A part by name; OPC part names are case-insensitive, and some writers prefix a slash. */
  find(name: string): ZipEntry | undefined {
    return this.byName.get(name.toLowerCase().replace(/^\//, ''));
  }

  async close(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }

  /** The part's bytes as they inflate, refused past `maxBytes` (and the workbook's bounds). `count`
   * false: a measuring pass, which checks the workbook's bound without adding to what it has read. */
  async *inflate(entry: ZipEntry, maxBytes: number, tooLarge = refuse.partTooLarge, opts: { count?: boolean } = {}): AsyncGenerator<Buffer> {
    const count = opts.count ?? true;
    const { limits, where } = this.budget;
    if (entry.flags & 1) throw new ZipFormatError(`the part ${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`the part ${entry.name} uses compression method ${entry.method}`);
    // A declared size is believed when it refuses, never when it admits.
    if (entry.size > maxBytes) throw tooLarge(where, entry.name, maxBytes);
    if (this.budget.inflated + entry.size > limits.maxInflatedBytes) throw refuse.workbookTooLarge(where, entry.name, limits.maxInflatedBytes);
    if (entry.compressedSize === 0) return;
    const start = await this.dataStart(entry);
    const raw = createReadStream(this.filePath, { start, end: start + entry.compressedSize - 1, highWaterMark: 64 * 1024 });
    const out = entry.method === 8 ? raw.pipe(zlib.createInflateRaw({ chunkSize: 64 * 1024 })) : raw;
    raw.on('error', (e) => out.destroy(e));
    const ratioLimit = Math.max(limits.ratioFloorBytes, entry.compressedSize * limits.maxRatio);
    let bytes = 0;
    try {
      for await (const chunk of out as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (count) this.budget.inflated += chunk.length;
        if (bytes > maxBytes) throw tooLarge(where, entry.name, maxBytes);
        if (bytes > ratioLimit) throw refuse.ratio(where, entry.name, entry.compressedSize, ratioLimit, limits.maxRatio);
        if (this.budget.inflated + (count ? 0 : bytes) > limits.maxInflatedBytes) {
          throw refuse.workbookTooLarge(where, entry.name, limits.maxInflatedBytes);
        }
        this.progress();
        yield chunk;
      }
    } finally {
      raw.destroy();
      out.destroy();
    }
  }

  /** The part decoded as UTF-8 text across chunk boundaries (a Chinese character may be cut by one). */
  async *text(entry: ZipEntry, maxBytes: number): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of this.inflate(entry, maxBytes)) {
      const s = decoder.decode(chunk, { stream: true });
      if (s) yield s;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }

  private progress(): void {
    const now = Date.now();
    if (now - this.budget.lastProgress < 1000) return;
    this.budget.lastProgress = now;
    this.budget.onProgress?.();
  }

  private async dataStart(entry: ZipEntry): Promise<number> {
    const head = Buffer.alloc(30);
    const { bytesRead } = await this.fh.read(head, 0, 30, entry.localOffset);
    if (bytesRead < 30 || head.readUInt32LE(0) !== LOCAL) throw new ZipFormatError(`the part ${entry.name} is not where the zip's directory says`);
    return entry.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  }
}

/** The central directory: found from the end record (after which only a comment of at most 64 KiB may follow). */
async function readDirectory(fh: FileHandle): Promise<ZipEntry[]> {
  const { size } = await fh.stat();
  const tail = Buffer.alloc(Math.min(size, 22 + 0xffff));
  await fh.read(tail, 0, tail.length, size - tail.length);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) { at = i; break; }
  }
  // A copy cut short ends before its directory (exceljs would wait for it forever).
  if (at < 0) throw new ZipFormatError('incomplete zip: the file is cut short');
  let count = tail.readUInt16LE(at + 10);
  let dirSize = tail.readUInt32LE(at + 12);
  let dirOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const loc = at - 20;
    if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR) throw new ZipFormatError('a zip64 directory without its locator');
    const rec = Buffer.alloc(56);
    await fh.read(rec, 0, 56, Number(tail.readBigUInt64LE(loc + 8)));
    if (rec.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipFormatError('a zip64 directory record is missing');
    count = Number(rec.readBigUInt64LE(32));
    dirSize = Number(rec.readBigUInt64LE(40));
    dirOffset = Number(rec.readBigUInt64LE(48));
  }
  if (count > MAX_ENTRIES || dirSize > MAX_DIRECTORY_BYTES) throw new ZipFormatError(`the zip lists ${count} files, which no workbook has`);
  if (dirOffset + dirSize > size) throw new ZipFormatError('incomplete zip: its directory lies beyond the end of the file');
  const dir = Buffer.alloc(dirSize);
  await fh.read(dir, 0, dirSize, dirOffset);
  const entries: ZipEntry[] = [];
  for (let p = 0; entries.length < count; ) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError('the zip\'s directory is damaged');
    const flags = dir.readUInt16LE(p + 8);
    const nameLen = dir.readUInt16LE(p + 28);
    const extraLen = dir.readUInt16LE(p + 30);
    const commentLen = dir.readUInt16LE(p + 32);
    const name = dir.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    const e: ZipEntry = {
      name, flags, method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20), size: dir.readUInt32LE(p + 24), localOffset: dir.readUInt32LE(p + 42),
    };
    zip64Sizes(e, dir.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    if (e.localOffset + 30 > size || e.localOffset + e.compressedSize > size) throw new ZipFormatError(`incomplete zip: the part ${name} is cut short`);
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Sizes and offsets too large for 32 bits are in the zip64 extra field, in this order. */
function zip64Sizes(e: ZipEntry, extra: Buffer): void {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const len = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let q = i + 4;
      const next = (): number => { const v = q + 8 <= i + 4 + len ? Number(extra.readBigUInt64LE(q)) : NaN; q += 8; return v; };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localOffset === 0xffffffff) e.localOffset = next();
      if ([e.size, e.compressedSize, e.localOffset].some(Number.isNaN)) throw new ZipFormatError('a damaged zip64 field');
      return;
    }
    i += 4 + len;
  }
}
