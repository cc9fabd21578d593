// CSV source: streams a file of any size through the decoder and papaparse; memory stays bounded
// by one chunk of text, whatever the file's size.
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { OpenedSource, SourceConnector, SourceRow } from '../types.ts';
import { detectEncoding } from './encoding.ts';
import { HEAD_BYTES, readHead } from '../read-head.ts';


function parseStream(filePath: string, encoding: string): { rows: AsyncIterable<string[]>; close(): void } {
  const file = createReadStream(filePath, { highWaterMark: 256 * 1024 });
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: false }) as unknown as NodeJS.ReadWriteStream & AsyncIterable<string[]> & { destroy(): void };
  file.pipe(iconv.decodeStream(encoding, { stripBOM: true })).pipe(parser);
  file.on('error', (e) => parser.emit('error', e));
  return { rows: parser, close: () => { file.destroy(); parser.destroy(); } };
}

const isBlank = (cells: string[]): boolean => cells.every((c) => c.trim() === '');

export const csvSource: SourceConnector = {
  kind: 'source',
  id: 'csv',
  accepts(fileName, head) {
    if (!/\.(csv|txt)$/i.test(fileName)) return false;
    // A CSV has no NUL bytes; a ZIP (XLSX) or other binary renamed .csv does.
    return !head.subarray(0, 4096).includes(0) && !(head[0] === 0x50 && head[1] === 0x4b);
  },
  async open(filePath): Promise<OpenedSource> {
    const head = await readHead(filePath);
    const encoding = detectEncoding(head, head.length === HEAD_BYTES);
    const stream = parseStream(filePath, encoding);
    const iterator = stream.rows[Symbol.asyncIterator]();
    const first = await iterator.next();
    const headers = first.done ? [] : (first.value as string[]).map((h) => h.trim());
    let consumed = false;
    return {
      headers,
      encoding,
      async *rows(): AsyncGenerator<SourceRow> {
        if (consumed) throw new Error('rows() can be read once');
        consumed = true;
        let rowNo = 0;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          rowNo++;
          const cells = next.value as string[];
          if (!isBlank(cells)) yield { rowNo, cells };
        }
      },
      async close() {
        stream.close();
      },
    };
  },
};

export default csvSource;
