import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { expect, it } from 'vitest';
import { stripLayout } from './layout-strip.ts';

const strip = async (text: string, above: number, below: number, chunk: number): Promise<string> => {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let k = 0; k < bytes.length; k += chunk) parts.push(bytes.subarray(k, k + chunk));
  return (await buffer(Readable.from(parts).pipe(stripLayout(above, below)))).toString();
};

it('keeps the header and data only, however the bytes arrive', async () => {
  const table = 'a,b\r\n1,"x\ny"\r\n2,z\r\n';
  const file = `天津市…汇总表（双公示）\r\n填报单位：…\r\n\r\n${table}\r\n合计,2条\r\n填报人：王红\r\n`;
  for (const chunk of [1, 3, 7, 1 << 20]) expect(await strip(file, 3, 3, chunk)).toBe(table);
  expect(await strip(table, 0, 0, 5)).toBe(table);
});
