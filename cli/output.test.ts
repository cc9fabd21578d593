import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { READER_GONE, endQuietlyWhenReaderCloses } from './output.ts';

const failure = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`write ${code}`), { code });

describe('endQuietlyWhenReaderCloses', () => {
  it('ends with 141 when the reader has gone (EPIPE), as `git log | head` does', () => {
    const out = new PassThrough();
    const codes: number[] = [];
    endQuietlyWhenReaderCloses(out, (c) => codes.push(c));
    out.emit('error', failure('EPIPE'));
    expect(codes).toEqual([READER_GONE]);
    expect(READER_GONE).toBe(128 + 13);
  });

  it('leaves any other write error to be reported', () => {
    const out = new PassThrough();
    const codes: number[] = [];
    endQuietlyWhenReaderCloses(out, (c) => codes.push(c));
    expect(() => out.emit('error', failure('ENOSPC'))).toThrow('write ENOSPC');
    expect(codes).toEqual([]);
  });
});
