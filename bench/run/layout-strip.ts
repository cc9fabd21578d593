// For the COPY baseline of an agencies-mode file: the bytes of the table alone, without the title
// lines above the header and the footer below the data (no column count fits those lines). Streams:
// drops the first `above` lines as they pass and holds back only the tail where the footer sits.
import { Transform } from 'node:stream';

const NL = 0x0a;

export function stripLayout(above: number, below: number): Transform {
  let skip = above;
  let held = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      let buf = chunk;
      while (skip > 0 && buf.length) {
        const nl = buf.indexOf(NL);
        if (nl < 0) { buf = Buffer.alloc(0); break; }
        buf = buf.subarray(nl + 1);
        skip--;
      }
      held = Buffer.concat([held, buf]);
      // Keep the last 64 KB back: far more than any footer.
      if (held.length > 1 << 17) {
        this.push(held.subarray(0, held.length - (1 << 16)));
        held = Buffer.from(held.subarray(held.length - (1 << 16)));
      }
      done();
    },
    flush(done) {
      let end = held.length;
      for (let k = 0; k < below && end > 0; k++) end = held.lastIndexOf(NL, end - 2) + 1;
      this.push(held.subarray(0, end));
      done();
    },
  });
}
