// After `vite build`: a gzip and a brotli copy of each text asset beside it, which the server sends
// to a browser that accepts them (server/web.ts, preCompressed). The Ant Design chunk is ~1 MB as
// built and ~300 KB as brotli: the first screen on a district's network depends on it.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');
const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = path.join(dir, f);
  return statSync(p).isDirectory() ? walk(p) : [p];
});

let before = 0;
let after = 0;
for (const file of walk(dist).filter((f) => /\.(js|css|html|svg|json)$/.test(f))) {
  const body = readFileSync(file);
  if (body.length < 1024) continue;
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  before += body.length;
  after += br.length;
}
console.log(`web/dist: ${(before / 1024).toFixed(0)} KB of text assets, ${(after / 1024).toFixed(0)} KB as brotli`);
