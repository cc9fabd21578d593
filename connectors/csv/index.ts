// CSV source: streams a file of any size through the decoder and papaparse; memory stays bounded
// by one chunk of text, whatever the file's size. Every non-blank record comes out with its
// physical line, so the pipeline can tell a clerk where a row is even after multi-line cells.
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { OpenedSource, SourceConnector, SourceLine } from '../types.ts';
import { detectEncoding } from './encoding.ts';
import { HEAD_BYTES, readHead } from '../read-head.ts';
import { checkReadableFile } from '../check.ts';


function parseStream(filePath: string, encoding: string): { rows: AsyncIterable<string[]>; close(): void } {
  const file = createReadStream(filePath, { highWaterMark: 256 * 1024 });
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: false }) as unknown as NodeJS.ReadWriteStream &
    AsyncIterable<string[]> & { destroy(): void };
  file.pipe(iconv.decodeStream(encoding, { stripBOM: true })).pipe(parser);
  file.on('error', (e) => parser.emit('error', e));
  return { rows: parser, close: () => { file.destroy(); parser.destroy(); } };
}

const isBlank = (cells: string[]): boolean => cells.every((c) => c.trim() === '');
const lineBreaks = (cell: string): number => cell.match(/\r\n|\r|\n/g)?.length ?? 0;

export const csvSource: SourceConnector = {
  kind: 'source',
  id: 'csv',
  accepts(fileName, head) {
    if (!/\.(csv|txt)$/i.test(fileName)) return false;
    // A CSV has no NUL bytes; a ZIP (XLSX) or other binary renamed .csv does.
    return !head.subarray(0, 4096).includes(0) && !(head[0] === 0x50 && head[1] === 0x4b);
  },
  check: checkReadableFile,
  async open(filePath): Promise<OpenedSource> {
    const head = await readHead(filePath);
    const encoding = detectEncoding(head, head.length === HEAD_BYTES);
    const stream = parseStream(filePath, encoding);
    let consumed = false;
    return {
      encoding,
      gridded: false,
      async *lines(): AsyncGenerator<SourceLine> {
        if (consumed) throw new Error('lines() can be read once');
        consumed = true;
        let index = 0;
        let line = 1;
        for await (const cells of stream.rows) {
          index++;
          if (!isBlank(cells)) yield { index, line, cells };
          // The next record starts after this one's line breaks, those inside quoted cells too.
          line += 1 + cells.reduce((n, c) => n + lineBreaks(c), 0);
        }
      },
      async close() {
        stream.close();
      },
    };
  },
};

export default csvSource;
