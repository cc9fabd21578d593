import { open } from 'node:fs/promises';

export const HEAD_BYTES = 64 * 1024;

/** The first bytes of a file: enough to sniff its format, encoding and header row. */
export async function readHead(filePath: string, bytes = HEAD_BYTES): Promise<Buffer> {
  const fh = await open(filePath, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
